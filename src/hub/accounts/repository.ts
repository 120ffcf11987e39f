import { randomUUID } from 'node:crypto'
import type { Role } from '@shared/auth'
import type { AccountEntry, Invitation, InvitationState, Language, LinkKind } from '@shared/accounts/accounts'
import type { Queryable } from '../storage/db'

const iso = (value: Date | string) => new Date(value).toISOString()

interface AccountEntryRow {
  id: string
  email: string
  display_name: string
  role: Role
  created_at: Date | string
  disabled_at: Date | string | null
  groups: string[] | null
}

/** Every account of the organisation with its specialist groups, active ones first. */
export async function listAccounts(db: Queryable, organisationId: string): Promise<AccountEntry[]> {
  const rows = await db.query<AccountEntryRow>(
    `select a.id, a.email, a.display_name, a.role, a.created_at, a.disabled_at,
            array(select m.group_id from group_members m
                   where m.organisation_id = a.organisation_id and m.account_id = a.id order by m.group_id) as groups
       from accounts a where a.organisation_id = $1
      order by a.disabled_at is not null, lower(a.display_name), a.email`,
    [organisationId],
  )
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    groups: row.groups ?? [],
    state: row.disabled_at ? 'disabled' : 'active',
    createdAt: iso(row.created_at),
    disabledAt: row.disabled_at ? iso(row.disabled_at) : null,
  }))
}

export interface ManagedAccount {
  id: string
  email: string
  displayName: string
  role: Role
  disabled: boolean
}

/** One account of this organisation, locked for the change about to be made; null when not here. */
export async function lockAccount(tx: Queryable, organisationId: string, id: string): Promise<ManagedAccount | null> {
  const [row] = await tx.query<{ id: string; email: string; display_name: string; role: Role; disabled: boolean }>(
    `select id, email, display_name, role, disabled_at is not null as disabled
       from accounts where organisation_id = $1 and id = $2 for update`,
    [organisationId, id],
  )
  return row
    ? { id: row.id, email: row.email, displayName: row.display_name, role: row.role, disabled: row.disabled }
    : null
}

/** Active admins of the organisation, locked, so two admins cannot demote each other at once. */
export async function lockActiveAdmins(tx: Queryable, organisationId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select id from accounts where organisation_id = $1 and role = 'admin' and disabled_at is null
      order by id for update`,
    [organisationId],
  )
  return rows.map((row) => row.id)
}

export async function setRole(tx: Queryable, accountId: string, role: Role): Promise<void> {
  await tx.query('update accounts set role = $2 where id = $1', [accountId, role])
}

export async function setDisabled(tx: Queryable, accountId: string, disabled: boolean, now: Date): Promise<void> {
  await tx.query('update accounts set disabled_at = $2 where id = $1', [accountId, disabled ? now.toISOString() : null])
}

export async function setPasswordHash(tx: Queryable, accountId: string, passwordHash: string): Promise<void> {
  await tx.query('update accounts set password_hash = $2 where id = $1', [accountId, passwordHash])
}

export async function passwordHashOf(db: Queryable, accountId: string): Promise<string | null> {
  const [row] = await db.query<{ password_hash: string }>('select password_hash from accounts where id = $1', [
    accountId,
  ])
  return row?.password_hash ?? null
}

export async function updateProfile(
  tx: Queryable,
  accountId: string,
  update: { displayName?: string | undefined; language?: Language | undefined },
): Promise<void> {
  await tx.query(
    'update accounts set display_name = coalesce($2, display_name), language = coalesce($3, language) where id = $1',
    [accountId, update.displayName ?? null, update.language ?? null],
  )
}

/** Deletes the account's sign-in tokens (all, or all but one) and answers their hashes, to close their sockets. */
export async function deleteTokensOf(tx: Queryable, accountId: string, keepTokenHash?: string): Promise<string[]> {
  const rows = await tx.query<{ token_hash: string }>(
    `delete from auth_sessions where account_id = $1 and ($2::text is null or token_hash <> $2) returning token_hash`,
    [accountId, keepTokenHash ?? null],
  )
  return rows.map((row) => row.token_hash)
}

export async function emailInUse(db: Queryable, email: string): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from accounts where email = $1', [
    email.toLowerCase(),
  ])
  return (row?.n ?? 0) > 0
}

export interface NewLink {
  organisationId: string
  kind: LinkKind
  tokenHash: string
  email: string
  displayName?: string | null
  role?: Role | null
  accountId?: string | null
  createdBy: string | null
  expiresAt: Date
}

export async function insertLink(tx: Queryable, link: NewLink): Promise<string> {
  const id = randomUUID()
  await tx.query(
    `insert into account_links (id, organisation_id, kind, token_hash, email, display_name, role, account_id, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      link.organisationId,
      link.kind,
      link.tokenHash,
      link.email.toLowerCase(),
      link.displayName ?? null,
      link.role ?? null,
      link.accountId ?? null,
      link.createdBy,
      link.expiresAt.toISOString(),
    ],
  )
  return id
}

