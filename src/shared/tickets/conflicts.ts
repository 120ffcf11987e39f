import type { EditCommand } from './commands'
import type { FieldStamp, Ticket } from './model'
import type { Actor, Assignment } from './people'
import type { Priority } from './priority'
import type { Status } from './status'

export type Conflict =
  | { kind: 'conflict'; field: 'status'; yours: Status; theirs: Status }
  | { kind: 'conflict'; field: 'assignee'; yours: Assignment; theirs: Assignment }
  | { kind: 'conflict'; field: 'priority'; yours: Priority; theirs: Priority }

export function currentAssignment(ticket: Ticket): Assignment {
  return { level: ticket.level, group: ticket.group, assignee: ticket.assignee }
}

/** Escalating hands the ticket to the group, not yet to a person: the group's specialists take it. */
export function escalationTarget(group: string): Assignment {
  return { level: 2, group, assignee: null }
}

/** Handed back, the ticket waits in 1st level's unassigned queue. */
export const handBackTarget: Assignment = { level: 1, group: null, assignee: null }

/**
 * The conflict rule (offline edits meeting a newer hub version):
 * - notes and calls never conflict: they are append-only; nor do article links and verdicts (the last verdict holds);
 * - a change to status, assignee (level, group, person — escalating and handing back included) or priority conflicts when its baseVersion is
 *   older than the ticket AND that same field changed after baseVersion by another account;
 * - changes to any other field since baseVersion do not matter;
 * - classify never conflicts: the priority it derives follows the latest impact and urgency.
 * A conflict is returned to the agent to decide, never applied or dropped silently.
 */
export function findConflict(ticket: Ticket, command: EditCommand, actor: Actor): Conflict | null {
  const changedByOther = (stamp: FieldStamp): boolean =>
    command.baseVersion < ticket.version && stamp.version > command.baseVersion && stamp.changedBy !== actor.id

  switch (command.type) {
    case 'change_status':
      return changedByOther(ticket.fieldVersions.status)
        ? { kind: 'conflict', field: 'status', yours: command.payload.status, theirs: ticket.status }
        : null
    case 'assign':
      return changedByOther(ticket.fieldVersions.assignee)
        ? { kind: 'conflict', field: 'assignee', yours: command.payload, theirs: currentAssignment(ticket) }
        : null
    case 'escalate':
    case 'hand_back':
      return changedByOther(ticket.fieldVersions.assignee)
        ? {
            kind: 'conflict',
            field: 'assignee',
            yours: command.type === 'escalate' ? escalationTarget(command.payload.handoff.targetGroup) : handBackTarget,
            theirs: currentAssignment(ticket),
          }
        : null
    case 'change_priority':
      return changedByOther(ticket.fieldVersions.priority)
        ? { kind: 'conflict', field: 'priority', yours: command.payload.priority, theirs: ticket.priority }
        : null
    case 'add_note':
    case 'log_call':
    case 'classify':
    case 'link_article':
    case 'rate_article':
    case 'set_major_incident':
      return null
  }
}
