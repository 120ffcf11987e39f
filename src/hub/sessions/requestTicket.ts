import { randomUUID } from 'node:crypto'
import type { Account } from '@shared/auth'
import { ticketCommandSchema } from '@shared/tickets/commands'
import type { Queryable } from '../storage/db'
import { applyInTransaction } from '../tickets/service'

/**
 * The ticket for a queued request, made by the hub in the accepting agent's name inside the accept's
 * transaction: the user is shown its number at once, and the agent's Console need not create it and
 * wait for it to sync first. Returns the new ticket's id.
 */
export async function createRequestTicket(
  tx: Queryable,
  account: Account,
  request: { requesterName: string; description: string | null; customerId?: string | null; deviceId?: string | null },
  now: Date,
): Promise<string> {
  const description = request.description ?? ''
  const firstLine = description.split('\n')[0]!.trim()
  const command = ticketCommandSchema.parse({
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId: randomUUID(),
    baseVersion: null,
    deviceTime: now.toISOString(),
    payload: {
      subject: (firstLine.length > 120 ? `${firstLine.slice(0, 117)}…` : firstLine) || request.requesterName,
      description,
      channel: 'gethelp',
      requester: { name: request.requesterName, email: null, phone: null, device: null },
      // What the session reaches (from Get Help's enrolment) travels with its ticket.
      links: request.customerId
        ? { customerId: request.customerId, contactId: null, deviceId: request.deviceId ?? null }
        : null,
      type: 'incident',
      category: 'other',
      impact: 'medium',
      urgency: 'medium',
    },
  })
  const result = await applyInTransaction(tx, account, command, now)
  if (result.status !== 'applied') throw new Error(`the request could not become a ticket (${JSON.stringify(result)})`)
  return command.ticketId
}
