import { addBusinessMs, businessMsBetween, type BusinessCalendar } from './calendar'
import type { TimelineEvent } from './events'
import type { Priority } from './priority'
import { defaultSlaConfig, type SlaConfig, type SlaTarget } from './slaPolicy'
import { isFinished, isPausing, type Status } from './status'
import { priorityAt, readTimeline, type StatusSpan, type TimelineFacts } from './timelineFacts'

export type SlaClockState = 'running' | 'paused' | 'met' | 'breached'
export type SlaWarning = null | '75' | '90'

export type SlaClock = {
  state: SlaClockState
  /** Counted time: business time for business-hours targets, excluding pauses. */
  elapsedMs: number
  targetMs: number
  /** The last on-time instant; null while paused and once met. When breached, the instant it was reached. */
  dueAt: string | null
  /** elapsed / target; above 1 once breached. */
  fraction: number
  /** Only for clocks still counting or paused: met and breached clocks need no warning. */
  warning: SlaWarning
}

/** A clock is `null` when the ticket's priority has no such target. */
export type TicketSla = { priority: Priority; firstResponse: SlaClock | null; resolution: SlaClock | null }

type Measure = {
  between: (start: number, end: number) => number
  advance: (start: number, ms: number) => number | null
}

function measureFor(target: SlaTarget, calendar: BusinessCalendar): Measure {
  if (target.clock === 'around_the_clock') {
    return { between: (start, end) => Math.max(0, end - start), advance: (start, ms) => start + ms }
  }
  return {
    between: (start, end) => businessMsBetween(calendar, start, end),
    advance: (start, ms) => addBusinessMs(calendar, start, ms),
  }
}

type Counting = { spans: StatusSpan[]; stoppedAt: number | null; counting: boolean }

function countingSpans(facts: TimelineFacts, counts: (status: Status) => boolean, stopAt: number | null): StatusSpan[] {
  return facts.spans
    .filter((span) => counts(span.status))
    .map((span) => ({ ...span, end: stopAt === null ? span.end : Math.min(span.end, stopAt) }))
    .filter((span) => span.end > span.start)
}

function warningFor(fraction: number): SlaWarning {
  if (fraction >= 0.9) return '90'
  if (fraction >= 0.75) return '75'
  return null
}

/**
 * A clock counts from creation over the counting spans. The target is that of the priority in force when
 * the clock stopped (or now), applied to all time since creation: raising P3 to P1 an hour in measures
 * the hour against P1's target. Breached means strictly past the target.
 */
function evaluate(counting: Counting, target: SlaTarget, calendar: BusinessCalendar, nowMs: number): SlaClock {
  const measure = measureFor(target, calendar)
  const targetMs = target.minutes * 60_000
  let elapsedMs = 0
  let reachedAt: number | null = null
  for (const span of counting.spans) {
    const length = measure.between(span.start, span.end)
    if (reachedAt === null && elapsedMs + length >= targetMs)
      reachedAt = measure.advance(span.start, targetMs - elapsedMs)
    elapsedMs += length
  }
  const fraction = elapsedMs / targetMs
  let state: SlaClockState
  let dueAt: number | null = null
  if (elapsedMs > targetMs) {
    state = 'breached'
    dueAt = reachedAt
  } else if (counting.stoppedAt !== null) {
    state = 'met'
  } else if (!counting.counting) {
    state = 'paused'
  } else {
    state = 'running'
    dueAt = reachedAt ?? measure.advance(nowMs, targetMs - elapsedMs)
  }
  const warning = state === 'running' || state === 'paused' ? warningFor(fraction) : null
  return { state, elapsedMs, targetMs, dueAt: dueAt === null ? null : new Date(dueAt).toISOString(), fraction, warning }
}

/**
 * Both SLA clocks of one ticket, computed from its event log alone, so hub and Console agree.
 * Returns null when the log has no `created` event.
 */
export function computeSla(
  events: readonly TimelineEvent[],
  now: string | Date,
  config: SlaConfig = defaultSlaConfig,
): TicketSla | null {
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime()
  const facts = readTimeline(events, nowMs)
  if (!facts) return null
  const current = facts.spans.at(-1)?.status ?? 'new'
  const priority = priorityAt(facts, nowMs)

  const responseStop = facts.firstResponseAt
  const responseTarget = config.policy[priorityAt(facts, responseStop ?? nowMs)].firstResponse
  const firstResponse = responseTarget
    ? evaluate(
        {
          spans: countingSpans(facts, (status) => !isPausing(status), responseStop),
          stoppedAt: responseStop,
          counting: !isPausing(current),
        },
        responseTarget,
        config.calendar,
        nowMs,
      )
    : null

  const resolutionStop = facts.finishedAt
  const resolutionTarget = config.policy[priorityAt(facts, resolutionStop ?? nowMs)].resolution
  const resolution = resolutionTarget
    ? evaluate(
        {
          spans: countingSpans(facts, (status) => !isPausing(status) && !isFinished(status), null),
          stoppedAt: resolutionStop,
          counting: !isPausing(current) && !isFinished(current),
        },
        resolutionTarget,
        config.calendar,
        nowMs,
      )
    : null

  return { priority, firstResponse, resolution }
}
