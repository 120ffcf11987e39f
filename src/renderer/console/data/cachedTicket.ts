import { computeSla } from '@shared/tickets/sla'
import { defaultSlaConfig, type SlaConfig } from '@shared/tickets/slaPolicy'
import { isFinished } from '@shared/tickets/status'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Ticket } from '@shared/tickets/model'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { noAssignee, noDeadline, type CachedTicket } from './db'

const maxWords = 80

export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1)
}

/** The earliest instant a running SLA clock of the ticket is due, by the ticket's clock rules (`ticketSlaRules`). */
export function slaDueAt(events: readonly TimelineEvent[], now: Date, config: SlaConfig = defaultSlaConfig): string {
  const newest = Math.max(now.getTime(), ...events.map((e) => Date.parse(e.at)))
  const sla = computeSla(events, new Date(newest), config)
  const due = [sla?.firstResponse, sla?.resolution]
    .filter((clock) => clock && (clock.state === 'running' || clock.state === 'breached') && clock.dueAt)
    .map((clock) => clock!.dueAt!)
    .sort()
  return due[0] ?? noDeadline
}

export function toCachedTicket(
  ticket: Ticket,
  events: readonly TimelineEvent[],
  now = new Date(),
  config: SlaConfig = defaultSlaConfig,
): CachedTicket {
  const text = [
    ticket.number ? `${formatTicketNumber(ticket.number)} ${ticket.number}` : '',
    ticket.subject,
    ticket.requester.name,
    ticket.requester.email ?? '',
    ticket.requester.device ?? '',
    ticket.tags.join(' '),
    ticket.description.slice(0, 500),
  ].join(' ')
  return {
    ...ticket,
    assigneeId: ticket.assignee?.id ?? noAssignee,
    slaDueAt: slaDueAt(events, now, config),
    words: [...new Set(searchWords(text))].slice(0, maxWords),
    major: ticket.majorIncident && !isFinished(ticket.status) ? 1 : 0,
  }
}

/** Drops the index-only fields again. */
export function toTicket(cached: CachedTicket): Ticket {
  const { assigneeId: _a, slaDueAt: _s, words: _w, major: _m, ...ticket } = cached
  return ticket
}
