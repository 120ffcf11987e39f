import { z } from 'zod'
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser'
import {
  autoReplySignal,
  inboundMessageSchema,
  isBulkPrecedence,
  storableText,
  type InboundMessage,
} from '@shared/mail/inbound'

const requesterAddress = z.email().max(254)

/** Larger messages are cut to this much text: a ticket is not an archive. */
const maxTextChars = 200_000

function headerText(value: HeaderValue | undefined): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : '')).join(', ')
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value
  if (value instanceof Date) return value.toISOString()
  return null
}

const bareId = (id: string) => id.trim().replace(/^<|>$/g, '').trim()

function idList(value: string | string[] | undefined): string[] {
  if (!value) return []
  const all = Array.isArray(value) ? value : [value]
  return all
    .flatMap((item) => item.match(/<[^<>\s]+>/g) ?? [item])
    .map(bareId)
    .filter((id) => id.length > 0 && id.length <= 998)
}

function firstAddress(from: AddressObject | undefined): InboundMessage['from'] {
  // Only an address a ticket's requester may have: anything else is mail from no one we can answer.
  const entry = from?.value.find((item) => item.address && requesterAddress.safeParse(item.address.trim()).success)
  if (!entry?.address) return null
  const address = entry.address.trim().toLowerCase().slice(0, 254)
  return { address, name: entry.name?.trim() ? storableText(entry.name.trim()).slice(0, 200) : null }
}

/** An address header's text as the message wrote it (names and addresses), cut to a line's length. */
function addressLine(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined
  const text = (Array.isArray(value) ? value : [value]).map((item) => item.text).join(', ')
  return storableText(text.replace(/[\r\n]+\s*/g, ' ').trim()).slice(0, 2000)
}

/** Reads the `message/delivery-status` part of a DSN (RFC 3464): the first failed recipient. */
function deliveryStatus(mail: ParsedMail): InboundMessage['bounce'] {
  const type = mail.headers.get('content-type')
  const params: Record<string, string> =
    type && typeof type === 'object' && 'params' in type ? (type.params as Record<string, string>) : {}
  const isReport =
    headerText(type)?.toLowerCase() === 'multipart/report' && params['report-type']?.toLowerCase() === 'delivery-status'
  if (!isReport) return null
  const part = mail.attachments.find(
    (attachment) =>
      attachment.contentType === 'message/delivery-status' ||
      attachment.contentType === 'message/global-delivery-status',
  )
  // The parser may inline the report part into the text instead of keeping it as an attachment.
  const report = part ? part.content.toString('utf8') : (mail.text ?? '')
  // Continuation lines (folded fields) join the field they continue.
  const unfolded = report.replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, ' ')
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(unfolded)
    return match?.[1]?.trim() ?? null
  }
  const recipient = (field('Final-Recipient') ?? field('Original-Recipient'))?.replace(/^[^;]*;\s*/, '') ?? null
  return {
    recipient: recipient ? recipient.toLowerCase().slice(0, 254) : null,
    status: field('Status')?.slice(0, 20) ?? null,
    diagnostic:
      field('Diagnostic-Code')
        ?.replace(/^[^;]*;\s*/, '')
        .slice(0, 1000) ?? null,
  }
}

/** A file a mail carried as an attachment (not an image shown inside its HTML). */
export interface InboundFile {
  fileName: string
  /** What the sender's client claimed; the hub sniffs the bytes itself. */
  declaredType: string
  content: Buffer
}

export type ParsedInbound = InboundMessage & { files: InboundFile[] }

const reportTypes = new Set(['message/delivery-status', 'message/global-delivery-status'])

function attachedFiles(mail: ParsedMail): InboundFile[] {
  return mail.attachments
    .filter((part) => !part.related && part.contentDisposition !== 'inline' && !reportTypes.has(part.contentType))
    .map((part, index) => ({
      fileName: storableText(part.filename ?? '').slice(0, 255) || `attachment-${index + 1}`,
      declaredType: part.contentType,
      content: part.content,
    }))
}

/**
 * Parses a raw message into what intake decides on. HTML-only mail becomes plain text (the
 * parser's own conversion); no HTML ever reaches a ticket. Throws only on input that is no mail.
 */
export async function parseInbound(raw: Buffer | string): Promise<ParsedInbound> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipTextLinks: true, skipImageLinks: true })
  const subject = storableText(mail.subject ?? '').slice(0, 2000)
  const messageId = mail.messageId ? bareId(mail.messageId) : ''
  const text = storableText(mail.text ?? '').slice(0, maxTextChars)
  const headers = mail.headers
  const message = inboundMessageSchema.parse({
    messageId: messageId.length > 0 && messageId.length <= 998 ? messageId : null,
    inReplyTo: idList(mail.inReplyTo)[0] ?? null,
    references: idList(mail.references).slice(-200),
    from: firstAddress(mail.from),
    subject,
    to: addressLine(mail.to),
    cc: addressLine(mail.cc),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    text,
    autoReply: autoReplySignal({
      autoSubmitted: headerText(headers.get('auto-submitted')),
      autoResponseSuppress: headerText(headers.get('x-auto-response-suppress')),
      xAutoreply: headerText(headers.get('x-autoreply')) ?? headerText(headers.get('x-autorespond')),
      subject,
    }),
    bulk: isBulkPrecedence(headerText(headers.get('precedence'))),
    bounce: deliveryStatus(mail),
  })
  return { ...message, files: attachedFiles(mail) }
}
