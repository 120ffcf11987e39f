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
  /** The organisation's specialist group ids; escalating to any other is refused. Unchecked when left out. */
  groups?: readonly string[]
  /** The hub's next number for create_ticket; a Console creating offline leaves it out. */
  ticketNumber?: number
  /**
   * Published articles a link_article command may name (the hub looks up the one it names). The
   * Console leaves it out: it links only what its cache of published articles offered.
   */
  knownArticles?: ReadonlySet<string>
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
  | { kind: 'unknown_group'; group: string }
  | { kind: 'unknown_article'; articleId: string }
  | { kind: 'article_not_linked'; articleId: string }
  | { kind: 'too_many_articles' }
  | Conflict

export type ApplyErrorKind = ApplyError['kind']

/** An accepted command that changes nothing (the field already has that value) yields no events and the same ticket. */
export type ApplyResult = { ok: true; ticket: Ticket; events: TimelineEvent[] } | { ok: false; error: ApplyError }

export const refuse = (error: ApplyError): ApplyResult => ({ ok: false, error })
