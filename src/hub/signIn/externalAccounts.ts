import { randomUUID } from 'node:crypto'
import type { RoleMapping, SsoError } from '@shared/admin/signIn'
import { roles, type Account, type LoginResponse, type Role } from '@shared/auth'
import { createAuthSession } from '../storage/accounts'
import type { Queryable } from '../storage/db'
import { defaultIdleMinutes, newSessionToken, sessionLifetimeMs } from '../auth/tokens'

/**
 * Stored instead of a password hash for accounts that sign in only through a provider or the
 * directory: no password verifies against it, so such an account has no local password to guess.
 */
export const noLocalPassword = '!external'

/** The highest role any of the person's claim values or groups maps to, or null. */
export function mappedRole(
  personValues: readonly string[],
  mappings: readonly RoleMapping[],
  same: (a: string, b: string) => boolean = (a, b) => a === b,
): Role | null {
  let best = -1
  for (const mapping of mappings) {
    if (personValues.some((value) => same(value, mapping.value))) best = Math.max(best, roles.indexOf(mapping.role))
  }
  return best < 0 ? null : roles[best]!
}

/** Claim values as a list: a claim may be one string, a list, or absent. */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim]
  if (Array.isArray(claim)) return claim.filter((item): item is string => typeof item === 'string')
  return []
}

export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase()

export interface ExternalPerson {
  organisationId: string
  email: string
  displayName: string
  role: Role
  identity: { kind: 'oidc'; issuer: string; subject: string } | { kind: 'ldap'; dn: string }
  /** The provider or directory vouches for the address (OpenID `email_verified`, or a directory entry). */
  emailTrusted: boolean
  emailDomains: readonly string[]
  createAccounts: boolean
}

interface Row {
  id: string
  organisation_id: string
  disabled_at: string | null
  oidc_issuer: string | null
  oidc_subject: string | null
}

const columns = 'id, organisation_id, disabled_at, oidc_issuer, oidc_subject'

/**
 * The account of a person the provider or directory vouched for: by OpenID subject first, then
 * by e-mail address; created when the organisation allows it. Its role follows the directory on
 * every sign-in. Run it in a transaction.
 */
export async function resolveExternalAccount(
  tx: Queryable,
  person: ExternalPerson,
): Promise<{ accountId: string } | { error: SsoError }> {
  const email = person.email.toLowerCase()
  const domainAllowed = person.emailDomains.length === 0 || person.emailDomains.includes(domainOf(email))
  let [row] =
    person.identity.kind === 'oidc'
      ? await tx.query<Row>(`select ${columns} from accounts where oidc_issuer = $1 and oidc_subject = $2`, [
          person.identity.issuer,
          person.identity.subject,
        ])
      : []
  if (!row) {
    if (!domainAllowed) return { error: 'domain' }
    ;[row] = await tx.query<Row>(`select ${columns} from accounts where email = $1`, [email])
    if (row && person.identity.kind === 'oidc') {
      // Linking by address trusts the provider's word for it: only when it says the address is
      // verified or the admin named the domain (some providers let users set any address).
      if (!person.emailTrusted && person.emailDomains.length === 0) return { error: 'no_account' }
      if (row.oidc_subject && row.oidc_issuer === person.identity.issuer) return { error: 'no_account' }
    }
  }
  if (row) {
    if (row.organisation_id !== person.organisationId) return { error: 'other_organisation' }
    if (row.disabled_at) return { error: 'disabled' }
    if (person.identity.kind === 'oidc') {
      await tx.query('update accounts set role = $2, oidc_issuer = $3, oidc_subject = $4 where id = $1', [
        row.id,
        person.role,
        person.identity.issuer,
        person.identity.subject,
      ])
    } else {
      await tx.query('update accounts set role = $2, ldap_dn = $3 where id = $1', [
        row.id,
        person.role,
        person.identity.dn,
      ])
    }
    return { accountId: row.id }
  }
  if (!person.createAccounts) return { error: 'no_account' }
  const id = randomUUID()
  await tx.query(
    `insert into accounts (id, organisation_id, email, display_name, role, password_hash, oidc_issuer, oidc_subject, ldap_dn)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      person.organisationId,
      email,
      person.displayName.trim().slice(0, 200) || email,
      person.role,
      noLocalPassword,
      person.identity.kind === 'oidc' ? person.identity.issuer : null,
      person.identity.kind === 'oidc' ? person.identity.subject : null,
      person.identity.kind === 'ldap' ? person.identity.dn : null,
    ],
  )
  return { accountId: id }
}

/** A sign-in token for an account, as the password sign-in gives one. */
export async function startSession(
  db: Queryable,
  accountId: string,
  now = new Date(),
  idleMinutes = defaultIdleMinutes,
): Promise<LoginResponse> {
  const account = await accountById(db, accountId)
  if (!account) throw new Error('the account to sign in to is gone')
  const { token, tokenHash } = newSessionToken()
  await createAuthSession(db, accountId, tokenHash, new Date(now.getTime() + sessionLifetimeMs), {
    seconds: idleMinutes * 60,
    now,
  })
  return { token, account }
}

async function accountById(db: Queryable, id: string): Promise<Account | null> {
  const [row] = await db.query<{
    id: string
    email: string
    display_name: string
    role: Role
    organisation_id: string
    organisation_name: string
  }>(
    `select a.id, a.email, a.display_name, a.role, o.id as organisation_id, o.name as organisation_name
       from accounts a join organisations o on o.id = a.organisation_id where a.id = $1 and a.disabled_at is null`,
    [id],
  )
  return row
    ? {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        organisation: { id: row.organisation_id, name: row.organisation_name },
      }
    : null
}
