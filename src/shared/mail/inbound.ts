import { z } from 'zod'
import { replyMarkerWords } from './replyMarker'
import { ticketLimits } from '../tickets/limits'
import type { Status } from '../tickets/status'
import type { IntakeSettings } from './settings'

/** A message as intake sees it after parsing: plain text only, addresses lower case. */
export const inboundMessageSchema = z.object({
  /** Without the angle brackets; null when the sender's client set none. */
  messageId: z.string().min(1).max(998).nullable(),
  inReplyTo: z.string().min(1).max(998).nullable(),
  references: z.array(z.string().min(1).max(998)).max(200),
  from: z
    .object({ address: z.string().min(3).max(ticketLimits.email), name: z.string().max(200).nullable() })
    .nullable(),
  subject: z.string().max(2000),
  /** The To and Cc lines as written, and the Date header; kept with the full text. Absent for mail from elsewhere. */
  to: z.string().max(2000).optional(),
  cc: z.string().max(2000).optional(),
  date: z.iso.datetime().nullable().optional(),
  /** The whole plain text (HTML turned into text), quoted history included. */
  text: z.string(),
  autoReply: z.enum(['auto_submitted', 'suppress', 'precedence', 'x_autoreply', 'out_of_office']).nullable(),
  bulk: z.boolean(),
  bounce: z
    .object({
      recipient: z.string().max(ticketLimits.email).nullable(),
      status: z.string().max(20).nullable(),
      diagnostic: z.string().max(1000).nullable(),
    })
    .nullable(),
})
export type InboundMessage = z.infer<typeof inboundMessageSchema>

export { defaultIntakeSettings, intakeSettingsSchema, type IntakeSettings } from './settings'

const outOfOfficeSubject = [
  /\bout of (the )?office\b/i,
  /\bautomatic reply\b/i,
  /\bauto(-|matic )?reply\b/i,
  /\bautoreply\b/i,
  /\bon vacation\b/i,
  /\babwesenheitsnotiz\b/i,
  /\bautomatische antwort\b/i,
  /\bnicht im büro\b/i,
  /\babwesend\b/i,
  /\bin urlaub\b/i,
]

/** Is this subject one of the out-of-office notices mail clients send, in English or German? */
export function isOutOfOfficeSubject(subject: string): boolean {
  return outOfOfficeSubject.some((pattern) => pattern.test(subject))
}

/** The header signals that a message was written by a machine (RFC 3834 and the common vendor headers). */
export function autoReplySignal(headers: {
  autoSubmitted?: string | null
  autoResponseSuppress?: string | null
  xAutoreply?: string | null
  subject: string
}): InboundMessage['autoReply'] {
  const submitted = headers.autoSubmitted?.trim().toLowerCase()
  if (submitted && submitted !== 'no') return 'auto_submitted'
  const suppress = headers.autoResponseSuppress?.trim().toLowerCase()
  if (suppress && suppress !== 'none') return 'suppress'
  if (headers.xAutoreply?.trim()) return 'x_autoreply'
  if (isOutOfOfficeSubject(headers.subject)) return 'out_of_office'
  return null
}

/** `Precedence: bulk`, `junk` or `list` marks mail no one expects an answer to. */
export function isBulkPrecedence(precedence: string | null | undefined): boolean {
  return ['bulk', 'junk', 'list'].includes(precedence?.trim().toLowerCase() ?? '')
}

/** The `[T-000123]` token our outbound mail puts into the subject; null when there is none. */
export function ticketNumberInSubject(subject: string): number | null {
  const match = /\[T-(\d{1,12})\]/i.exec(subject)
  if (!match?.[1]) return null
  const number = Number(match[1])
  return Number.isSafeInteger(number) && number > 0 ? number : null
}

/** The subject without reply prefixes and our ticket token, for the ticket's subject line. */
export function cleanSubject(subject: string): string {
  let text = subject.replace(/\[T-\d{1,12}\]/gi, ' ')
  for (;;) {
    const next = text.replace(/^\s*(re|aw|fw|fwd|wg|antw)\s*(\[\d+\])?\s*:\s*/i, '')
    if (next === text) break
    text = next
  }
  return text.replace(/\s+/g, ' ').trim()
}

/** The marker line above which our outbound mail asks people to write, in either language. */
const replyMarkers = Object.values(replyMarkerWords)

const cutLines: RegExp[] = [
  // The reply marker of our own mail, with or without decoration around it.
  new RegExp(`^\\W*(${replyMarkers.map((m) => m.replace(/ /g, '\\s+')).join('|')})\\W*$`, 'i'),
  // Thunderbird, Gmail, Apple Mail: "On Mon, 3 Mar 2025 at 10:00, Anna <a@b.c> wrote:"
  /^On\b.{0,300}\bwrote:\s*$/i,
  // German clients: "Am 03.03.2025 um 10:00 schrieb Anna <a@b.c>:"
  /^Am\b.{0,300}\bschrieb\b.{0,300}:\s*$/i,
  // Outlook: a separator line, or the header block of the quoted message.
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Originalnachricht)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|Von):\s.+$/,
  // The signature separator "-- " (and the common "--" without its space).
  /^--\s?$/,
]

/**
 * The part of a reply the timeline shows: the text above the quoted history, the signature and
 * our reply marker. Lines starting `>` are dropped wherever they are. When nothing would remain
 * (a message that is all quote), the whole text is kept, so no message reads as empty.
 */
