import { randomUUID } from 'node:crypto'
import { mailboxSchema, type Mailbox, type MailboxInput, type MailSecurity } from '@shared/mail/inboundMailbox'
import type { SecretBox } from '../../signIn/secretBox'
import type { Queryable } from '../../storage/db'

/** Where a mailbox password belongs; part of what its seal authenticates. */
export const mailboxPasswordContext = (mailboxId: string) => `mailboxes.password:${mailboxId}`

interface MailboxRow {
  id: string
  organisation_id: string
  name: string
  address: string
  host: string
  port: number
  security: string
  username: string
  password: string
  folder: string
  enabled: boolean
  uid_validity: string | null
  last_uid: string | number
  last_error: string | null
  last_checked_at: Date | string | null
}

const columns = `id, organisation_id, name, address, host, port, security, username, password, folder, enabled,
  uid_validity, last_uid, last_error, last_checked_at`

/** A mailbox with what the reader needs to log in; never leaves the hub. */
export interface MailboxAccess extends Mailbox {
  organisationId: string
  /** Null when the stored password does not open with this hub's key. */
  password: string | null
}

function toAccess(row: MailboxRow, secrets: SecretBox): MailboxAccess {
  const password = secrets.open(row.password, mailboxPasswordContext(row.id))
  const mailbox = mailboxSchema.parse({
    id: row.id,
    name: row.name,
    address: row.address,
    host: row.host,
    port: row.port,
    security: row.security as MailSecurity,
    username: row.username,
    folder: row.folder,
    enabled: row.enabled,
    passwordSet: password !== null,
    uidValidity: row.uid_validity,
    lastUid: Number(row.last_uid),
    lastError: row.last_error,
    lastCheckedAt: row.last_checked_at ? new Date(row.last_checked_at).toISOString() : null,
  })
  return { ...mailbox, organisationId: row.organisation_id, password }
}

export function publicMailbox(access: MailboxAccess): Mailbox {
  const { organisationId: _organisation, password: _password, ...mailbox } = access
  return mailbox
}

export async function listMailboxes(
  db: Queryable,
  secrets: SecretBox,
  organisationId: string,
): Promise<MailboxAccess[]> {
  const rows = await db.query<MailboxRow>(
    `select ${columns} from mailboxes where organisation_id = $1 order by created_at, id`,
    [organisationId],
  )
  return rows.map((row) => toAccess(row, secrets))
}

/** Every enabled mailbox of every organisation: what the hub reads. */
export async function enabledMailboxes(db: Queryable, secrets: SecretBox): Promise<MailboxAccess[]> {
  const rows = await db.query<MailboxRow>(`select ${columns} from mailboxes where enabled order by created_at, id`)
  return rows.map((row) => toAccess(row, secrets))
}

export async function findMailbox(
  db: Queryable,
  secrets: SecretBox,
  id: string,
  organisationId?: string,
): Promise<MailboxAccess | null> {
  const [row] = await db.query<MailboxRow>(
    `select ${columns} from mailboxes where id = $1 and ($2::uuid is null or organisation_id = $2)`,
    [id, organisationId ?? null],
  )
  return row ? toAccess(row, secrets) : null
}

export async function createMailbox(
  tx: Queryable,
  secrets: SecretBox,
  organisationId: string,
  input: MailboxInput & { password: string },
): Promise<string> {
  const id = randomUUID()
  await tx.query(
    `insert into mailboxes (id, organisation_id, name, address, host, port, security, username, password, folder, enabled)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      organisationId,
      input.name,
      input.address,
      input.host,
      input.port,
      input.security,
      input.username,
      secrets.seal(input.password, mailboxPasswordContext(id)),
      input.folder,
      input.enabled,
    ],
  )
  return id
}

/**
 * Changes a mailbox of the organisation; false when it has none with this id. A new server,
 * user or folder starts reading from the beginning again: what was taken already is known by
 * its Message-ID and is not taken twice.
 */
export async function updateMailbox(
  tx: Queryable,
  secrets: SecretBox,
  organisationId: string,
  id: string,
  input: MailboxInput,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `update mailboxes set name = $3, address = $4, host = $5, port = $6, security = $7, username = $8,
       password = coalesce($9, password), folder = $10, enabled = $11, updated_at = now(),
       uid_validity = case when host = $5 and username = $8 and folder = $10 then uid_validity else null end,
       last_uid = case when host = $5 and username = $8 and folder = $10 then last_uid else 0 end,
       last_error = null
     where id = $2 and organisation_id = $1 returning id`,
    [
      organisationId,
      id,
      input.name,
      input.address,
      input.host,
      input.port,
      input.security,
      input.username,
      input.password === undefined ? null : secrets.seal(input.password, mailboxPasswordContext(id)),
      input.folder,
      input.enabled,
    ],
  )
  return rows.length > 0
}

/** Removes a mailbox of the organisation; its name, or null when it has none with this id. */
export async function deleteMailbox(tx: Queryable, organisationId: string, id: string): Promise<string | null> {
  const [row] = await tx.query<{ name: string }>(
    'delete from mailboxes where id = $1 and organisation_id = $2 returning name',
    [id, organisationId],
  )
  return row?.name ?? null
}

/** What the reader last saw: an error for the admin to read, or null when reading works. */
export async function noteMailboxState(db: Queryable, id: string, error: string | null, at: Date): Promise<void> {
  await db.query('update mailboxes set last_error = $2, last_checked_at = $3 where id = $1', [
    id,
    error === null ? null : error.slice(0, 1000),
    at.toISOString(),
  ])
}
