import type { Attachment } from '@shared/attachments/schema'
import { previewableTypes } from '@shared/attachments/sniff'
import type { Queryable } from '../storage/db'

interface AttachmentRow {
  id: string
  ticket_id: string
  event_id: string | null
  file_name: string
  content_type: string
  size: number
  sha256: string
  source: Attachment['source']
  uploaded_by: string | null
  uploaded_by_name: string
  created_at: Date | string
}

const columns = `id, ticket_id, event_id, file_name, content_type, size, sha256, source, uploaded_by,
  uploaded_by_name, created_at`

const previewable = (type: string) => previewableTypes.has(type)

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    eventId: row.event_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    previewable: previewable(row.content_type),
    source: row.source,
    uploadedBy: { id: row.uploaded_by, name: row.uploaded_by_name },
    createdAt: new Date(row.created_at).toISOString(),
  }
}

export interface NewAttachment {
  id: string
  organisationId: string
  ticketId: string
  eventId: string | null
  fileName: string
  declaredType: string | null
  contentType: string
  sha256: string
  content: Uint8Array
  source: Attachment['source']
  uploadedBy: { id: string | null; name: string }
}

export async function insertAttachment(q: Queryable, a: NewAttachment): Promise<Attachment> {
  const [row] = await q.query<AttachmentRow>(
    `insert into attachments (id, organisation_id, ticket_id, event_id, file_name, declared_type, content_type, size,
       sha256, content, source, uploaded_by, uploaded_by_name)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     returning ${columns}`,
    [
      a.id,
      a.organisationId,
      a.ticketId,
      a.eventId,
      a.fileName,
      a.declaredType,
      a.contentType,
      a.content.byteLength,
      a.sha256,
      a.content,
      a.source,
      a.uploadedBy.id,
      a.uploadedBy.name,
    ],
  )
  return toAttachment(row!)
}

/**
 * Uploads no reply or note took up within a week (the agent removed the chip, or never sent) stop
 * counting against the ticket: they are deleted. A Console offline longer than that with a reply
 * naming one gets the reply refused and set aside for the agent, who sends it without the file.
 */
async function dropStaleUploads(q: Queryable, organisationId: string, ticketId: string): Promise<void> {
  await q.query(
    `delete from attachments
      where organisation_id = $1 and ticket_id = $2 and event_id is null and source = 'upload'
        and created_at < now() - interval '7 days'`,
    [organisationId, ticketId],
  )
}

/**
 * Bytes of attachments the ticket holds, read under the ticket's lock so two uploads cannot both
 * fit; stale unused uploads are dropped first.
 */
export async function ticketAttachmentBytes(q: Queryable, organisationId: string, ticketId: string): Promise<number> {
  await q.query('select pg_advisory_xact_lock(hashtext($1))', [`attachments:${ticketId}`])
  await dropStaleUploads(q, organisationId, ticketId)
  const [row] = await q.query<{ total: string | number | null }>(
    'select coalesce(sum(size), 0) as total from attachments where organisation_id = $1 and ticket_id = $2',
    [organisationId, ticketId],
  )
  return Number(row?.total ?? 0)
}

export async function ticketAttachments(q: Queryable, organisationId: string, ticketId: string): Promise<Attachment[]> {
  const rows = await q.query<AttachmentRow>(
    `select ${columns} from attachments where organisation_id = $1 and ticket_id = $2 order by created_at, id`,
    [organisationId, ticketId],
  )
  return rows.map(toAttachment)
}

export async function findAttachment(q: Queryable, organisationId: string, id: string): Promise<Attachment | null> {
  const [row] = await q.query<AttachmentRow>(
    `select ${columns} from attachments where organisation_id = $1 and id = $2`,
    [organisationId, id],
  )
  return row ? toAttachment(row) : null
}

const asBuffer = (value: unknown): Buffer =>
  Buffer.isBuffer(value)
    ? value
    : value instanceof Uint8Array
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : Buffer.alloc(0)

export async function attachmentContent(
  q: Queryable,
  organisationId: string,
  id: string,
): Promise<{ attachment: Attachment; content: Buffer } | null> {
  const [row] = await q.query<AttachmentRow & { content: unknown }>(
    `select ${columns}, content from attachments where organisation_id = $1 and id = $2`,
    [organisationId, id],
  )
  return row ? { attachment: toAttachment(row), content: asBuffer(row.content) } : null
}

/** Several attachments' bytes at once, in the order asked (the mail worker's attachments). */
export async function attachmentContents(
  q: Queryable,
  organisationId: string,
  ids: readonly string[],
): Promise<{ attachment: Attachment; content: Buffer }[]> {
  if (ids.length === 0) return []
  const rows = await q.query<AttachmentRow & { content: unknown }>(
    `select ${columns}, content from attachments where organisation_id = $1 and id = any($2::uuid[])`,
    [organisationId, [...ids]],
  )
  const byId = new Map(rows.map((row) => [row.id, { attachment: toAttachment(row), content: asBuffer(row.content) }]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/**
 * The attachments a reply or note may carry: uploaded to this ticket of this organisation and not
 * yet carried by another entry. Answers the ids that fail.
 */
export async function unusableAttachments(
  q: Queryable,
  organisationId: string,
  ticketId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await q.query<{ id: string }>(
    `select id from attachments
      where organisation_id = $1 and ticket_id = $2 and event_id is null and id = any($3::uuid[])`,
    [organisationId, ticketId, [...ids]],
  )
  const usable = new Set(rows.map((row) => row.id))
  return ids.filter((id) => !usable.has(id))
}

export async function linkAttachments(
  q: Queryable,
  organisationId: string,
  ids: readonly string[],
  eventId: string,
): Promise<void> {
  if (ids.length === 0) return
  await q.query(
    'update attachments set event_id = $3 where organisation_id = $1 and id = any($2::uuid[]) and event_id is null',
    [organisationId, [...ids], eventId],
  )
}

/** Removes an upload no entry carries yet (a chip the agent took off); answers whether one went. */
export async function deleteUnlinkedAttachment(q: Queryable, organisationId: string, id: string): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    'delete from attachments where organisation_id = $1 and id = $2 and event_id is null returning id',
    [organisationId, id],
  )
  return rows.length > 0
}
