import type { EditCommand, TicketCommand } from './commands'
import { findConflict } from './conflicts'
import { createTicket } from './createTicket'
import { editTicket } from './editTicket'
import { linkedArticles } from './knowledge'
import type { Ticket } from './model'
import { sameAssignment } from './people'
import { forbiddenReason } from './permissions'
import { refuse, type ApplyContext, type ApplyResult } from './applyTypes'

export type { ApplyContext, ApplyError, ApplyErrorKind, ApplyResult } from './applyTypes'

/** True when the ticket already looks the way the command wants: accepted, but nothing to record. */
function changesNothing(ticket: Ticket, command: EditCommand): boolean {
  switch (command.type) {
    case 'change_status':
      return ticket.status === command.payload.status
    case 'change_priority':
      return ticket.priority === command.payload.priority
    case 'assign':
      return sameAssignment(ticket, command.payload)
    case 'classify': {
      const { type, category, impact, urgency } = command.payload
      return (
        ticket.type === type && ticket.category === category && ticket.impact === impact && ticket.urgency === urgency
      )
    }
    case 'hand_back':
      return ticket.level === 1
    case 'set_major_incident':
      return command.payload.major === (ticket.majorIncident !== null)
    case 'add_note':
    case 'log_call':
    case 'escalate':
      return false
    case 'link_article':
      return linkedArticles(ticket).some((article) => article.id === command.payload.articleId)
    case 'rate_article': {
      const { articleId, verdict } = command.payload
      return linkedArticles(ticket).some((article) => article.id === articleId && article.verdict === verdict)
    }
  }
}

/**
 * Applies one command to a ticket (null when it does not exist yet). Pure: the hub runs it to decide,
 * the Console runs it for the optimistic change. Idempotency (one command id, one application) is the
 * hub's job. The order of checks matters: an edit that already holds is accepted before any conflict is
 * looked for, and a conflict is reported before whether the edit would be valid on the newer ticket.
 * See `findConflict` for the conflict rule.
 */
export function applyCommand(ticket: Ticket | null, command: TicketCommand, context: ApplyContext): ApplyResult {
  if (command.type === 'create_ticket') {
    return ticket ? refuse({ kind: 'ticket_exists' }) : createTicket(command, context)
  }
  if (!ticket) return refuse({ kind: 'unknown_ticket' })
  if (ticket.id !== command.ticketId) return refuse({ kind: 'ticket_mismatch' })
  if (command.baseVersion > ticket.version) {
    return refuse({ kind: 'version_ahead', baseVersion: command.baseVersion, version: ticket.version })
  }
  const reason = forbiddenReason(context.actor, ticket, command)
  if (reason) return refuse({ kind: 'forbidden', reason })
  const editsFields =
    command.type === 'assign' ||
    command.type === 'change_priority' ||
    command.type === 'classify' ||
    command.type === 'escalate' ||
    command.type === 'hand_back'
  if (editsFields && ticket.status === 'closed') return refuse({ kind: 'ticket_closed' })
  if (changesNothing(ticket, command)) return { ok: true, ticket, events: [] }
  const conflict = findConflict(ticket, command, context.actor)
  if (conflict) return refuse(conflict)
  return editTicket(ticket, command, context)
}