export function timelineText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const kept: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const trimmed = line.trim()
    if (cutLines.some((pattern) => pattern.test(trimmed))) break
    // Some clients wrap "On … wrote:" over two lines.
    if (/^On\b/i.test(trimmed) && /\bwrote:\s*$/i.test(`${trimmed} ${lines[i + 1]?.trim() ?? ''}`)) break
    if (/^Am\b/i.test(trimmed) && /\bschrieb\b.*:\s*$/i.test(`${trimmed} ${lines[i + 1]?.trim() ?? ''}`)) break
    if (trimmed.startsWith('>')) continue
    kept.push(line.trimEnd())
  }
  const result = kept.join('\n').trim()
  return result.length > 0 ? result : text.trim()
}

/** Text as storage takes it: PostgreSQL refuses U+0000, and lone surrogates have no UTF-8 form. */
export function storableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing U+0000 is the point
  return text.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
}

/** What intake knows of a ticket a message may belong to (always of the mailbox's organisation). */
export interface TicketFacts {
  id: string
  number: number | null
  status: Status
  resolvedAt: string | null
}

export interface IntakeContext {
  /** Addresses the hub sends from: mail from them is our own, coming back. */
  ownAddresses: readonly string[]
  /** The ticket whose stored Message-ID the message's In-Reply-To or References name. */
  threadedTicket: TicketFacts | null
  /** The ticket whose number the subject's `[T-…]` token names. */
  tokenTicket: TicketFacts | null
  /** New tickets this sender opened by mail in the last hour. */
  recentNewTickets: number
  settings: IntakeSettings
  now: Date
}

export type IgnoreReason = 'own_mail' | 'auto_reply' | 'bulk' | 'no_sender' | 'rate_limited'

export type IntakeDecision =
  | { kind: 'ignore'; reason: IgnoreReason }
  | { kind: 'bounce'; recipient: string | null; status: string | null; diagnostic: string | null }
  | { kind: 'reply'; ticket: TicketFacts; reopen: boolean; resume: boolean }
  | { kind: 'new'; followUpOf: TicketFacts | null }

const dayMs = 24 * 60 * 60 * 1000

/**
 * What a message does, decided from the message and what the hub looked up for it. Order matters:
 * our own mail and bounces first (a bounce is machine mail too, but it carries news about an
 * address), then machine and list mail, then threading, then the sender's rate limit, which only
 * limits new tickets: a reply to an existing ticket always lands.
 */
export function decideIntake(message: InboundMessage, context: IntakeContext): IntakeDecision {
  const own = new Set(context.ownAddresses.map((address) => address.toLowerCase()))
  if (message.from && own.has(message.from.address.toLowerCase())) return { kind: 'ignore', reason: 'own_mail' }
  if (message.bounce) return { kind: 'bounce', ...message.bounce }
  if (message.autoReply) return { kind: 'ignore', reason: 'auto_reply' }
  if (message.bulk) return { kind: 'ignore', reason: 'bulk' }
  if (!message.from) return { kind: 'ignore', reason: 'no_sender' }
  const ticket = context.threadedTicket ?? context.tokenTicket
  if (ticket) {
    if (ticket.status === 'resolved') {
      const resolvedAt = ticket.resolvedAt ? Date.parse(ticket.resolvedAt) : Number.NaN
      const withinWindow =
        Number.isFinite(resolvedAt) && context.now.getTime() - resolvedAt <= context.settings.reopenWindowDays * dayMs
      if (withinWindow) return { kind: 'reply', ticket, reopen: true, resume: false }
      return newTicket(context, ticket)
    }
    // A closed ticket stays closed: only an admin may reopen it.
    if (ticket.status === 'closed') return newTicket(context, ticket)
    return { kind: 'reply', ticket, reopen: false, resume: ticket.status === 'waiting_for_user' }
  }
  return newTicket(context, null)
}

function newTicket(context: IntakeContext, followUpOf: TicketFacts | null): IntakeDecision {
  if (context.recentNewTickets >= context.settings.newTicketsPerHour) return { kind: 'ignore', reason: 'rate_limited' }
  return { kind: 'new', followUpOf }
}

const germanWords = new Set([
  'und',
  'der',
  'die',
  'das',
  'ist',
  'nicht',
  'ich',
  'bitte',
  'mit',
  'sie',
  'grüße',
  'danke',
  'hallo',
  'wir',
  'ein',
  'eine',
  'auf',
  'für',
])
const englishWords = new Set([
  'and',
  'the',
  'is',
  'not',
  'please',
  'with',
  'you',
  'regards',
  'thanks',
  'hello',
  'we',
  'a',
  'on',
  'for',
  'it',
  'my',
])

/** German or English, from the commonest words of the text: the language a new contact is written to in. */
export function guessLanguage(text: string): 'de' | 'en' {
  let german = 0
  let english = 0
  for (const word of text.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    if (germanWords.has(word)) german++
    if (englishWords.has(word)) english++
  }
  return german > english ? 'de' : 'en'
}

/** A received message in full, beside its cut timeline entry (`GET /api/tickets/:id/mail/:eventId`). */
export const receivedMailSchema = z.object({
  /** Header lines as the message carried them; null where it had none or where intake kept none. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  cc: z.string().nullable(),
  /** The message's Date header. */
  date: z.iso.datetime().nullable(),
  subject: z.string(),
  sender: z.string().nullable(),
  /** Plain text, quoted history and signature included; never HTML. */
  text: z.string(),
  receivedAt: z.iso.datetime(),
})
export type ReceivedMail = z.infer<typeof receivedMailSchema>

/** The timeline entries of a ticket that came from a received mail (`GET /api/tickets/:id/mail`). */
export const receivedMailListSchema = z.object({ eventIds: z.array(z.string()) })
