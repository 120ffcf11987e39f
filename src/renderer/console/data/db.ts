import Dexie, { type EntityTable } from 'dexie'
import type { StoredDiagnostics } from '@shared/gethelp'
import type { Article } from '@shared/kb/article'
import type { SlaCustomer } from '@shared/people/sla'
import type { ArticleFeedback } from '@shared/kb/feedback'
import type { TicketCommand } from '@shared/tickets/commands'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Ticket } from '@shared/tickets/model'
import { isFinished } from '@shared/tickets/status'
import { QueueIndex } from './queueIndex'

/** A ticket as the Console keeps it: the hub's (or optimistic) ticket plus fields for indexes. */
export interface CachedTicket extends Ticket {
  assigneeId: string
  /** Earliest due time of a running SLA clock; far future when none runs, so such tickets sort last. */
  slaDueAt: string
  /** Lower-case words of number, subject, requester and description, for prefix search. */
  words: string[]
  /** 1 while the ticket is an open major incident, else 0 (IndexedDB cannot index booleans). */
  major: 0 | 1
}

export interface OutboxRow {
  seq?: number
  commandId: string
  ticketId: string
  command: TicketCommand
  queuedAt: string
  /** How often the hub refused the push that carried it or failed to store it; set aside at `maxPushAttempts`. */
  attempts?: number
}

/**
 * A command the hub did not apply: a conflict to decide, a refusal to read, or an edit the hub kept
 * failing on (`failed`), set aside so the rest can sync. Kept until the agent sends it again or discards it.
 */
export interface ProblemRow {
  commandId: string
  ticketId: string
  kind: 'conflict' | 'rejected' | 'failed'
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

/** Where the knowledge-base refresh left off: the hub's change number from /api/kb/changes. */
export interface KbStateRow {
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
  /** Published knowledge-base articles, for suggestions and search without the hub. */
  kbArticles!: EntityTable<Article, 'id'>
  /** Links and verdicts per article as the hub counted them at the last refresh. */
  kbFeedback!: EntityTable<ArticleFeedback, 'articleId'>
  kbState!: EntityTable<KbStateRow, 'key'>
  /** Every customer's business hours and contracts as the hub last answered, for SLA clocks offline. */
  slaCustomers!: EntityTable<SlaCustomer, 'id'>
  /** The queue's fields of every ticket in memory; see QueueIndex. */
  readonly queueIndex = new QueueIndex()

  constructor(name: string) {
    super(name)
    this.use(this.queueIndex.middleware)
    this.version(1).stores({
      tickets: 'id, number, status, priority, level, assigneeId, channel, slaDueAt, updatedAt, *words',
      events: 'id, ticketId, at',
      outbox: '++seq, &commandId, ticketId',
      problems: 'commandId, ticketId, at',
      bases: 'id',
      meta: 'key',
    })
    this.version(2).stores({ diagnostics: 'id, ticketId, receivedAt' })
    this.version(3).stores({ kbArticles: 'id, category, updatedAt', kbFeedback: 'articleId', kbState: 'key' })
    // The specialist group, for the "my groups" queue, and open major incidents, for the leads' alert.
    this.version(4)
      .stores({
        tickets: 'id, number, status, priority, level, assigneeId, channel, slaDueAt, updatedAt, *words, group, major',
      })
      .upgrade((tx) =>
        tx
          .table('tickets')
          .toCollection()
          .modify((ticket: CachedTicket) => {
            ticket.major = ticket.majorIncident && !isFinished(ticket.status) ? 1 : 0
          }),
      )
    // Customers' clock rules. Cached due dates stay as they were until the first refresh moves them.
    this.version(5).stores({ slaCustomers: 'id' })
  }
}

export function consoleDbName(hubUrl: string, accountId: string): string {
  return `firstline:${hubUrl}:${accountId}`
}
