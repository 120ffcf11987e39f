import type { CommandResult, PullResponse, PushResponse } from '@shared/sync'
import type { TicketCommand } from '@shared/tickets/commands'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Actor } from '@shared/tickets/people'
import { toCachedTicket } from './cachedTicket'
import type { ConsoleDb, OutboxRow, ProblemRow } from './db'
import { rebaseTicket } from './rebase'
import { ticketSlaRules } from './slaRules'

export interface SyncTransport {
  push(commands: TicketCommand[]): Promise<PushResponse>
  pull(after: number, limit: number): Promise<PullResponse>
}

/** What the status bar switches on. */
export type SyncState = 'idle' | 'syncing' | 'offline' | 'unauthorized'

export class UnauthorizedError extends Error {}
export class OfflineError extends Error {}
/**
 * The hub answered a push, but not with results: it refused the request (a 4xx other than 401 or
 * 429) or failed on it (5xx). Unlike being offline, trying the same batch again changes nothing.
 */
export class PushRefusedError extends Error {}

/** Pushes of one command the hub refused or failed on before it is set aside as a problem. */
export const maxPushAttempts = 3

export interface SyncOptions {
  onState?: (state: SyncState) => void
  /** Called after each pulled page is committed, with how many tickets it brought (first-sync progress). */
  onProgress?: (received: number) => void
  now?: () => Date
  /** When false the round is skipped as offline without touching the network (the browser's navigator.onLine). */
  isOnline?: () => boolean
  pushBatch?: number
  pullLimit?: number
  /**
   * Runs after the tickets are in (the knowledge-base refresh). Its failure does not fail the round:
   * tickets matter more, and the next round tries again.
   */
  afterPull?: () => Promise<void>
}

function byTicket(events: readonly TimelineEvent[]): Map<string, TimelineEvent[]> {
  const grouped = new Map<string, TimelineEvent[]>()
  for (const event of events) {
    const list = grouped.get(event.ticketId)
    if (list) list.push(event)
    else grouped.set(event.ticketId, [event])
  }
  return grouped
}

const retryFloorMs = 1000
const retryCeilingMs = 30_000
const periodicMs = 30_000

/**
 * Push the outbox → apply the hub's changes in one transaction per page → delete only what the
 * hub acknowledged → advance the cursor. A crash at any point leaves commands in the outbox; the
 * hub recognises a re-sent command id and answers with its first outcome, so nothing is lost or
 * doubled.
 */
export class SyncEngine {
  private running: Promise<void> | null = null
  private again = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private retryMs = retryFloorMs
  private stopped = true
  /** After the hub refused a batch: push single commands until one goes through. */
  private oneByOne = false
  state: SyncState = 'idle'

  constructor(
    private readonly db: ConsoleDb,
    private readonly transport: SyncTransport,
    private readonly actor: Actor,
    private readonly options: SyncOptions = {},
  ) {}

  start(): void {
    this.stopped = false
    this.requestSync()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }

  /** Runs a sync soon; calls while one runs fold into one more round. */
  requestSync(): void {
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.round().finally(() => {
      this.running = null
      if (this.again && !this.stopped) {
        this.again = false
        this.requestSync()
      }
    })
  }

  /**
   * One full round, for tests and for "sync now"; resolves when done, rejects on failure. A push the
   * hub refuses does not hold back the pull: other agents' changes still arrive, then the round
   * reports the refusal so it is tried again later.
   */
  async syncOnce(): Promise<void> {
    if (this.options.isOnline && !this.options.isOnline()) throw new OfflineError('the device is offline')
    this.setState('syncing')
    let refused: PushRefusedError | null = null
    try {
      await this.pushAll()
    } catch (error) {
      if (!(error instanceof PushRefusedError)) throw error
      refused = error
    }
    await this.pullAll()
    await this.options.afterPull?.().catch(() => undefined)
    this.setState('idle')
    if (refused) throw refused
  }

