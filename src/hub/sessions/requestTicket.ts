import { randomUUID } from 'node:crypto'
import type { Account } from '@shared/auth'
import { ticketCommandSchema, type TicketCommand } from '@shared/tickets/commands'
import type { Queryable } from '../storage/db'
import { applyInTransaction } from '../tickets/service'

/**
 * The ticket for a queued request, made by the hub in the accepting agent's name inside the accept's
 * transaction: the user is shown its number at once, and the agent's Console need not create it and
 * wait for it to sync first. The ticket is the accepting agent's and in progress. Returns its id.
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
  const apply = async (next: TicketCommand) => {
    const result = await applyInTransaction(tx, account, next, now)
    if (result.status !== 'applied') {
      throw new Error(`the request could not become a ticket (${JSON.stringify(result)})`)
    }
  }
  await apply(command)
  // The accepting agent works on it from this moment: theirs and in progress, not "new" in nobody's queue.
  const follow = [
    { type: 'assign', payload: { level: 1, group: null, assignee: { id: account.id, name: account.displayName } } },
    { type: 'change_status', payload: { status: 'in_progress', note: null } },
  ]
  for (const [index, step] of follow.entries()) {
    await apply(
      ticketCommandSchema.parse({
        ...step,
        commandId: randomUUID(),
        ticketId: command.ticketId,
        baseVersion: index + 1,
        deviceTime: now.toISOString(),
      }),
    )
  }
  return command.ticketId
}
