import { randomUUID } from 'node:crypto'
import type { LdapInput, LdapSettings, OidcProvider, OidcProviderInput, RoleMapping } from '@shared/admin/signIn'
import type { Queryable } from '../storage/db'

/** A provider as the hub uses it: with its secret. */
export interface StoredOidcProvider extends OidcProvider {
  organisationId: string
  clientSecret: string
}

/** The directory as the hub uses it: with the bind password. */
export interface StoredLdap extends LdapSettings {
  bindPassword: string
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

function toProvider(row: ProviderRow): StoredOidcProvider {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    hasClientSecret: row.client_secret !== '',
    scopes: row.scopes,
    roleClaim: row.role_claim,
    roleMappings: json<RoleMapping[]>(row.role_mappings),
    emailDomains: json<string[]>(row.email_domains),
    createAccounts: row.create_accounts,
  }
}

/** What an admin may read back: never the secret. */
export function publicProvider(provider: StoredOidcProvider): OidcProvider {
  const { organisationId: _o, clientSecret: _s, ...rest } = provider
  return rest
}

export async function listProviders(db: Queryable, organisationId: string): Promise<StoredOidcProvider[]> {
  const rows = await db.query<ProviderRow>(
    'select * from oidc_providers where organisation_id = $1 order by created_at, id',
    [organisationId],
  )
  return rows.map(toProvider)
}

/** A provider by id alone: the sign-in start and callback do not know the organisation yet. */
export async function findProvider(db: Queryable, id: string): Promise<StoredOidcProvider | null> {
  const [row] = await db.query<ProviderRow>('select * from oidc_providers where id = $1', [id])
  return row ? toProvider(row) : null
}

export async function createProvider(
  db: Queryable,
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
      input.clientSecret,
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
      input.clientSecret ?? null,
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

export async function organisationSignIn(db: Queryable, organisationId: string): Promise<OrganisationSignIn> {
  const [row] = await db.query<SettingsRow>(
    'select local_passwords, ldap, ldap_bind_password from sign_in_settings where organisation_id = $1',
    [organisationId],
  )
  if (!row) return { localPasswords: true, ldap: null }
  const ldap = row.ldap ? json<Omit<LdapSettings, 'hasBindPassword'>>(row.ldap) : null
  return {
    localPasswords: row.local_passwords,
    ldap: ldap
      ? { ...ldap, hasBindPassword: Boolean(row.ldap_bind_password), bindPassword: row.ldap_bind_password ?? '' }
      : null,
  }
}

export function publicLdap(ldap: StoredLdap | null): LdapSettings | null {
  if (!ldap) return null
  const { bindPassword: _p, ...rest } = ldap
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

export async function saveLdap(db: Queryable, organisationId: string, input: LdapInput): Promise<void> {
  const { bindPassword, ...settings } = input
  await ensureRow(db, organisationId)
  await db.query(
    `update sign_in_settings set ldap = $2, ldap_bind_password = coalesce($3, ldap_bind_password), updated_at = now()
     where organisation_id = $1`,
    [organisationId, JSON.stringify(settings), bindPassword ?? null],
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
