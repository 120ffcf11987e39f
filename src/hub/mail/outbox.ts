import { rememberMessageId } from './intake/repository'
import { randomUUID } from 'node:crypto'
import type { Delivery, DeliveryKind, DeliveryState } from '@shared/mail/delivery'
import {
  mailSettingsInputSchema,
  mailLanguageSchema,
  type MailLanguage,
  type MailSettings,
} from '@shared/mail/settings'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Ticket } from '@shared/tickets/model'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import type { Queryable } from '../storage/db'
import { renderMail } from './templates'
import { templateFor } from './templates/repository'

/** Stored settings without the password (which only the worker and the test mail open). */
export type MailSettingsData = Omit<MailSettings, 'passwordSet'>

const settingsDataSchema = mailSettingsInputSchema.omit({ password: true })

export async function findMailSettings(
  q: Queryable,
  organisationId: string,
): Promise<{ data: MailSettingsData; sealedPassword: string | null } | null> {
  const [row] = await q.query<{ data: unknown; smtp_password: string | null }>(
    'select data, smtp_password from mail_settings where organisation_id = $1',
    [organisationId],
  )
  if (!row) return null
  const parsed = settingsDataSchema.safeParse(row.data)
  return parsed.success ? { data: parsed.data, sealedPassword: row.smtp_password } : null
}

/** In-process wake-up for the workers: called when a delivery may have become due. */
const listeners = new Set<() => void>()
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
export function notifyOutbox(): void {
  for (const listener of listeners) listener()
}

const ackChannels = new Set<Ticket['channel']>(['email', 'gethelp', 'phone'])

/** Which mail an event sends the requester, if any. */
function mailFor(
  ticket: Ticket,
  event: TimelineEvent,
): { kind: DeliveryKind; body: string | null; attachmentIds?: string[] } | null {
  switch (event.type) {
    case 'created':
      return ackChannels.has(event.payload.channel) ? { kind: 'acknowledgement', body: null } : null
    case 'public_reply':
      return event.author.kind === 'staff'
        ? { kind: 'reply', body: event.payload.body, attachmentIds: event.payload.attachmentIds ?? [] }
        : null
    case 'status_changed':
      if (event.payload.to === 'waiting_for_user') return { kind: 'question', body: event.payload.note }
      if (event.payload.to === 'resolved') return { kind: 'resolved', body: event.payload.note }
      return null
    default:
      void ticket
      return null
  }
}

