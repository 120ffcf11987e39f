import { findMailSettings, queueTicketMail } from '../outbox'
import { keptMessageText } from '@shared/mail/fullMessage'
import { randomUUID } from 'node:crypto'
import {
  cleanSubject,
  storableText,
  decideIntake,
  defaultIntakeSettings,
  guessLanguage,
  ticketNumberInSubject,
  timelineText,
  type InboundMessage,
  type IntakeDecision,
  type IntakeSettings,
} from '@shared/mail/inbound'
import { applyCommand } from '@shared/tickets/apply'
import { ticketCommandSchema, type TicketCommand } from '@shared/tickets/commands'
import type { TimelineEvent } from '@shared/tickets/events'
import { ticketLimits } from '@shared/tickets/limits'
import type { Ticket } from '@shared/tickets/model'
import type { Actor, Author } from '@shared/tickets/people'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { defaultAttachmentLimits, type AttachmentLimits } from '../../attachments/limits'
import { storeAttachment } from '../../attachments/service'
import { findOrCreateContact } from '../../people/service'
import type { Database, Queryable } from '../../storage/db'
import {
  findTicket,
  insertEvents,
  lockOrganisation,
  nextChangeSeq,
  nextTicketNumber,
  saveTicket,
} from '../../tickets/repository'
import {
  advancePosition,
  alreadyHandled,
  mailboxAddresses,
  markAddressFailing,
  newTicketsFromSender,
  recordIntake,
  rememberMessageId,
  ticketOfMessageIds,
  ticketOfNumber,
  type MailboxPosition,
} from './repository'
import { findIntakeSettings } from './settings'
import type { InboundFile } from './parse'

/**
 * Tickets and replies from mail are made by no staff account; this actor stands for intake. It
 * acts as a specialist would, so it may move a ticket of any level back into work, but, like
 * every non-admin, it never reopens a closed ticket.
 */
const intakeActor: Actor = { id: '00000000-0000-4000-8000-000000000002', name: 'E-mail', role: 'specialist' }
const systemAuthor: Author = { kind: 'system' }

/** What intake itself writes on a ticket, in the language the requester wrote in. */
const wording = {
  en: {
    followUp: (number: number) => `Follow-up to ${formatTicketNumber(number)}.`,
    answered: 'The requester answered by e-mail.',
    skipped: 'Attachments of this mail that were not kept:',
  },
  de: {
    followUp: (number: number) => `Folgeanfrage zu ${formatTicketNumber(number)}.`,
    answered: 'Die anfragende Person hat per E-Mail geantwortet.',
    skipped: 'Anhänge dieser E-Mail, die nicht gespeichert wurden:',
  },
} as const

export interface IntakeInput {
  organisationId: string
  message: InboundMessage
  /** Where the message sits in its mailbox; null for mail that came some other way (tests, imports). */
  position: MailboxPosition | null
  now?: Date
  /** The hub's defaults; the organisation's own settings, where an admin saved some, win. */
  settings?: IntakeSettings
  /** Addresses the hub sends from besides the mailboxes' own. */
  ownAddresses?: readonly string[]
  /** The files the mail carried as attachments; kept with its ticket or reply. */
  files?: readonly InboundFile[]
  /** Per-file and per-ticket limits for those files; the hub's defaults when omitted. */
  attachmentLimits?: AttachmentLimits
  /** Test seam: runs inside the transaction right after the ticket was written. */
  afterTicketWrite?: () => void
}

export type IntakeOutcome =
  | { kind: 'duplicate' }
  | {
      kind: 'new'
      ticketId: string
      ticketNumber: number
      eventId: string
      contactId: string | null
      customerId: string | null
    }
  | { kind: 'reply'; ticketId: string; ticketNumber: number | null; eventId: string; reopened: boolean }
  | { kind: 'bounce'; contactId: string | null }
  | { kind: 'ignore'; reason: string }

/**
 * Takes one parsed message in, exactly once: what it produces (a ticket, a reply, a contact's
 * failing address, or nothing), the record that it was handled, and the mailbox's new position
 * are written in one transaction, under the organisation's lock. A message seen again (same
 * position, or same Message-ID after the folder was renumbered) changes nothing but the position.
 */
