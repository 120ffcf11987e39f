import type { EditCommand } from './commands'
import type { Ticket } from './model'
import type { Actor } from './people'

export type ForbiddenReason =
  /** Once handed to 2nd or 3rd level the specialist owns the ticket; 1st level may still add notes and log calls. */
  | 'ticket_beyond_first_level'
  /** Pulling in the vendor is a 2nd-level decision. */
  | 'vendor_escalation_needs_specialist'
  /** Closed is final; only an admin may undo it. */
  | 'reopen_closed_needs_admin'

/**
 * Role rules. Notes and calls are open to every role on every ticket: they only add to the record.
 * Admins may do everything.
 */
export function forbiddenReason(actor: Actor, ticket: Ticket, command: EditCommand): ForbiddenReason | null {
  if (command.type === 'add_note' || command.type === 'log_call') return null
  if (actor.role === 'admin') return null
  if (command.type === 'change_status' && ticket.status === 'closed' && command.payload.status === 'reopened') {
    return 'reopen_closed_needs_admin'
  }
  if (actor.role !== 'agent') return null
  if (ticket.level !== 1) return 'ticket_beyond_first_level'
  if (command.type === 'assign' && command.payload.level === 3) return 'vendor_escalation_needs_specialist'
  return null
}
