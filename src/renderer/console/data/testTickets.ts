import { applyCommand } from '@shared/tickets/apply'
import { ticketCommandSchema } from '@shared/tickets/commands'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import type { Actor } from '@shared/tickets/people'
import { toCachedTicket } from './cachedTicket'
import type { CachedTicket } from './db'

/** For tests: a ticket as the Console caches it, created by `actor` the given minutes ago. */
export function cachedTicket(
  actor: Actor,
  options: { subject: string; number: number; createdMinutesAgo?: number; impact?: 'low' | 'high' },
): CachedTicket {
  const now = new Date(Date.now() - (options.createdMinutesAgo ?? 0) * 60_000).toISOString()
  const level = options.impact ?? 'high'
  const command = ticketCommandSchema.parse({
    type: 'create_ticket',
    commandId: crypto.randomUUID(),
    ticketId: crypto.randomUUID(),
    baseVersion: null,
    deviceTime: now,
    payload: {
      subject: options.subject,
      description: '',
      channel: 'phone',
      requester: { name: 'Kim Berger', email: null, phone: null, device: null },
      type: 'incident',
      category: 'hardware',
      impact: level,
      urgency: level,
    },
  })
  const outcome = applyCommand(null, command, {
    actor,
    now,
    matrix: defaultPriorityMatrix,
    ticketNumber: options.number,
  })
  if (!outcome.ok) throw new Error(outcome.error.kind)
  return toCachedTicket(outcome.ticket, outcome.events)
}
