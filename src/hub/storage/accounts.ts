import { randomUUID } from 'node:crypto'
import type { Account, Role } from '@shared/auth'
import type { Queryable } from './db'

interface AccountRow {
  id: string
  email: string
  display_name: string
  role: Role
  organisation_id: string
  organisation_name: string
  password_hash: string
  language: 'de' | 'en' | null
}

const selectAccount = `select a.id, a.email, a.display_name, a.role, a.password_hash, a.language,
  o.id as organisation_id, o.name as organisation_name
  from accounts a join organisations o on o.id = a.organisation_id`

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    language: row.language ?? null,
  }
}

export async function countOrganisations(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from organisations')
  return row?.n ?? 0
}

export async function createOrganisation(db: Queryable, name: string): Promise<{ id: string; name: string }> {
  const id = randomUUID()
  await db.query('insert into organisations (id, name) values ($1, $2)', [id, name])
  return { id, name }
}

export async function createAccount(
  db: Queryable,
  input: { organisationId: string; email: string; displayName: string; role: Role; passwordHash: string },
): Promise<string> {
  const id = randomUUID()
  await db.query(
    `insert into accounts (id, organisation_id, email, display_name, role, password_hash)
     values ($1, $2, $3, $4, $5, $6)`,
    [id, input.organisationId, input.email.toLowerCase(), input.displayName, input.role, input.passwordHash],
  )
  return id
}

/** The account and its password hash, for login; disabled accounts are not found. */
export async function findAccountForLogin(
  db: Queryable,
  email: string,
): Promise<{ account: Account; passwordHash: string } | null> {
  const [row] = await db.query<AccountRow>(`${selectAccount} where a.email = $1 and a.disabled_at is null`, [
    email.toLowerCase(),
  ])
  return row ? { account: toAccount(row), passwordHash: row.password_hash } : null
}

export async function createAuthSession(
  db: Queryable,
  accountId: string,
  tokenHash: string,
  expiresAt: Date,
  idle: { seconds: number; now: Date } = { seconds: 12 * 60 * 60, now: new Date() },
): Promise<void> {
  await db.query(
    `insert into auth_sessions (token_hash, account_id, expires_at, idle_seconds, last_used_at)
     values ($1, $2, $3, $4, $5)`,
    [tokenHash, accountId, expiresAt.toISOString(), idle.seconds, idle.now.toISOString()],
  )
}

/** Use within this long of the last recorded use is not written again, to spare a write per request. */
const touchGraceSeconds = 60

/**
 * The account behind a live session token hash, or null when unknown, expired (by lifetime or by
 * idle time) or disabled. A hit counts as use and keeps the token alive.
 */
export async function findAccountBySession(db: Queryable, tokenHash: string, now: Date): Promise<Account | null> {
  const at = now.toISOString()
  const [row] = await db.query<AccountRow>(
    `${selectAccount} join auth_sessions s on s.account_id = a.id
     where s.token_hash = $1 and s.expires_at > $2::timestamptz and a.disabled_at is null
       and s.last_used_at + s.idle_seconds * interval '1 second' > $2::timestamptz`,
    [tokenHash, at],
  )
  if (!row) return null
  await db.query(
    `update auth_sessions set last_used_at = $2::timestamptz
     where token_hash = $1 and last_used_at < $2::timestamptz - $3::int * interval '1 second'`,
    [tokenHash, at, touchGraceSeconds],
  )
  return toAccount(row)
}

export async function deleteAuthSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from auth_sessions where token_hash = $1', [tokenHash])
}

/** The organisation this hub serves first; Get Help shows its name. */
export async function firstOrganisation(db: Queryable): Promise<{ id: string; name: string } | null> {
  const [row] = await db.query<{ id: string; name: string }>(
    'select id, name from organisations order by created_at, id limit 1',
  )
  return row ?? null
}
