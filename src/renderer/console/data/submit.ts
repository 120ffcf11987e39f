import { applyCommand, type ApplyError } from '@shared/tickets/apply'
import { ticketCommandSchema, type TicketCommandInput } from '@shared/tickets/commands'
import type { Actor } from '@shared/tickets/people'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { describeZodError } from '@shared/errors'
import { cleanDeep } from '@shared/text'
import { toCachedTicket, toTicket } from './cachedTicket'
import type { ConsoleDb } from './db'
import { ticketSlaRules } from './slaRules'

export type SubmitResult = { ok: true } | { ok: false; error: string; applyError?: ApplyError }

/**
 * Records one edit: the optimistic ticket, its events and the outbox row are written in one
 * transaction, so an edit is either fully pending (and will reach the hub) or not made at all.
 * Works offline; the sync engine sends it when the hub is reachable.
 */
export async function submitCommand(
  db: ConsoleDb,
  actor: Actor,
  input: TicketCommandInput,
  now = new Date(),
): Promise<SubmitResult> {
  // Pasted text may carry U+0000 or half an emoji, invisibly; the hub cannot store either.
  const parsed = ticketCommandSchema.safeParse(cleanDeep(input))
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) }
  const command = parsed.data
  return db.transaction('rw', [db.tickets, db.events, db.outbox, db.bases, db.slaCustomers], async () => {
    const cached = await db.tickets.get(command.ticketId)
    // The first pending edit of a ticket keeps the hub's copy as the base to replay edits on.
    if (cached && (await db.outbox.where('ticketId').equals(command.ticketId).count()) === 0) {
      await db.bases.put({ id: cached.id, ticket: toTicket(cached) })
    }
    const outcome = applyCommand(cached ? toTicket(cached) : null, command, {
      actor,
      now: now.toISOString(),
      matrix: defaultPriorityMatrix,
    })
    if (!outcome.ok) return { ok: false as const, error: outcome.error.kind, applyError: outcome.error }
    await db.events.bulkPut(outcome.events)
    const events = await db.events.where('ticketId').equals(command.ticketId).toArray()
    const { config } = await ticketSlaRules(db, outcome.ticket)
    await db.tickets.put(toCachedTicket(outcome.ticket, events, now, config))
    await db.outbox.add({
      commandId: command.commandId,
      ticketId: command.ticketId,
      command,
      queuedAt: now.toISOString(),
    })
    return { ok: true as const }
  })
}
