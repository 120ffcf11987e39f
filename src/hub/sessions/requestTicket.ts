import { randomUUID } from 'node:crypto'
import type { Account } from '@shared/auth'
import { applyCommand } from '@shared/tickets/apply'
import { ticketCommandSchema } from '@shared/tickets/commands'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import type { Queryable } from '../storage/db'
import {
  insertEvents,
  lockOrganisation,
  nextChangeSeq,
  nextTicketNumber,
  recordAppliedCommand,
  saveTicket,
} from '../tickets/repository'

/**
 * The ticket for a queued request, made by the hub in the accepting agent's name inside the accept's
 * transaction: the user is shown its number at once, and the agent's Console need not create it and
 * wait for it to sync first. Returns the new ticket's id.
 */
export async function createRequestTicket(
  tx: Queryable,
  account: Account,
  request: { requesterName: string; description: string | null },
  now: Date,
): Promise<string> {
  const organisationId = account.organisation.id
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
      type: 'incident',
      category: 'other',
      impact: 'medium',
      urgency: 'medium',
    },
  })
  await lockOrganisation(tx, organisationId)
  const outcome = applyCommand(null, command, {
    actor: { id: account.id, name: account.displayName, role: account.role },
    now: now.toISOString(),
    matrix: defaultPriorityMatrix,
    ticketNumber: await nextTicketNumber(tx, organisationId),
  })
  if (!outcome.ok) throw new Error(`the request could not become a ticket (${outcome.error.kind})`)
  const seq = await nextChangeSeq(tx)
  await saveTicket(tx, organisationId, outcome.ticket, seq)
  await insertEvents(tx, organisationId, outcome.events, seq)
  await recordAppliedCommand(tx, {
    commandId: command.commandId,
    organisationId,
    ticketId: command.ticketId,
    accountId: account.id,
    type: command.type,
    ticketVersion: outcome.ticket.version,
    deviceTime: command.deviceTime,
  })
  return command.ticketId
}
