import { readKeptMessage } from '@shared/mail/fullMessage'
import type { ReceivedMail, TicketFacts } from '@shared/mail/inbound'
import { ticketSchema } from '@shared/tickets/model'
import type { Queryable } from '../../storage/db'

export interface MailboxPosition {
  mailboxId: string
  uidValidity: string
  uid: number
}

function facts(data: unknown): TicketFacts {
  const ticket = ticketSchema.parse(typeof data === 'string' ? JSON.parse(data) : data)
  return { id: ticket.id, number: ticket.number, status: ticket.status, resolvedAt: ticket.resolvedAt }
}

/** Has intake handled this message already, by its mailbox position or its Message-ID? */
export async function alreadyHandled(
  db: Queryable,
  organisationId: string,
  position: MailboxPosition | null,
  messageId: string | null,
): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from mail_intake
     where ($2::uuid is not null and mailbox_id = $2 and uid_validity = $3 and uid = $4)
        or ($5::text is not null and organisation_id = $1 and message_id = $5)`,
    [organisationId, position?.mailboxId ?? null, position?.uidValidity ?? null, position?.uid ?? null, messageId],
  )
  return (row?.n ?? 0) > 0
}

/** The ticket of this organisation that one of these Message-IDs belongs to; the latest id wins. */
export async function ticketOfMessageIds(
  db: Queryable,
  organisationId: string,
  messageIds: string[],
): Promise<TicketFacts | null> {
  for (const id of [...messageIds].reverse()) {
    const [row] = await db.query<{ data: unknown }>(
      `select t.data from ticket_message_ids m join tickets t on t.id = m.ticket_id and t.organisation_id = m.organisation_id
       where m.organisation_id = $1 and m.message_id = $2`,
      [organisationId, id],
    )
    if (row) return facts(row.data)
  }
  return null
}

export async function ticketOfNumber(
  db: Queryable,
  organisationId: string,
  number: number,
): Promise<TicketFacts | null> {
  const [row] = await db.query<{ data: unknown }>(
    'select data from tickets where organisation_id = $1 and number = $2',
    [organisationId, number],
  )
  return row ? facts(row.data) : null
}

/** Remembers that a Message-ID belongs to a ticket (mail received for it, or mail the hub sent for it). */
export async function rememberMessageId(
  tx: Queryable,
  organisationId: string,
  messageId: string,
  ticketId: string,
): Promise<void> {
  await tx.query(
    `insert into ticket_message_ids (organisation_id, message_id, ticket_id) values ($1, $2, $3)
     on conflict (organisation_id, message_id) do nothing`,
    [organisationId, messageId, ticketId],
  )
}

export async function newTicketsFromSender(
  db: Queryable,
  organisationId: string,
  sender: string,
  since: Date,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from mail_intake
     where organisation_id = $1 and sender = $2 and decision = 'new' and received_at > $3`,
    [organisationId, sender, since.toISOString()],
  )
  return row?.n ?? 0
}

/** Every address the organisation's mailboxes receive at: mail from one of them is our own. */
export async function mailboxAddresses(db: Queryable, organisationId: string): Promise<string[]> {
  const rows = await db.query<{ address: string }>('select address from mailboxes where organisation_id = $1', [
    organisationId,
  ])
  return rows.map((row) => row.address)
}

export interface IntakeRecord {
  id: string
  organisationId: string
  position: MailboxPosition | null
  messageId: string | null
  sender: string | null
  subject: string
  decision: 'new' | 'reply' | 'bounce' | 'ignore'
  reason: string | null
  ticketId: string | null
  eventId: string | null
  fullText: string
  at: Date
}

export async function recordIntake(tx: Queryable, record: IntakeRecord): Promise<void> {
  await tx.query(
    `insert into mail_intake (id, organisation_id, mailbox_id, uid_validity, uid, message_id, sender, subject, decision,
       reason, ticket_id, event_id, full_text, received_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      record.id,
      record.organisationId,
      record.position?.mailboxId ?? null,
      record.position?.uidValidity ?? null,
      record.position?.uid ?? null,
      record.messageId,
      record.sender,
      record.subject,
      record.decision,
      record.reason,
      record.ticketId,
      record.eventId,
      record.fullText,
      record.at.toISOString(),
    ],
  )
}

/** Moves the mailbox's reading position forward (never back) in the caller's transaction. */
export async function advancePosition(tx: Queryable, position: MailboxPosition): Promise<void> {
  await tx.query(
    `update mailboxes set uid_validity = $2, last_uid = case when uid_validity = $2 then greatest(last_uid, $3) else $3 end
     where id = $1`,
    [position.mailboxId, position.uidValidity, position.uid],
  )
}

/** Marks a contact's address as failing (a bounce came back for it), on the contact's data. */
export async function markAddressFailing(
  tx: Queryable,
  organisationId: string,
  address: string,
  failure: { status: string | null; diagnostic: string | null; at: Date },
): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `update contacts set data = data || jsonb_build_object('emailFailing', $3::jsonb), updated_at = $4
     where organisation_id = $1 and email = $2 returning id`,
    [
      organisationId,
      address.toLowerCase(),
      JSON.stringify({ status: failure.status, diagnostic: failure.diagnostic, at: failure.at.toISOString() }),
      failure.at.toISOString(),
    ],
  )
  return row?.id ?? null
}

/** The whole received message behind a timeline entry, for "show the full message" beside its cut entry. */
export async function fullMessageOfEvent(
  db: Queryable,
  organisationId: string,
  ticketId: string,
  eventId: string,
): Promise<ReceivedMail | null> {
  const [row] = await db.query<{
    subject: string
    sender: string | null
    full_text: string
    received_at: Date | string
  }>(
    `select subject, sender, full_text, received_at from mail_intake
     where organisation_id = $1 and ticket_id = $2 and event_id = $3`,
    [organisationId, ticketId, eventId],
  )
  if (!row) return null
  const { headers, text } = readKeptMessage(row.full_text)
  return {
    from: headers?.from ?? row.sender,
    to: headers?.to ?? null,
    cc: headers?.cc ?? null,
    date: headers?.date ?? null,
    subject: headers?.subject ?? row.subject,
    sender: row.sender,
    text,
    receivedAt: new Date(row.received_at).toISOString(),
  }
}

/** The ticket's timeline entries that a received mail made (its description, the requester's replies). */
export async function mailEventsOfTicket(db: Queryable, organisationId: string, ticketId: string): Promise<string[]> {
  const rows = await db.query<{ event_id: string }>(
    `select event_id from mail_intake where organisation_id = $1 and ticket_id = $2 and event_id is not null
     order by received_at`,
    [organisationId, ticketId],
  )
  return rows.map((row) => row.event_id)
}
