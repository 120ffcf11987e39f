import type { Conflict } from './conflicts'
import type { TimelineEvent } from './events'
import type { Ticket } from './model'
import type { Actor } from './people'
import type { ForbiddenReason } from './permissions'
import type { PriorityMatrix } from './priority'
import type { Status } from './status'

export type ApplyContext = {
  actor: Actor
  /** ISO time stamped on the events: the hub's clock on the hub, the device's for optimistic edits. */
  now: string
  matrix: PriorityMatrix
  /** The organisation's categories; defaults to `defaultCategories`. */
  categories?: readonly string[]
  /** The hub's next number for create_ticket; a Console creating offline leaves it out. */
  ticketNumber?: number
}

export type ApplyError =
  | { kind: 'unknown_ticket' }
  | { kind: 'ticket_exists' }
  | { kind: 'ticket_mismatch' }
  | { kind: 'version_ahead'; baseVersion: number; version: number }
  | { kind: 'forbidden'; reason: ForbiddenReason }
  | { kind: 'ticket_closed' }
  | { kind: 'invalid_transition'; from: Status; to: Status }
  | { kind: 'unknown_category'; category: string }
  | Conflict

export type ApplyErrorKind = ApplyError['kind']

/** An accepted command that changes nothing (the field already has that value) yields no events and the same ticket. */
export type ApplyResult = { ok: true; ticket: Ticket; events: TimelineEvent[] } | { ok: false; error: ApplyError }

export const refuse = (error: ApplyError): ApplyResult => ({ ok: false, error })
