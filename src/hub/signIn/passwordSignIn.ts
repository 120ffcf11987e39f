import type { LoginResponse } from '@shared/auth'
import { recordAdminAction } from '../audit/adminAudit'
import { decoyPasswordHash, verifyPassword } from '../auth/passwords'
import { defaultIdleMinutes } from '../auth/tokens'
import { findAccountForLogin } from '../storage/accounts'
import type { Database } from '../storage/db'
import { mappedRole, resolveExternalAccount, startSession } from './externalAccounts'
import { authenticateWithDirectory, normaliseDn, type DirectoryAnswer } from './ldap'
import { directoriesFor, organisationSignIn } from './repository'
import type { SecretBox } from './secretBox'

/** The refusals a directory sign-in can meet (resolveExternalAccount's, and no role). */
type DirectoryRefusal = 'no_role' | 'no_account' | 'other_organisation' | 'disabled' | 'domain'

export type PasswordSignIn =
  | { kind: 'ok'; response: LoginResponse }
  | { kind: 'invalid' }
  | { kind: 'refused'; error: DirectoryRefusal }
  | { kind: 'unreachable' }

export interface PasswordSignInOptions {
  /** Opens the directory's bind password. */
  secrets: SecretBox
  now?: Date
  idleMinutes?: number
  /** The directory client; tests may count its calls. */
  directory?: typeof authenticateWithDirectory
}

/**
 * The e-mail/password form: the account's local password where the organisation allows local
 * passwords, then the organisation's LDAP directory. When local passwords are off, admins keep
 * theirs as the way back in if the directory or provider fails (each such sign-in is audited).
 */
export async function signInWithPassword(
  db: Database,
  email: string,
  password: string,
  options: PasswordSignInOptions,
): Promise<PasswordSignIn> {
  const now = options.now ?? new Date()
  const idleMinutes = options.idleMinutes ?? defaultIdleMinutes
  const found = await findAccountForLogin(db, email)
  const settings = found ? await organisationSignIn(db, options.secrets, found.account.organisation.id) : null
  const breakGlass = Boolean(found && settings && !settings.localPasswords && found.account.role === 'admin')
  const localAllowed = Boolean(found && settings && (settings.localPasswords || breakGlass))
  // Always one hash check, so timing does not tell which addresses have local passwords.
  const hash = localAllowed ? found!.passwordHash : await decoyPasswordHash()
  if ((await verifyPassword(hash, password)) && localAllowed) {
    const response = await startSession(db, found!.account.id, now, idleMinutes)
    if (breakGlass) {
      await recordAdminAction(db, found!.account, {
        action: 'sign_in.break_glass',
        target: { kind: 'settings', id: null, name: 'local password' },
        details: { reason: 'local passwords are off; an admin signed in with theirs' },
      })
    }
    return { kind: 'ok', response }
  }

  const organisationId = found?.account.organisation.id ?? (await directoriesFor(db, email))[0]
  if (!organisationId) return { kind: 'invalid' }
  const ldap = settings?.ldap ?? (await organisationSignIn(db, options.secrets, organisationId)).ldap
  if (!ldap) return { kind: 'invalid' }
  // Sealed under another key: binding with an empty password would be an anonymous bind.
  if (ldap.secretUnreadable || !ldap.bindPassword) return { kind: 'unreachable' }
  const answer: DirectoryAnswer = await (options.directory ?? authenticateWithDirectory)(ldap, email, password)
  if (answer.kind === 'invalid') return { kind: 'invalid' }
  if (answer.kind === 'unreachable') return { kind: 'unreachable' }
  const role = mappedRole(answer.groups, ldap.roleMappings, (a, b) => normaliseDn(a) === normaliseDn(b))
  if (!role) return { kind: 'refused', error: 'no_role' }
  const outcome = await db.transaction((tx) =>
    resolveExternalAccount(tx, {
      organisationId,
      email: answer.email,
      displayName: answer.displayName,
      role,
      identity: { kind: 'ldap', dn: answer.dn },
      emailTrusted: true,
      emailDomains: ldap.emailDomains,
      createAccounts: ldap.createAccounts,
    }),
  )
  if ('error' in outcome) return { kind: 'refused', error: outcome.error as DirectoryRefusal }
  return { kind: 'ok', response: await startSession(db, outcome.accountId, now, idleMinutes) }
}

/** What the sign-in form shows for each refusal (the Console words them in the person's language). */
export const passwordSignInMessages = {
  no_role: 'The directory knows you, but none of your groups gives a role here. Ask your administrator.',
  no_account: 'There is no account for you here yet. Ask your administrator.',
  other_organisation: 'This address belongs to an account of another organisation.',
  disabled: 'This account is deactivated.',
  domain: 'Sign-in through the directory is not allowed for this e-mail domain.',
  unreachable: 'The directory (LDAP) could not be reached. Try again later or tell your administrator.',
} as const
