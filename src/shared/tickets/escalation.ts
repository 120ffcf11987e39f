import { z } from 'zod'
import { businessMsBetween } from './calendar'
import type { TimelineEvent } from './events'
import type { Ticket } from './model'
import { defaultSlaConfig, slaConfigSchema } from './slaPolicy'
import { isFinished, isPausing } from './status'
import { readTimeline } from './timelineFacts'

export const escalationConfigSchema = z.object({
  /** How long 1st level may work a ticket before it is handed on. */
  level1TimeboxMinutes: z.number().int().positive(),
  sla: slaConfigSchema,
})
export type EscalationConfig = z.infer<typeof escalationConfigSchema>

export const defaultEscalationConfig: EscalationConfig = { level1TimeboxMinutes: 60, sla: defaultSlaConfig }

export type Level1Timebox = { elapsedMs: number; timeboxMs: number }

/**
 * Time the ticket has spent at 1st level since it last arrived there, counted like its resolution SLA:
 * around the clock for priorities whose resolution target is, otherwise in business hours, and never
 * while waiting for the user or a vendor. `null` when the ticket is not at 1st level or is finished.
 */
export function level1Timebox(
  ticket: Ticket,
  events: readonly TimelineEvent[],
  now: string | Date,
  config: EscalationConfig = defaultEscalationConfig,
): Level1Timebox | null {
  if (ticket.level !== 1 || isFinished(ticket.status)) return null
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime()
  const facts = readTimeline(events, nowMs)
  if (!facts) return null
  const aroundTheClock = config.sla.policy[ticket.priority].resolution?.clock === 'around_the_clock'
  let elapsedMs = 0
  for (const span of facts.spans) {
    if (isPausing(span.status) || isFinished(span.status)) continue
    const start = Math.max(span.start, facts.level1Since)
    if (span.end <= start) continue
    elapsedMs += aroundTheClock ? span.end - start : businessMsBetween(config.sla.calendar, start, span.end)
  }
  return { elapsedMs, timeboxMs: config.level1TimeboxMinutes * 60_000 }
}

/** True once an unresolved ticket has used up its 1st-level hour: the Console asks the agent to escalate. */
export function shouldEscalate(
  ticket: Ticket,
  events: readonly TimelineEvent[],
  now: string | Date,
  config: EscalationConfig = defaultEscalationConfig,
): boolean {
  const timebox = level1Timebox(ticket, events, now, config)
  return timebox !== null && timebox.elapsedMs >= timebox.timeboxMs
}

/**
 * How often the ticket changed hands between levels or groups after its first escalation: each hand
 * back to 1st level and each further escalation counts. Team leads read it as rework.
 */
export function reassignmentCount(events: readonly TimelineEvent[]): number {
  let escalations = 0
  let handBacks = 0
  for (const event of events) {
    if (event.type === 'escalated') escalations++
    else if (event.type === 'handed_back') handBacks++
  }
  return handBacks + Math.max(0, escalations - 1)
}