export async function intakeMessage(db: Database, input: IntakeInput): Promise<IntakeOutcome> {
  const now = input.now ?? new Date()
  const { organisationId, message, position } = input
  return db.transaction(async (tx) => {
    await lockOrganisation(tx, organisationId)
    // The organisation's own settings where an admin set them, else the hub's defaults.
    const settings = (await findIntakeSettings(tx, organisationId)) ?? input.settings ?? defaultIntakeSettings
    if (await alreadyHandled(tx, organisationId, position, message.messageId)) {
      if (position) await advancePosition(tx, position)
      return { kind: 'duplicate' } as const
    }
    const sending = await findMailSettings(tx, organisationId)
    const senderAddresses = sending ? [sending.data.senderAddress] : []
    const threadIds = [...message.references, ...(message.inReplyTo ? [message.inReplyTo] : [])]
    const token = ticketNumberInSubject(message.subject)
    const sender = message.from?.address ?? null
    const decision = decideIntake(message, {
      ownAddresses: [
        ...(input.ownAddresses ?? []),
        ...(await mailboxAddresses(tx, organisationId)),
        ...senderAddresses,
      ],
      threadedTicket: threadIds.length > 0 ? await ticketOfMessageIds(tx, organisationId, threadIds) : null,
      tokenTicket: token !== null ? await ticketOfNumber(tx, organisationId, token) : null,
      recentNewTickets: sender
        ? await newTicketsFromSender(tx, organisationId, sender, new Date(now.getTime() - 60 * 60 * 1000))
        : 0,
      settings,
      now,
    })
    const outcome = await apply(tx, input, decision, now)
    if ((outcome.kind === 'new' || outcome.kind === 'reply') && input.files?.length) {
      await keepFiles(tx, input, outcome.ticketId, outcome.eventId, now)
    }
    input.afterTicketWrite?.()
    await recordIntake(tx, {
      id: randomUUID(),
      organisationId,
      position,
      messageId: message.messageId,
      sender,
      subject: message.subject,
      decision: decision.kind,
      reason: decision.kind === 'ignore' ? decision.reason : null,
      ticketId: outcome.kind === 'new' || outcome.kind === 'reply' ? outcome.ticketId : null,
      eventId: outcome.kind === 'reply' || outcome.kind === 'new' ? outcome.eventId : null,
      fullText: keptMessageText(message),
      at: now,
    })
    if (position) await advancePosition(tx, position)
    return outcome
  })
}

async function apply(tx: Queryable, input: IntakeInput, decision: IntakeDecision, now: Date): Promise<IntakeOutcome> {
  const { organisationId } = input
  switch (decision.kind) {
    case 'ignore':
      return { kind: 'ignore', reason: decision.reason }
    case 'bounce': {
      const contactId = decision.recipient
        ? await markAddressFailing(tx, organisationId, decision.recipient, {
            status: decision.status,
            diagnostic: decision.diagnostic,
            at: now,
          })
        : null
      return { kind: 'bounce', contactId }
    }
    case 'reply':
      return addReply(tx, input, decision, now)
    case 'new':
      return createTicket(tx, input, decision.followUpOf?.number ?? null, now)
  }
}

/**
 * Stores the mail's files with the event it produced, in intake's transaction; a file over a limit
 * is left out and named, with the reason, in an internal note on the ticket.
 */
async function keepFiles(tx: Queryable, input: IntakeInput, ticketId: string, eventId: string, now: Date) {
  const { organisationId, message } = input
  const from = message.from!
  const skipped: string[] = []
  for (const file of input.files ?? []) {
    const stored = await storeAttachment(
      tx,
      {
        organisationId,
        ticketId,
        eventId,
        fileName: file.fileName,
        declaredType: file.declaredType,
        content: file.content,
        source: 'mail',
        uploadedBy: { id: null, name: from.name ?? from.address },
      },
      input.attachmentLimits ?? defaultAttachmentLimits,
    )
    if (!stored.ok) skipped.push(`- ${file.fileName}: ${stored.message}`)
  }
  if (skipped.length === 0) return
  const ticket = (await findTicket(tx, organisationId, ticketId))!
  const note = ticketCommandSchema.parse({
    type: 'add_note',
    commandId: randomUUID(),
    ticketId,
    baseVersion: ticket.version,
    deviceTime: now.toISOString(),
    payload: {
      visibility: 'internal',
      body: clip(`${wording[guessLanguage(message.text)].skipped}\n${skipped.join('\n')}`, ticketLimits.noteBody),
    },
  })
  const noted = run(ticket, note, now)
  const seq = await nextChangeSeq(tx)
  await saveTicket(tx, organisationId, noted.ticket, seq)
  await insertEvents(
    tx,
    organisationId,
    noted.events.map((event) => ({ ...event, author: systemAuthor })),
    seq,
  )
}

/** Cut to a length without leaving half of a surrogate pair behind. */
const clip = (text: string, length: number) => storableText(text.slice(0, length))