/** Ends the organisation's links of one kind still open for this address or account (a new one replaces them). */
export async function revokeOpenLinks(
  tx: Queryable,
  organisationId: string,
  kind: LinkKind,
  match: { email?: string; accountId?: string },
  now: Date,
): Promise<void> {
  await tx.query(
    `update account_links set revoked_at = $5
      where organisation_id = $1 and kind = $2 and used_at is null and revoked_at is null
        and (email = $3 or account_id = $4)`,
    [organisationId, kind, match.email?.toLowerCase() ?? null, match.accountId ?? null, now.toISOString()],
  )
}

export interface StoredLink {
  id: string
  organisationId: string
  organisationName: string
  kind: LinkKind
  email: string
  displayName: string | null
  role: Role | null
  accountId: string | null
  accountDisabled: boolean
  expiresAt: Date
  usedAt: Date | null
  revokedAt: Date | null
}

interface LinkRow {
  id: string
  organisation_id: string
  organisation_name: string
  kind: LinkKind
  email: string
  display_name: string | null
  role: Role | null
  account_id: string | null
  account_disabled: boolean | null
  expires_at: Date | string
  used_at: Date | string | null
  revoked_at: Date | string | null
}

/** The link behind a token hash (locked when `lock`, so it is used once however often it is sent). */
export async function findLink(db: Queryable, tokenHash: string, lock = false): Promise<StoredLink | null> {
  const [row] = await db.query<LinkRow>(
    `select l.id, l.organisation_id, o.name as organisation_name, l.kind, l.email, l.display_name, l.role,
            l.account_id, a.disabled_at is not null as account_disabled, l.expires_at, l.used_at, l.revoked_at
       from account_links l join organisations o on o.id = l.organisation_id
       left join accounts a on a.id = l.account_id
      where l.token_hash = $1${lock ? ' for update of l' : ''}`,
    [tokenHash],
  )
  if (!row) return null
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    kind: row.kind,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    accountId: row.account_id,
    accountDisabled: row.account_disabled ?? false,
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at ? new Date(row.used_at) : null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  }
}

export async function markLinkUsed(tx: Queryable, id: string, now: Date, accountId?: string): Promise<void> {
  await tx.query('update account_links set used_at = $2, account_id = coalesce($3, account_id) where id = $1', [
    id,
    now.toISOString(),
    accountId ?? null,
  ])
}

interface InvitationRow {
  id: string
  email: string
  role: Role
  invited_by: string | null
  created_at: Date | string
  expires_at: Date | string
  used_at: Date | string | null
  revoked_at: Date | string | null
}

function invitationState(row: InvitationRow, now: Date): InvitationState {
  if (row.used_at) return 'used'
  if (row.revoked_at) return 'revoked'
  return new Date(row.expires_at) <= now ? 'expired' : 'open'
}

const selectInvitation = `select l.id, l.email, l.role, a.display_name as invited_by, l.created_at, l.expires_at,
       l.used_at, l.revoked_at
  from account_links l left join accounts a on a.id = l.created_by`

function toInvitation(row: InvitationRow, now: Date): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    state: invitationState(row, now),
    invitedBy: row.invited_by,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
  }
}

/** The organisation's invitations of the last 90 days, newest first. */
export async function listInvitations(db: Queryable, organisationId: string, now: Date): Promise<Invitation[]> {
  const rows = await db.query<InvitationRow>(
    `${selectInvitation} where l.organisation_id = $1 and l.kind = 'invitation'
        and l.created_at > $2::timestamptz - interval '90 days'
      order by l.created_at desc limit 200`,
    [organisationId, now.toISOString()],
  )
  return rows.map((row) => toInvitation(row, now))
}

export async function lockInvitation(
  tx: Queryable,
  organisationId: string,
  id: string,
  now: Date,
): Promise<Invitation | null> {
  const [row] = await tx.query<InvitationRow>(
    `${selectInvitation} where l.organisation_id = $1 and l.id = $2 and l.kind = 'invitation' for update of l`,
    [organisationId, id],
  )
  return row ? toInvitation(row, now) : null
}

export async function revokeLink(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.query('update account_links set revoked_at = $2 where id = $1', [id, now.toISOString()])
}
