import Dexie, { type EntityTable } from 'dexie'
import type { StoredDiagnostics } from '@shared/gethelp'
import type { TicketCommand } from '@shared/tickets/commands'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Ticket } from '@shared/tickets/model'

/** A ticket as the Console keeps it: the hub's (or optimistic) ticket plus fields for indexes. */
export interface CachedTicket extends Ticket {
  assigneeId: string
  /** Earliest due time of a running SLA clock; far future when none runs, so such tickets sort last. */
  slaDueAt: string
  /** Lower-case words of number, subject, requester and description, for prefix search. */
  words: string[]
}

export interface OutboxRow {
  seq?: number
  commandId: string
  ticketId: string
  command: TicketCommand
  queuedAt: string
}

/** A command the hub did not apply: a conflict to decide, or a refusal to read. Kept until the agent dismisses it. */
export interface ProblemRow {
  commandId: string
  ticketId: string
  kind: 'conflict' | 'rejected'
  command: TicketCommand
  field?: 'status' | 'assignee' | 'priority'
  yours?: unknown
  theirs?: unknown
  message?: string
  at: string
}

/** The hub's last copy of a ticket that has edits still in the outbox; pending edits are replayed on it. */
export interface BaseRow {
  id: string
  ticket: Ticket
}

export interface MetaRow {
  key: 'cursor'
  value: number
}

export const noAssignee = ''
export const noDeadline = '9999-12-31T23:59:59.999Z'

/**
 * The Console's offline cache, one database per signed-in account and hub. Every edit writes its
 * optimistic change and its outbox row in one transaction; the sync engine empties the outbox.
 */
export class ConsoleDb extends Dexie {
  tickets!: EntityTable<CachedTicket, 'id'>
  events!: EntityTable<TimelineEvent, 'id'>
  outbox!: EntityTable<OutboxRow, 'seq'>
  problems!: EntityTable<ProblemRow, 'commandId'>
  bases!: EntityTable<BaseRow, 'id'>
  meta!: EntityTable<MetaRow, 'key'>
  /** Diagnostics of tickets the agent opened, kept for reading offline. */
  diagnostics!: EntityTable<StoredDiagnostics, 'id'>

  constructor(name: string) {
    super(name)
    this.version(1).stores({
      tickets: 'id, number, status, priority, level, assigneeId, channel, slaDueAt, updatedAt, *words',
      events: 'id, ticketId, at',
      outbox: '++seq, &commandId, ticketId',
      problems: 'commandId, ticketId, at',
      bases: 'id',
      meta: 'key',
    })
    this.version(2).stores({ diagnostics: 'id, ticketId, receivedAt' })
  }
}

export function consoleDbName(hubUrl: string, accountId: string): string {
  return `firstline:${hubUrl}:${accountId}`
}