  private async round(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    let delay = periodicMs
    try {
      await this.syncOnce()
      this.retryMs = retryFloorMs
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        this.setState('unauthorized')
        return
      }
      // A refused push still pulled: the Console is in step, only its own edits wait.
      if (!(error instanceof PushRefusedError)) this.setState('offline')
      delay = this.retryMs
      this.retryMs = Math.min(this.retryMs * 2, retryCeilingMs)
    }
    if (!this.stopped) this.timer = setTimeout(() => this.requestSync(), delay)
  }

  private setState(state: SyncState): void {
    this.state = state
    this.options.onState?.(state)
  }

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /**
   * Sends the outbox in order. When the hub refuses a whole batch, commands go one at a time until
   * the one it refuses is found; that one, like a command the hub failed to store, is sent again on
   * later rounds and set aside for the agent after `maxPushAttempts`, so one bad edit never stops
   * the others.
   */
  private async pushAll(): Promise<void> {
    const { db } = this
    for (;;) {
      const rows = await db.outbox
        .orderBy('seq')
        .limit(this.oneByOne ? 1 : (this.options.pushBatch ?? 50))
        .toArray()
      if (rows.length === 0) return
      let response: PushResponse
      try {
        response = await this.transport.push(rows.map((row) => row.command))
      } catch (error) {
        if (!(error instanceof PushRefusedError)) throw error
        if (rows.length > 1) {
          this.oneByOne = true
          continue
        }
        if (await this.countFailure(rows[0]!, error.message)) continue
        throw error
      }
      if (rows.length === 1) this.oneByOne = false
      const waiting = await this.applyResults(rows, response.results)
      if (waiting) throw new PushRefusedError(waiting)
    }
  }

  /** Settles one pushed batch; answers the hub's message when a command must wait for another round. */
  private async applyResults(rows: OutboxRow[], results: CommandResult[]): Promise<string | null> {
    const { db } = this
    const now = this.now()
    let waiting: string | null = null
    await db.transaction('rw', [db.tickets, db.events, db.outbox, db.bases, db.problems, db.slaCustomers], async () => {
      const touched = new Set<string>()
      for (const [index, row] of rows.entries()) {
        const result = results[index]
        if (!result) continue
        if (result.status === 'failed') {
          waiting ??= result.message
          if (result.error === 'held_back') continue
          await this.countFailure(row, result.message, now)
          continue
        }
        await db.outbox.delete(row.seq!)
        if (result.status === 'applied') continue
        await this.setAside(
          row,
          result.status === 'conflict'
            ? { kind: 'conflict', field: result.field, yours: result.yours, theirs: result.theirs }
            : { kind: 'rejected', message: result.message },
          now,
        )
        touched.add(row.ticketId)
      }
      for (const ticketId of touched) await rebaseTicket(db, this.actor, ticketId, undefined, now)
    })
    return waiting
  }

  /**
   * Counts one more refusal of a row; at the limit the row leaves the outbox as a `failed` problem
   * and its ticket is replayed without it. Answers whether it was set aside.
   */
  private async countFailure(row: OutboxRow, message: string, now = this.now()): Promise<boolean> {
    const { db } = this
    return db.transaction(
      'rw',
      [db.tickets, db.events, db.outbox, db.bases, db.problems, db.slaCustomers],
      async () => {
        const current = await db.outbox.get(row.seq!)
        if (!current) return false
        const attempts = (current.attempts ?? 0) + 1
        if (attempts < maxPushAttempts) {
          await db.outbox.update(row.seq!, { attempts })
          return false
        }
        await db.outbox.delete(row.seq!)
        await this.setAside(row, { kind: 'failed', message }, now)
        await rebaseTicket(db, this.actor, row.ticketId, undefined, now)
        return true
      },
    )
  }

  private async setAside(
    row: OutboxRow,
    outcome: Pick<ProblemRow, 'kind' | 'field' | 'yours' | 'theirs' | 'message'>,
    now: Date,
  ): Promise<void> {
    const { db } = this
    await db.problems.put({
      commandId: row.commandId,
      ticketId: row.ticketId,
      command: row.command,
      ...outcome,
      at: now.toISOString(),
    })
    // The set-aside edit's optimistic events go; the ticket is replayed without it.
    await db.events.where('id').startsWith(`${row.commandId}:`).delete()
  }

  private async pullAll(): Promise<void> {
    const { db } = this
    for (;;) {
      const after = (await db.meta.get('cursor'))?.value ?? 0
      const page = await this.transport.pull(after, this.options.pullLimit ?? 1000)
      const now = this.now()
      await db.transaction('rw', [db.tickets, db.events, db.outbox, db.bases, db.meta, db.slaCustomers], async () => {
        // Another round may have moved the cursor while this page was in flight.
        if (((await db.meta.get('cursor'))?.value ?? 0) !== after) return
        await db.events.bulkPut(page.events)
        const pageEvents = byTicket(page.events)
        const ids = page.tickets.map((t) => t.id)
        const known = new Set((await db.tickets.bulkGet(ids)).filter((t) => t !== undefined).map((t) => t.id))
        const pendingIds = new Set((await db.outbox.where('ticketId').anyOf(ids).toArray()).map((row) => row.ticketId))
        const storedEvents = byTicket(
          await db.events
            .where('ticketId')
            .anyOf([...known])
            .toArray(),
        )
        const plain = []
        for (const ticket of page.tickets) {
          if (pendingIds.has(ticket.id)) await rebaseTicket(db, this.actor, ticket.id, ticket, now)
          else
            plain.push(
              toCachedTicket(
                ticket,
                known.has(ticket.id) ? (storedEvents.get(ticket.id) ?? []) : (pageEvents.get(ticket.id) ?? []),
                now,
                (await ticketSlaRules(db, ticket)).config,
              ),
            )
        }
        await db.tickets.bulkPut(plain)
        await db.meta.put({ key: 'cursor', value: page.cursor })
      })
      this.options.onProgress?.(page.tickets.length)
      if (!page.hasMore) return
    }
  }
}
