import type { Collection, InsertType } from 'dexie'
import type { Channel } from '@shared/tickets/classification'
import type { Priority } from '@shared/tickets/priority'
import { isFinished, type Status } from '@shared/tickets/status'
import { parseTicketNumber } from '@shared/tickets/ticketNumber'
import { searchWords } from './cachedTicket'
import { noAssignee, type CachedTicket, type ConsoleDb } from './db'

export interface QueueFilter {
  scope: 'all' | 'mine' | 'unassigned'
  status: 'open' | 'any' | Status
  priority: 'any' | Priority
  channel: 'any' | Channel
  /** Only tickets whose next SLA deadline is within the hour or already passed. */
  atRisk: boolean
  search: string
}

export const defaultQueueFilter: QueueFilter = {
  scope: 'all',
  status: 'open',
  priority: 'any',
  channel: 'any',
  atRisk: false,
  search: '',
}
export const atRiskWindowMs = 60 * 60 * 1000
/** The queue shows the most urgent tickets first and at most this many; filters narrow it down. */
export const queueLimit = 200

export interface QueueResult {
  rows: CachedTicket[]
  total: number | null
}

function matcher(filter: QueueFilter, meId: string, now: Date, terms: string[]): (t: CachedTicket) => boolean {
  const riskLimit = new Date(now.getTime() + atRiskWindowMs).toISOString()
  return (t) =>
    (filter.scope === 'all' || (filter.scope === 'mine' ? t.assigneeId === meId : t.assigneeId === noAssignee)) &&
    (filter.status === 'any' || (filter.status === 'open' ? !isFinished(t.status) : t.status === filter.status)) &&
    (filter.priority === 'any' || t.priority === filter.priority) &&
    (filter.channel === 'any' || t.channel === filter.channel) &&
    (!filter.atRisk || t.slaDueAt <= riskLimit) &&
    terms.every((term) => t.words.some((word) => word.startsWith(term)))
}

/** Below this many index candidates the matches are loaded and sorted; above it the SLA index is walked. */
const narrowThreshold = 2000

/**
 * The queue for a filter, most urgent SLA first. When an index narrows the filter to a few
 * candidates (a search word, the assignee, a status), those are loaded and sorted. Otherwise the
 * SLA index is walked in order and the walk stops once the page is full, so a broad filter over
 * tens of thousands of tickets costs about as much as one page. `total` is null when only the
 * walk knows the matches and the page is full: there are more than it shows.
 */
export async function queryQueue(
  db: ConsoleDb,
  filter: QueueFilter,
  meId: string,
  now = new Date(),
): Promise<QueueResult> {
  const terms = searchWords(filter.search)
  const number = parseTicketNumber(filter.search)
  const matches = matcher(filter, meId, now, number ? [] : terms)
  // A fresh collection per use: a distinct collection remembers the keys it has seen.
  const narrowed = (): Collection<CachedTicket, string, InsertType<CachedTicket, 'id'>> | null => {
    if (number) return db.tickets.where('number').equals(number)
    if (terms.length > 0) return db.tickets.where('words').startsWith(terms[0]!).distinct()
    if (filter.scope === 'mine') return db.tickets.where('assigneeId').equals(meId)
    if (filter.scope === 'unassigned') return db.tickets.where('assigneeId').equals(noAssignee)
    if (filter.status !== 'open' && filter.status !== 'any') return db.tickets.where('status').equals(filter.status)
    return null
  }
  if (narrowed() && (await narrowed()!.count()) <= narrowThreshold) {
    const all = (await narrowed()!.toArray()).filter(matches)
    all.sort((a, b) => (a.slaDueAt < b.slaDueAt ? -1 : a.slaDueAt > b.slaDueAt ? 1 : 0))
    return { rows: all.slice(0, queueLimit), total: all.length }
  }
  const rows = await db.tickets.orderBy('slaDueAt').filter(matches).limit(queueLimit).toArray()
  return { rows, total: rows.length < queueLimit ? rows.length : null }
}
