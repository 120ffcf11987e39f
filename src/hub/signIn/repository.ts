import { randomUUID } from 'node:crypto'
import type { LdapInput, LdapSettings, OidcProvider, OidcProviderInput, RoleMapping } from '@shared/admin/signIn'
import type { Database, Queryable } from '../storage/db'
import { isSealed, secretContext, type SecretBox } from './secretBox'

/**
 * A provider as the hub uses it: with its secret, opened. A secret sealed under another key
 * reads as missing (`hasClientSecret: false`, `secretUnreadable: true`) until an admin re-enters it.
 */
export interface StoredOidcProvider extends OidcProvider {
  organisationId: string
  clientSecret: string
  secretUnreadable: boolean
}

/** The directory as the hub uses it: with the bind password, opened (or missing, as for providers). */
export interface StoredLdap extends LdapSettings {
  bindPassword: string
  secretUnreadable: boolean
}

interface ProviderRow {
  id: string
  organisation_id: string
  display_name: string
  issuer: string
  client_id: string
  client_secret: string
  scopes: string
  role_claim: string
  role_mappings: unknown
  email_domains: unknown
  create_accounts: boolean
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T

function toProvider(row: ProviderRow, secrets: SecretBox): StoredOidcProvider {
  const clientSecret = secrets.open(row.client_secret, secretContext.clientSecret(row.id))
  return {
    id: row.id,
    organisationId: row.organisation_id,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: clientSecret ?? '',
    secretUnreadable: clientSecret === null,
    hasClientSecret: Boolean(clientSecret),
    scopes: row.scopes,
    roleClaim: row.role_claim,
    roleMappings: json<RoleMapping[]>(row.role_mappings),
    emailDomains: json<string[]>(row.email_domains),
    createAccounts: row.create_accounts,
  }
}

/** What an admin may read back: never the secret. */
export function publicProvider(provider: StoredOidcProvider): OidcProvider {
  const { organisationId: _o, clientSecret: _s, secretUnreadable: _u, ...rest } = provider
  return rest
}

export async function listProviders(
  db: Queryable,
  secrets: SecretBox,
  organisationId: string,
): Promise<StoredOidcProvider[]> {
  const rows = await db.query<ProviderRow>(
    'select * from oidc_providers where organisation_id = $1 order by created_at, id',
    [organisationId],
  )
  return rows.map((row) => toProvider(row, secrets))
}

/** A provider by id alone: the sign-in start and callback do not know the organisation yet. */
export async function findProvider(db: Queryable, secrets: SecretBox, id: string): Promise<StoredOidcProvider | null> {
  const [row] = await db.query<ProviderRow>('select * from oidc_providers where id = $1', [id])
  return row ? toProvider(row, secrets) : null
}

export async function createProvider(
  db: Queryable,
  secrets: SecretBox,
  organisationId: string,
  input: OidcProviderInput & { clientSecret: string },
): Promise<string> {
  const id = randomUUID()
  await db.query(
    `insert into oidc_providers (id, organisation_id, display_name, issuer, client_id, client_secret, scopes,
       role_claim, role_mappings, email_domains, create_accounts)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      organisationId,
      input.displayName,
      input.issuer,
      input.clientId,
      secrets.seal(input.clientSecret, secretContext.clientSecret(id)),
      input.scopes,
      input.roleClaim,
      JSON.stringify(input.roleMappings),
      JSON.stringify(input.emailDomains),
      input.createAccounts,
    ],
  )
  return id
}

/** Answers false when the organisation has no such provider. */
export async function updateProvider(
  db: Queryable,
  secrets: SecretBox,
  organisationId: string,
  id: string,
  input: OidcProviderInput,
): Promise<boolean> {
  const rows = await db.query(
    `update oidc_providers set display_name = $3, issuer = $4, client_id = $5,
       client_secret = coalesce($6, client_secret), scopes = $7, role_claim = $8, role_mappings = $9,
       email_domains = $10, create_accounts = $11
     where organisation_id = $1 and id = $2 returning id`,
    [
      organisationId,
      id,
      input.displayName,
      input.issuer,
      input.clientId,
      input.clientSecret === undefined ? null : secrets.seal(input.clientSecret, secretContext.clientSecret(id)),
      input.scopes,
      input.roleClaim,
      JSON.stringify(input.roleMappings),
      JSON.stringify(input.emailDomains),
      input.createAccounts,
    ],
  )
  return rows.length > 0
}

export async function deleteProvider(db: Queryable, organisationId: string, id: string): Promise<string | null> {
  const [row] = await db.query<{ display_name: string }>(
    'delete from oidc_providers where organisation_id = $1 and id = $2 returning display_name',
    [organisationId, id],
  )
  return row?.display_name ?? null
}

interface SettingsRow {
  local_passwords: boolean
  ldap: unknown
  ldap_bind_password: string | null
}

export interface OrganisationSignIn {
  localPasswords: boolean
  ldap: StoredLdap | null
}

export async function organisationSignIn(
  db: Queryable,
  secrets: SecretBox,
  organisationId: string,
): Promise<OrganisationSignIn> {
  const [row] = await db.query<SettingsRow>(
    'select local_passwords, ldap, ldap_bind_password from sign_in_settings where organisation_id = $1',
    [organisationId],
  )
  if (!row) return { localPasswords: true, ldap: null }
  const ldap = row.ldap ? json<Omit<LdapSettings, 'hasBindPassword'>>(row.ldap) : null
  const bindPassword =
    row.ldap_bind_password === null
      ? ''
      : secrets.open(row.ldap_bind_password, secretContext.bindPassword(organisationId))
  return {
    localPasswords: row.local_passwords,
    ldap: ldap
      ? {
          ...ldap,
          hasBindPassword: Boolean(bindPassword),
          bindPassword: bindPassword ?? '',
          secretUnreadable: bindPassword === null,
        }
      : null,
  }
}

export function publicLdap(ldap: StoredLdap | null): LdapSettings | null {
  if (!ldap) return null
  const { bindPassword: _p, secretUnreadable: _u, ...rest } = ldap
  return rest
}

async function ensureRow(db: Queryable, organisationId: string): Promise<void> {
  await db.query(
    'insert into sign_in_settings (organisation_id) values ($1) on conflict (organisation_id) do nothing',
    [organisationId],
  )
}

export async function setLocalPasswords(db: Queryable, organisationId: string, enabled: boolean): Promise<void> {
  await ensureRow(db, organisationId)
  await db.query('update sign_in_settings set local_passwords = $2, updated_at = now() where organisation_id = $1', [
    organisationId,
    enabled,
  ])
}

export async function saveLdap(
  db: Queryable,
  secrets: SecretBox,
  organisationId: string,
  input: LdapInput,
): Promise<void> {
  const { bindPassword, ...settings } = input
  await ensureRow(db, organisationId)
  await db.query(
    `update sign_in_settings set ldap = $2, ldap_bind_password = coalesce($3, ldap_bind_password), updated_at = now()
     where organisation_id = $1`,
    [
      organisationId,
      JSON.stringify(settings),
      bindPassword === undefined ? null : secrets.seal(bindPassword, secretContext.bindPassword(organisationId)),
    ],
  )
}

export async function removeLdap(db: Queryable, organisationId: string): Promise<void> {
  await db.query(
    'update sign_in_settings set ldap = null, ldap_bind_password = null, updated_at = now() where organisation_id = $1',
    [organisationId],
  )
}

/**
 * Organisations whose directory may know a person who has no account yet: those whose LDAP
 * allows the address's domain (or any domain), the ones naming the domain first.
 */
export async function directoriesFor(db: Queryable, email: string): Promise<string[]> {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  const rows = await db.query<{ organisation_id: string; named: boolean }>(
    `select s.organisation_id, (s.ldap -> 'emailDomains') ? $1 as named
       from sign_in_settings s join organisations o on o.id = s.organisation_id
      where s.ldap is not null
        and (jsonb_array_length(s.ldap -> 'emailDomains') = 0 or (s.ldap -> 'emailDomains') ? $1)
      order by named desc, o.created_at, o.id`,
    [domain],
  )
  return rows.map((row) => row.organisation_id)
}

/** What a start found among the stored directory secrets. */
export interface SecretsCheck {
  /** Secrets stored in plain text before sealing existed, or under the previous key, sealed (again) now. */
  sealed: number
  /** Secrets that do not open with this key: where they are, for the start-up message. */
  unreadable: string[]
}

/**
 * Run at every start: seals secrets still stored in plain text (from before this version) and
 * finds those the current key cannot open; those the previous key opens are sealed again under
 * the current one. The update matches the old value, so two hubs starting together on one
 * database do not seal a secret twice.
 */
export async function protectDirectorySecrets(
  db: Database,
  secrets: SecretBox,
  previous: SecretBox | null = null,
): Promise<SecretsCheck> {
  return db.transaction(async (tx) => {
    const check: SecretsCheck = { sealed: 0, unreadable: [] }
    /** The plain secret when it must be (re)sealed, `unreadable` when no key opens it, `ok` when all is well. */
    const toSeal = (stored: string, context: string): { plain: string } | 'unreadable' | 'ok' => {
      if (!isSealed(stored)) return { plain: stored }
      if (secrets.open(stored, context) !== null) return 'ok'
      const plain = previous?.open(stored, context)
      return typeof plain === 'string' ? { plain } : 'unreadable'
    }
    const providers = await tx.query<{
      id: string
      display_name: string
      organisation_id: string
      client_secret: string
    }>("select id, display_name, organisation_id, client_secret from oidc_providers where client_secret <> ''")
    for (const row of providers) {
      const context = secretContext.clientSecret(row.id)
      const plain = toSeal(row.client_secret, context)
      if (typeof plain === 'object') {
        await tx.query('update oidc_providers set client_secret = $2 where id = $1 and client_secret = $3', [
          row.id,
          secrets.seal(plain.plain, context),
          row.client_secret,
        ])
        check.sealed++
      } else if (plain === 'unreadable') {
        check.unreadable.push(
          `the client secret of OpenID provider "${row.display_name}" (organisation ${row.organisation_id})`,
        )
      }
    }
    const directories = await tx.query<{ organisation_id: string; ldap_bind_password: string }>(
      'select organisation_id, ldap_bind_password from sign_in_settings where ldap_bind_password is not null',
    )
    for (const row of directories) {
      const context = secretContext.bindPassword(row.organisation_id)
      const plain = toSeal(row.ldap_bind_password, context)
      if (typeof plain === 'object') {
        await tx.query(
          'update sign_in_settings set ldap_bind_password = $2 where organisation_id = $1 and ldap_bind_password = $3',
          [row.organisation_id, secrets.seal(plain.plain, context), row.ldap_bind_password],
        )
        check.sealed++
      } else if (plain === 'unreadable') {
        check.unreadable.push(`the LDAP bind password (organisation ${row.organisation_id})`)
      }
    }
    return check
  })
}