/** Contact's language, else the organisation's (customers have no language of their own yet). */
async function languageFor(tx: Queryable, organisationId: string, ticket: Ticket, fallback: MailLanguage) {
  const contactId = ticket.links?.contactId
  if (contactId) {
    const [row] = await tx.query<{ language: string }>(
      'select language from contacts where organisation_id = $1 and id = $2',
      [organisationId, contactId],
    )
    const parsed = mailLanguageSchema.safeParse(row?.language)
    if (parsed.success) return parsed.data
  }
  if (ticket.requester.email) {
    const [row] = await tx.query<{ language: string }>(
      'select language from contacts where organisation_id = $1 and email = $2',
      [organisationId, ticket.requester.email.toLowerCase()],
    )
    const parsed = mailLanguageSchema.safeParse(row?.language)
    if (parsed.success) return parsed.data
  }
  return fallback
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase()

/**
 * Writes the mails the events tell the requester about, in the caller's transaction (the one that
 * stores the events), so a mail exists exactly when its event does. Message-ID, In-Reply-To and
 * References are fixed here: the worker never makes them up again, so a resent mail is the same mail.
 */
export async function queueTicketMail(
  tx: Queryable,
  organisationId: string,
  ticket: Ticket,
  events: readonly TimelineEvent[],
): Promise<string[]> {
  const to = ticket.requester.email
  if (!to || ticket.number === null) return []
  const wanted = events.flatMap((event) => {
    const mail = mailFor(ticket, event)
    return mail ? [{ event, ...mail }] : []
  })
  if (wanted.length === 0) return []
  const settings = await findMailSettings(tx, organisationId)
  if (!settings?.data.enabled) return []
  const language = await languageFor(tx, organisationId, ticket, settings.data.language)
  // The whole conversation in the order it happened: the requester's mails (one arriving in this
  // transaction has no intake record yet, so it counts as now) and ours.
  const earlier = await tx.query<{ message_id: string }>(
    `select m.message_id from ticket_message_ids m
       left join mail_intake i on i.organisation_id = m.organisation_id and i.message_id = m.message_id
       left join mail_outbox o on o.organisation_id = m.organisation_id and o.message_id = '<' || m.message_id || '>'
      where m.organisation_id = $1 and m.ticket_id = $2
      order by coalesce(o.created_at, i.received_at, now()), coalesce(o.seq, 0)`,
    [organisationId, ticket.id],
  )
  // Stored without angle brackets, as intake reads them; mail headers carry them.
  const thread = earlier.map((row) => `<${row.message_id}>`)
  const ids: string[] = []
  for (const { event, kind, body, attachmentIds } of wanted) {
    const id = randomUUID()
    const messageId = `<${id}@${domainOf(settings.data.senderAddress)}>`
    const rendered = renderMail(
      {
        kind,
        language,
        ticketNumber: formatTicketNumber(ticket.number),
        ticketSubject: ticket.subject,
        requesterName: ticket.requester.name,
        agentName: event.author.kind === 'staff' ? event.author.name : '',
        body,
        senderName: settings.data.senderName,
        signature: settings.data.signature,
      },
      await templateFor(tx, organisationId, kind, language),
    )
    await tx.query(
      `insert into mail_outbox (id, organisation_id, ticket_id, event_id, kind, to_address, language, message_id,
         in_reply_to, reference_ids, subject, text_body, html_body, attachment_ids, state)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'queued')`,
      [
        id,
        organisationId,
        ticket.id,
        event.id,
        kind,
        to,
        language,
        messageId,
        thread.at(-1) ?? null,
        thread.slice(-20).join(' '),
        rendered.subject,
        rendered.text,
        rendered.html,
        // The reply's files by id: the worker reads their bytes when it sends.
        JSON.stringify(attachmentIds ?? []),
      ],
    )
    // A reply to this mail threads onto the ticket by its headers, not only by the subject's token.
    await rememberMessageId(tx, organisationId, messageId.slice(1, -1), ticket.id)
    thread.push(messageId)
    ids.push(id)
  }
  notifyOutbox()
  return ids
}

export interface OutboxRow {
  id: string
  organisation_id: string
  ticket_id: string | null
  event_id: string | null
  kind: DeliveryKind
  to_address: string
  language: MailLanguage
  message_id: string
  in_reply_to: string | null
  reference_ids: string
  subject: string
  text_body: string
  html_body: string
  /** Attachment ids (jsonb array) the mail carries. */
  attachment_ids: unknown
  state: DeliveryState
  attempts: number
  next_attempt_at: Date | string
  claimed_at: Date | string | null
  last_error: string | null
  created_at: Date | string
  sent_at: Date | string | null
}

const iso = (value: Date | string) => new Date(value).toISOString()

export function toDelivery(row: OutboxRow): Delivery {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    eventId: row.event_id,
    kind: row.kind,
    to: row.to_address,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    sentAt: row.sent_at ? iso(row.sent_at) : null,
  }
}

export async function ticketDeliveries(q: Queryable, organisationId: string, ticketId: string): Promise<Delivery[]> {
  const rows = await q.query<OutboxRow>(
    'select * from mail_outbox where organisation_id = $1 and ticket_id = $2 order by seq',
    [organisationId, ticketId],
  )
  return rows.map(toDelivery)
}

/** Puts a failed, bounced or unknown delivery back in the queue, due now, with fresh attempts. */
export async function retryDelivery(q: Queryable, organisationId: string, id: string): Promise<Delivery | null> {
  const [row] = await q.query<OutboxRow>(
    `update mail_outbox set state = 'queued', attempts = 0, next_attempt_at = now(), claimed_at = null
     where organisation_id = $1 and id = $2 and state in ('failed', 'bounced', 'unknown')
     returning *`,
    [organisationId, id],
  )
  if (row) notifyOutbox()
  return row ? toDelivery(row) : null
}

export async function findDelivery(q: Queryable, organisationId: string, id: string): Promise<Delivery | null> {
  const [row] = await q.query<OutboxRow>('select * from mail_outbox where organisation_id = $1 and id = $2', [
    organisationId,
    id,
  ])
  return row ? toDelivery(row) : null
}

/** For intake: a delivery status notification names the Message-ID of the mail that bounced. */
export async function markBounced(q: Queryable, organisationId: string, messageId: string, reason: string) {
  await q.query(
    `update mail_outbox set state = 'bounced', last_error = $3
     where organisation_id = $1 and message_id = $2 and state in ('sent', 'sending', 'queued')`,
    [organisationId, messageId, reason.slice(0, 2000)],
  )
}
