import type { Collection, InsertType } from 'dexie'
import type { Channel } from '@shared/tickets/classification'
import type { Priority } from '@shared/tickets/priority'
import { isFinished, type Status } from '@shared/tickets/status'
import { parseTicketNumber } from '@shared/tickets/ticketNumber'
import { searchWords } from './cachedTicket'
import { noAssignee, type CachedTicket, type ConsoleDb } from './db'
import type { QueueEntry } from './queueIndex'

export const queueScopes = ['all', 'mine', 'my_groups', 'unassigned'] as const

export interface QueueFilter {
  /** `my_groups`: tickets handed to a specialist group the agent belongs to. */
  scope: (typeof queueScopes)[number]
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
/** Specialists start in their groups' queue, 1st level with every open ticket. */
export function defaultFilterFor(role: string): QueueFilter {
  return role === 'specialist' ? { ...defaultQueueFilter, scope: 'my_groups' } : defaultQueueFilter
}

/** Who is looking: "mine" and "my groups" depend on it. */
export interface QueueViewer {
  id: string
  groups: readonly string[]
}

export const atRiskWindowMs = 60 * 60 * 1000
/** The queue shows the most urgent tickets first and at most this many; filters narrow it down. */
export const queueLimit = 200
/** Rows read straight from IndexedDB before the in-memory index is ready: more than a screen holds. */
export const firstPage = 50

export interface QueueResult {
  /** What the queue shows of each ticket; open the ticket from the cache for the rest. */
  rows: QueueEntry[]
  total: number | null
}

function inScope(scope: QueueFilter['scope'], viewer: QueueViewer): (t: QueueEntry) => boolean {
  switch (scope) {
    case 'all':
      return () => true
    case 'mine':
      return (t) => t.assigneeId === viewer.id
    case 'unassigned':
      return (t) => t.assigneeId === noAssignee
    case 'my_groups':
      return (t) => t.group !== null && viewer.groups.includes(t.group)
  }
}

/** Search terms carry no spaces, so ` term` in the joined words is a word that starts with it. */
function hasWordStartingWith(t: QueueEntry, term: string): boolean {
  return t.searchText !== undefined ? t.searchText.includes(` ${term}`) : t.words.some((word) => word.startsWith(term))
}

function matcher(filter: QueueFilter, viewer: QueueViewer, now: Date, terms: string[]): (t: QueueEntry) => boolean {
  const riskLimit = new Date(now.getTime() + atRiskWindowMs).toISOString()
  const scoped = inScope(filter.scope, viewer)
  return (t) =>
    scoped(t) &&
    (filter.status === 'any' || (filter.status === 'open' ? !isFinished(t.status) : t.status === filter.status)) &&
    (filter.priority === 'any' || t.priority === filter.priority) &&
    (filter.channel === 'any' || t.channel === filter.channel) &&
    (!filter.atRisk || t.slaDueAt <= riskLimit) &&
    terms.every((term) => hasWordStartingWith(t, term))
}

/**
 * The queue from the in-memory index: one pass over every entry in SLA order counts the matches
 * and keeps the first page. Nothing is read from IndexedDB but one row by primary key over the
 * whole key range, which makes a live query wake for any change to the table (a count would do the
 * same but walks every row).
 */
async function fromMemory(
  db: ConsoleDb,
  matches: (t: QueueEntry) => boolean,
  candidates: ReadonlySet<string> | null,
): Promise<QueueResult> {
  const rows: QueueEntry[] = []
  let total = 0
  for (const entry of db.queueIndex.inSlaOrder()) {
    if (candidates && !candidates.has(entry.id)) continue
    if (!matches(entry)) continue
    total++
    if (rows.length < queueLimit) rows.push(entry)
  }
  await db.tickets.limit(1).toArray()
  return { rows, total }
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
  viewer: QueueViewer,
  now = new Date(),
): Promise<QueueResult> {
  const meId = viewer.id
  const terms = searchWords(filter.search)
  const number = parseTicketNumber(filter.search)
  const wanted = matcher(filter, viewer, now, number ? [] : terms)
  const matches = number ? (t: QueueEntry) => t.number === number && wanted(t) : wanted
  if (db.queueIndex.ready) return fromMemory(db, matches, number ? null : db.queueIndex.candidates(terms))
  // A fresh collection per use: a distinct collection remembers the keys it has seen.
  const narrowed = (): Collection<CachedTicket, string, InsertType<CachedTicket, 'id'>> | null => {
    if (number) return db.tickets.where('number').equals(number)
    if (terms.length > 0) return db.tickets.where('words').startsWith(terms[0]!).distinct()
    if (filter.scope === 'mine') return db.tickets.where('assigneeId').equals(meId)
    if (filter.scope === 'unassigned') return db.tickets.where('assigneeId').equals(noAssignee)
    if (filter.scope === 'my_groups') return db.tickets.where('group').anyOf([...viewer.groups])
    if (filter.status !== 'open' && filter.status !== 'any') return db.tickets.where('status').equals(filter.status)
    return null
  }
  if (narrowed() && (await narrowed()!.count()) <= narrowThreshold) {
    const all = (await narrowed()!.toArray()).filter(matches)
    all.sort((a, b) => (a.slaDueAt < b.slaDueAt ? -1 : a.slaDueAt > b.slaDueAt ? 1 : 0))
    return { rows: all.slice(0, queueLimit), total: all.length }
  }
  // Until the in-memory index is built (right after the first render) a shorter first page is
  // enough for the screen and reads a quarter of the rows.
  const rows = await db.tickets.orderBy('slaDueAt').filter(matches).limit(firstPage).toArray()
  return { rows, total: rows.length < firstPage ? rows.length : null }
}
