import type { TimelineEvent } from './events'
import type { Priority } from './priority'
import { isFinished, type Status } from './status'

export type StatusSpan = { status: Status; start: number; end: number }

/** What the clocks need from a ticket's event log, read once. */
export type TimelineFacts = {
  createdAt: number
  /** Consecutive, covering createdAt … until. */
  spans: StatusSpan[]
  /** Priority in force from each instant on, oldest first, starting at creation. */
  priorities: { from: number; priority: Priority }[]
  firstResponseAt: number | null
  /** When the ticket last became resolved or closed, if it still is. */
  finishedAt: number | null
  /** When the ticket last arrived at 1st level (creation, or handed back). */
  level1Since: number
}

function byTime(events: readonly TimelineEvent[], until: number): TimelineEvent[] {
  return events.filter((event) => Date.parse(event.at) <= until).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}

/**
 * When an event was direct contact from the desk, or null: a public reply or a logged call by staff
 * (replies the requester writes do not count), a message from the desk in a remote session's chat
 * (at the time it was written), and resolving the ticket, which answers the requester too.
 */
function responseAt(event: TimelineEvent): number | null {
  if (event.type === 'public_reply' || event.type === 'call_logged') {
    return event.author.kind === 'staff' ? Date.parse(event.at) : null
  }
  if (event.type === 'session_chat') {
    const first = event.payload.messages.find((message) => message.role !== 'end_user')
    return first ? Date.parse(first.at) : null
  }
  return event.type === 'status_changed' && isFinished(event.payload.to) ? Date.parse(event.at) : null
}

/** Reads the log up to `until`; `null` without a `created` event. Events later than `until` are ignored. */
export function readTimeline(events: readonly TimelineEvent[], until: number): TimelineFacts | null {
  const ordered = byTime(events, until)
  const created = ordered.find((event) => event.type === 'created')
  if (created?.type !== 'created') return null
  const createdAt = Date.parse(created.at)
  const facts: TimelineFacts = {
    createdAt,
    spans: [],
    priorities: [{ from: createdAt, priority: created.payload.priority }],
    firstResponseAt: null,
    finishedAt: null,
    level1Since: createdAt,
  }
  let status: Status = 'new'
  let spanStart = createdAt
  for (const event of ordered) {
    const at = Math.max(Date.parse(event.at), createdAt)
    const responded = responseAt(event)
    if (responded !== null) {
      // A session's chat is written into the ticket when the session ends, after later events perhaps.
      const when = Math.max(responded, createdAt)
      facts.firstResponseAt = facts.firstResponseAt === null ? when : Math.min(facts.firstResponseAt, when)
    }
    if (event.type === 'status_changed') {
      facts.spans.push({ status, start: spanStart, end: at })
      status = event.payload.to
      spanStart = at
      facts.finishedAt = isFinished(status) ? (facts.finishedAt ?? at) : null
    }
    if (event.type === 'field_changed' && event.payload.field === 'priority') {
      facts.priorities.push({ from: at, priority: event.payload.to })
    }
    if (event.type === 'field_changed' && event.payload.field === 'assignment') {
      if (event.payload.to.level === 1 && event.payload.from.level !== 1) facts.level1Since = at
    }
    if (event.type === 'handed_back') facts.level1Since = at
  }
  facts.spans.push({ status, start: spanStart, end: Math.max(until, spanStart) })
  return facts
}

export function priorityAt(facts: TimelineFacts, instant: number): Priority {
  let current = facts.priorities[0]?.priority ?? 'P5'
  for (const change of facts.priorities) if (change.from <= instant) current = change.priority
  return current
}
