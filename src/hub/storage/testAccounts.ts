import type { Account, Role } from '@shared/auth'
import { newSessionToken } from '../auth/tokens'
import { createAccount, createAuthSession, findAccountForLogin } from './accounts'
import type { Queryable } from './db'

/**
 * An account of the organisation, signed in for an hour, as hub tests need one: its e-mail address
 * is `<key>@example.org` and its name `key`. The password cannot be used: tests pass the token.
 */
export async function signedInAccount(
  db: Queryable,
  key: string,
  role: Role,
  organisationId: string,
): Promise<Account & { token: string }> {
  const email = `${key}@example.org`
  await createAccount(db, { organisationId, email, displayName: key, role, passwordHash: 'x' })
  const account = (await findAccountForLogin(db, email))!.account
  const { token, tokenHash } = newSessionToken()
  await createAuthSession(db, account.id, tokenHash, new Date(Date.now() + 3_600_000))
  return { ...account, token }
}
