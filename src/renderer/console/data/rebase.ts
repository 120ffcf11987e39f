import { applyCommand } from '@shared/tickets/apply'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Ticket } from '@shared/tickets/model'
import type { Actor } from '@shared/tickets/people'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { toCachedTicket } from './cachedTicket'
import type { ConsoleDb } from './db'
import { ticketSlaRules } from './slaRules'

/**
 * Sets the cached ticket to the hub's copy with this device's pending edits replayed on top, so
 * the agent keeps seeing their own unsent changes. Must run inside a transaction over tickets,
 * events, outbox, bases and slaCustomers. `serverTicket` undefined means "keep the stored base".
 */
export async function rebaseTicket(
  db: ConsoleDb,
  actor: Actor,
  ticketId: string,
  serverTicket: Ticket | undefined,
  now: Date,
): Promise<void> {
  const pending = await db.outbox.where('ticketId').equals(ticketId).sortBy('seq')
  let base: Ticket | null
  if (serverTicket) base = serverTicket
  else base = (await db.bases.get(ticketId))?.ticket ?? null
  if (pending.length === 0) await db.bases.delete(ticketId)
  else if (base) await db.bases.put({ id: ticketId, ticket: base })

  let ticket = base
  const optimistic: TimelineEvent[] = []
  for (const row of pending) {
    const outcome = applyCommand(ticket, row.command, { actor, now: row.queuedAt, matrix: defaultPriorityMatrix })
    // An edit that no longer applies locally stays queued: the hub decides and reports it.
    if (!outcome.ok) continue
    ticket = outcome.ticket
    optimistic.push(...outcome.events)
  }
  if (!ticket) {
    await db.tickets.delete(ticketId)
    return
  }
  await db.events.bulkPut(optimistic)
  const events = await db.events.where('ticketId').equals(ticketId).toArray()
  const { config } = await ticketSlaRules(db, ticket)
  await db.tickets.put(toCachedTicket(ticket, events, now, config))
}