function run(ticket: Ticket | null, command: TicketCommand, now: Date, ticketNumber?: number) {
  const outcome = applyCommand(ticket, command, {
    actor: intakeActor,
    now: now.toISOString(),
    matrix: defaultPriorityMatrix,
    ...(ticketNumber !== undefined ? { ticketNumber } : {}),
  })
  if (!outcome.ok) throw new Error(`mail intake could not apply ${command.type}: ${outcome.error.kind}`)
  return outcome
}

async function createTicket(
  tx: Queryable,
  input: IntakeInput,
  followUpOf: number | null,
  now: Date,
): Promise<IntakeOutcome> {
  const { organisationId, message } = input
  const from = message.from!
  const name = from.name ?? from.address.split('@')[0]!
  const language = guessLanguage(message.text)
  const contact = await findOrCreateContact(tx, organisationId, { name, email: from.address, language })
  const ticketId = randomUUID()
  const subject = cleanSubject(message.subject) || timelineText(message.text).split('\n')[0]!.trim() || from.address
  const body = timelineText(message.text)
  const intro = followUpOf !== null ? `${wording[contact?.contact.language ?? language].followUp(followUpOf)}\n\n` : ''
  const command = ticketCommandSchema.parse({
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId,
    baseVersion: null,
    deviceTime: now.toISOString(),
    payload: {
      subject: clip(subject, ticketLimits.subject),
      description: clip(`${intro}${body}`, ticketLimits.description),
      channel: 'email',
      requester: { name: name.slice(0, ticketLimits.personName), email: from.address, phone: null, device: null },
      type: 'incident',
      category: 'other',
      impact: 'medium',
      urgency: 'medium',
      tags: followUpOf !== null ? ['follow-up'] : [],
      links: contact ? { customerId: contact.customer.id, contactId: contact.contact.id, deviceId: null } : null,
    },
  })
  const ticketNumber = await nextTicketNumber(tx, organisationId)
  const outcome = run(null, command, now, ticketNumber)
  const events: TimelineEvent[] = outcome.events.map((event) => ({ ...event, author: { kind: 'requester', name } }))
  const seq = await nextChangeSeq(tx)
  await saveTicket(tx, organisationId, outcome.ticket, seq)
  await insertEvents(tx, organisationId, events, seq)
  if (message.messageId) await rememberMessageId(tx, organisationId, message.messageId, ticketId)
  // The acknowledgement with the number; auto-replies and bulk mail never get this far.
  await queueTicketMail(tx, organisationId, outcome.ticket, events)
  return {
    kind: 'new',
    ticketId,
    ticketNumber,
    eventId: events[0]!.id,
    contactId: contact?.contact.id ?? null,
    customerId: contact?.customer.id ?? null,
  }
}

async function addReply(
  tx: Queryable,
  input: IntakeInput,
  decision: Extract<IntakeDecision, { kind: 'reply' }>,
  now: Date,
): Promise<IntakeOutcome> {
  const { organisationId, message } = input
  const ticket = (await findTicket(tx, organisationId, decision.ticket.id))!
  const from = message.from!
  const name = (from.name ?? from.address.split('@')[0]!).slice(0, ticketLimits.personName)
  const note = ticketCommandSchema.parse({
    type: 'add_note',
    commandId: randomUUID(),
    ticketId: ticket.id,
    baseVersion: ticket.version,
    deviceTime: now.toISOString(),
    payload: { visibility: 'public', body: clip(timelineText(message.text), ticketLimits.noteBody) || '(empty)' },
  })
  const noted = run(ticket, note, now)
  const events: TimelineEvent[] = noted.events.map((event) => ({ ...event, author: { kind: 'requester', name } }))
  let current = noted.ticket
  const nextStatus = decision.reopen ? 'reopened' : decision.resume ? 'in_progress' : null
  if (nextStatus) {
    const change = ticketCommandSchema.parse({
      type: 'change_status',
      commandId: randomUUID(),
      ticketId: ticket.id,
      baseVersion: current.version,
      deviceTime: now.toISOString(),
      payload: { status: nextStatus, note: wording[guessLanguage(message.text)].answered },
    })
    const changed = run(current, change, now)
    events.push(...changed.events.map((event) => ({ ...event, author: systemAuthor })))
    current = changed.ticket
  }
  const seq = await nextChangeSeq(tx)
  await saveTicket(tx, organisationId, current, seq)
  await insertEvents(tx, organisationId, events, seq)
  if (message.messageId) await rememberMessageId(tx, organisationId, message.messageId, ticket.id)
  return {
    kind: 'reply',
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    eventId: events[0]!.id,
    reopened: decision.reopen,
  }
}
