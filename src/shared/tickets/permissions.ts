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
  /** 1st level hands a ticket to 2nd level only through the escalation with its handoff. */
  | 'escalation_needs_handoff'
  /** Handing back to 1st level is the specialist's call. */
  | 'hand_back_needs_specialist'
  /** Ending a major incident is for the specialists and leads who run it. */
  | 'major_incident_end_needs_specialist'

/**
 * Role rules. Notes and calls are open to every role on every ticket: they only add to the record;
 * so is declaring a major incident, which anyone who sees one must be able to raise.
 * Admins may do everything.
 */
export function forbiddenReason(actor: Actor, ticket: Ticket, command: EditCommand): ForbiddenReason | null {
  if (command.type === 'add_note' || command.type === 'log_call') return null
  // Linking and rating articles only add knowledge to the record, like notes.
  if (command.type === 'link_article' || command.type === 'rate_article') return null
  if (actor.role === 'admin') return null
  if (command.type === 'change_status' && ticket.status === 'closed' && command.payload.status === 'reopened') {
    return 'reopen_closed_needs_admin'
  }
  if (actor.role !== 'agent') return null
  if (command.type === 'hand_back') return 'hand_back_needs_specialist'
  if (command.type === 'set_major_incident') return command.payload.major ? null : 'major_incident_end_needs_specialist'
  if (ticket.level !== 1) return 'ticket_beyond_first_level'
  if (command.type === 'assign' && command.payload.level === 3) return 'vendor_escalation_needs_specialist'
  if (command.type === 'assign' && command.payload.level === 2) return 'escalation_needs_handoff'
  return null
}
