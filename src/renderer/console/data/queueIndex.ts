import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie'
import type { CachedTicket, ConsoleDb } from './db'

/** What the queue filters, sorts and shows, per ticket: a small part of the whole ticket. */
export type QueueEntry = Pick<
  CachedTicket,
  | 'id'
  | 'number'
  | 'subject'
  | 'requester'
  | 'assignee'
  | 'status'
  | 'priority'
  | 'channel'
  | 'assigneeId'
  | 'group'
  | 'slaDueAt'
  | 'words'
> & {
  /** The words joined, each after a space: one native substring search finds a word prefix. */
  searchText?: string
}

function entryOf(ticket: CachedTicket): QueueEntry {
  const { id, number, subject, requester, assignee, status, priority, channel, assigneeId, group, slaDueAt, words } =
    ticket
  const searchText = ` ${words.join(' ')}`
  return {
    id,
    number,
    subject,
    requester,
    assignee,
    status,
    priority,
    channel,
    assigneeId,
    group,
    slaDueAt,
    words,
    searchText,
  }
}

const bySla = (a: QueueEntry, b: QueueEntry) => (a.slaDueAt < b.slaDueAt ? -1 : a.slaDueAt > b.slaDueAt ? 1 : 0)

/**
 * The queue's fields of every cached ticket, in memory and in SLA order, so filtering and searching
 * tens of thousands of tickets is a scan of small objects rather than a read of whole tickets from
 * IndexedDB. It follows every write to the tickets table through a Dexie middleware, so it cannot
 * drift from the cache; the queue's rows are shown straight from it.
 * Until the first load is done (`ready`), the queue falls back to IndexedDB's own indexes.
 */
export class QueueIndex {
  private readonly entries = new Map<string, QueueEntry>()
  /** Ticket ids by the first two letters of each of their words: a search term's candidates. */
  private readonly byPrefix = new Map<string, Set<string>>()
  private ordered: QueueEntry[] | null = null
  private loading: Promise<void> | null = null
  /** Writes seen while loading; applied after, so a write during the load is not lost. */
  private pending: Array<(index: QueueIndex) => void> | null = null
  ready = false

  /** The Dexie middleware that keeps the index in step with the tickets table. */
  readonly middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'queue-index',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name)
        if (name !== 'tickets') return table
        return {
          ...table,
          mutate: async (request: DBCoreMutateRequest) => {
            const result = await table.mutate(request)
            this.record(request)
            return result
          },
        }
      },
    }),
  }

  private record(request: DBCoreMutateRequest): void {
    const change = (index: QueueIndex) => {
      if (request.type === 'add' || request.type === 'put') {
        for (const value of request.values as CachedTicket[]) index.put(entryOf(value))
      } else if (request.type === 'delete') {
        for (const key of request.keys as string[]) index.remove(key)
      } else {
        // A range delete (clearing the cache): start over from what is stored.
        index.entries.clear()
        index.byPrefix.clear()
        index.ready = false
        index.loading = null
      }
      index.ordered = null
    }
    if (this.pending) this.pending.push(change)
    else change(this)
  }

  private prefixes(entry: QueueEntry): Set<string> {
    return new Set(entry.words.map((word) => word.slice(0, 2)))
  }

  private put(entry: QueueEntry): void {
    this.remove(entry.id)
    this.entries.set(entry.id, entry)
    for (const prefix of this.prefixes(entry)) {
      let ids = this.byPrefix.get(prefix)
      if (!ids) this.byPrefix.set(prefix, (ids = new Set()))
      ids.add(entry.id)
    }
  }

  private remove(id: string): void {
    const old = this.entries.get(id)
    if (!old) return
    this.entries.delete(id)
    for (const prefix of this.prefixes(old)) this.byPrefix.get(prefix)?.delete(id)
  }

  /**
   * Tickets that may match every term (search terms are at least two letters): those having a word
   * that starts with each term's first two letters. The smallest such set, or null without terms.
   */
  candidates(terms: readonly string[]): ReadonlySet<string> | null {
    let smallest: ReadonlySet<string> | null = null
    for (const term of terms) {
      const ids = this.byPrefix.get(term.slice(0, 2)) ?? new Set<string>()
      if (!smallest || ids.size < smallest.size) smallest = ids
    }
    return smallest
  }

  /** Reads the whole cache once, in pages, without holding one long transaction. */
  load(db: ConsoleDb, pageSize = 5000): Promise<void> {
    this.loading ??= (async () => {
      this.pending = []
      let lastId = ''
      for (;;) {
        const page = await db.tickets.where('id').above(lastId).limit(pageSize).toArray()
        for (const ticket of page) this.put(entryOf(ticket))
        if (page.length < pageSize) break
        lastId = page.at(-1)!.id
      }
      const pending = this.pending
      this.pending = null
      for (const change of pending) change(this)
      this.ordered = null
      this.ready = true
      // For the benchmark and for profiling: when filters and search became memory scans.
      if (performance.getEntriesByName('queue-index-ready').length === 0) performance.mark('queue-index-ready')
    })()
    return this.loading
  }

  /** Every entry, most urgent SLA first. Sorted again only after a change. */
  inSlaOrder(): readonly QueueEntry[] {
    this.ordered ??= [...this.entries.values()].sort(bySla)
    return this.ordered
  }

  get size(): number {
    return this.entries.size
  }
}
