import type { Account, LoginResponse } from '@shared/auth'
import { createAuthSession, deleteAuthSession, findAccountBySession, findAccountForLogin } from '../storage/accounts'
import type { Database } from '../storage/db'
import { decoyPasswordHash, verifyPassword } from './passwords'
import { defaultIdleMinutes, hashToken, newSessionToken, sessionLifetimeMs } from './tokens'

export async function login(
  db: Database,
  email: string,
  password: string,
  now = new Date(),
  idleMinutes = defaultIdleMinutes,
): Promise<LoginResponse | null> {
  const found = await findAccountForLogin(db, email)
  const valid = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), password)
  if (!found || !valid) return null
  const { token, tokenHash } = newSessionToken()
  await createAuthSession(db, found.account.id, tokenHash, new Date(now.getTime() + sessionLifetimeMs), {
    seconds: idleMinutes * 60,
    now,
  })
  return { token, account: found.account }
}

export function authenticate(db: Database, token: string, now = new Date()): Promise<Account | null> {
  return findAccountBySession(db, hashToken(token), now)
}

export function logout(db: Database, token: string): Promise<void> {
  return deleteAuthSession(db, hashToken(token))
}

/** The token from an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{32,256})$/.exec(header ?? '')
  return match?.[1] ?? null
}
