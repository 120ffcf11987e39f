import type { Account } from '@shared/auth'
import type { CommandResult } from '@shared/sync'
import type { Database, Queryable } from '../storage/db'
import { keyedDigest } from '../storage/hubKey'
import { findTicket } from '../tickets/repository'
import { pushCommands } from '../tickets/service'

/**
 * A uuid derived from what the command is for (`vendor-entry:<id>` …), so a repeated request
 * sends the same command id and the ticket service applies it at most once. It is keyed with the
 * installation's secret: the record ids are chosen by clients, and an id anyone could compute
 * could be used up by a client's own command first, silently cancelling the hub's follow-up.
 */
export async function derivedCommandId(db: Queryable, key: string): Promise<string> {
  const hex = (await keyedDigest(db, 'record-command', key)).toString('hex')
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-')
}

export type TicketEdit =
  | { type: 'change_status'; payload: { status: string; note: string | null } }
  | { type: 'add_note'; payload: { visibility: 'public' | 'internal'; body: string } }

/**
 * Applies one real ticket command for the signed-in account through the ticket service, with
 * its idempotency, role rules, events and versioning. The base version is read just before;
 * when someone changed the same field in between, it tries once more against the fresh ticket.
 */
export async function applyTicketEdit(
  db: Database,
  account: Account,
  ticketId: string,
  key: string,
  edit: TicketEdit,
  now: () => Date,
): Promise<CommandResult> {
  let result: CommandResult | undefined
  const commandId = await derivedCommandId(db, key)
  for (let attempt = 0; attempt < 2; attempt++) {
    const ticket = await findTicket(db, account.organisation.id, ticketId)
    if (!ticket)
      return { status: 'rejected', commandId: null, error: 'unknown_ticket', message: 'There is no such ticket.' }
    ;[result] = await pushCommands(
      db,
      account,
      [
        {
          commandId,
          ticketId,
          baseVersion: ticket.version,
          deviceTime: now().toISOString(),
          ...edit,
        },
      ],
      now,
    )
    if (result?.status !== 'conflict') break
  }
  return result!
}
