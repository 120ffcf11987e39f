import { createHash, randomUUID } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import type { Attachment } from '@shared/attachments/schema'
import { safeFileName, sniffText } from '@shared/attachments/sniff'
import type { Queryable } from '../storage/db'
import { describeBytes, type AttachmentLimits } from './limits'
import { insertAttachment, ticketAttachmentBytes } from './repository'

/**
 * The type the bytes are: binary signatures first (file-type), then a look at text, where HTML,
 * SVG and XML are told apart from plain text whatever the file is called.
 */
export async function sniffContentType(bytes: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(bytes)
  if (found) return found.mime
  return sniffText(bytes)
}

export type StoreRefusal = { reason: 'empty' | 'too_large' | 'ticket_full'; message: string }
export type StoreOutcome = { ok: true; attachment: Attachment } | ({ ok: false } & StoreRefusal)

export interface AttachmentInput {
  organisationId: string
  ticketId: string
  eventId?: string | null
  fileName: string
  declaredType?: string | null
  content: Uint8Array
  source: Attachment['source']
  uploadedBy: { id: string | null; name: string }
}

/**
 * Stores one file in the caller's transaction, within the per-file and per-ticket limits; the
 * ticket's total is read under a lock of its own, so uploads at the same moment cannot overfill it.
 */
export async function storeAttachment(
  tx: Queryable,
  input: AttachmentInput,
  limits: AttachmentLimits,
): Promise<StoreOutcome> {
  const size = input.content.byteLength
  if (size === 0) return { ok: false, reason: 'empty', message: 'The file is empty.' }
  if (size > limits.maxFileBytes) {
    return {
      ok: false,
      reason: 'too_large',
      message: `The file is ${describeBytes(size)}; files may be at most ${describeBytes(limits.maxFileBytes)}.`,
    }
  }
  const used = await ticketAttachmentBytes(tx, input.organisationId, input.ticketId)
  if (used + size > limits.maxTicketBytes) {
    return {
      ok: false,
      reason: 'ticket_full',
      message: `The ticket holds ${describeBytes(used)} of attachments already; ${describeBytes(limits.maxTicketBytes)} in all is the limit.`,
    }
  }
  const attachment = await insertAttachment(tx, {
    id: randomUUID(),
    organisationId: input.organisationId,
    ticketId: input.ticketId,
    eventId: input.eventId ?? null,
    fileName: safeFileName(input.fileName),
    declaredType: input.declaredType?.slice(0, 200) ?? null,
    contentType: await sniffContentType(input.content),
    sha256: createHash('sha256').update(input.content).digest('hex'),
    content: input.content,
    source: input.source,
    uploadedBy: input.uploadedBy,
  })
  return { ok: true, attachment }
}
