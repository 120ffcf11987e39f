import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { applyCommand, type ApplyResult } from './apply'
import { ticketCommandSchema, type TicketCommandType } from './commands'
import { level1Timebox, shouldEscalate } from './escalation'
import type { TimelineEvent } from './events'
import type { Ticket } from './model'
import type { Actor } from './people'
import { defaultPriorityMatrix, type Impact } from './priority'
import { defaultSlaConfig } from './slaPolicy'

const anna: Actor = { id: randomUUID(), name: 'Anna Agent', role: 'agent' }
const sara: Actor = { id: randomUUID(), name: 'Sara Specialist', role: 'specialist' }
const iso = (local: string): string => new Date(local).toISOString()

type Step = { at: string; actor?: Actor; type: TicketCommandType; payload: Record<string, unknown> }

/** Plays commands through applyCommand at the given Berlin local times; returns the ticket and its log. */
function play(created: string, impact: Impact, steps: Step[] = []): { ticket: Ticket; events: TimelineEvent[] } {
  const ticketId = randomUUID()
  const createStep: Step = {
    at: created,
    type: 'create_ticket',
    payload: {
      subject: 'Laptop does not boot',
      description: '',
      channel: 'gethelp',
      requester: { name: 'Eva Klein', email: null, phone: null, device: null },
      type: 'incident',
      category: 'hardware',
      impact,
      urgency: impact,
    },
  }
  let ticket: Ticket | null = null
  const events: TimelineEvent[] = []
  for (const step of [createStep, ...steps]) {
    const command = ticketCommandSchema.parse({
      commandId: randomUUID(),
      ticketId,
      baseVersion: ticket ? ticket.version : null,
      deviceTime: iso(step.at),
      type: step.type,
      payload: step.payload,
    })
    const result: ApplyResult = applyCommand(ticket, command, {
      actor: step.actor ?? anna,
      now: iso(step.at),
      matrix: defaultPriorityMatrix,
    })
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    ticket = result.ticket
    events.push(...result.events)
  }
  if (!ticket) throw new Error('no ticket')
  return { ticket, events }
}

const status = (at: string, to: string, actor?: Actor): Step => ({
  at,
  actor,
  type: 'change_status',
  payload: { status: to },
})
/** 1st level escalates with a handoff; moving a ticket between levels directly is a specialist's move. */
const toLevel = (at: string, level: 1 | 2, actor?: Actor): Step => ({
  at,
  actor: actor ?? (level === 2 ? sara : undefined),
  type: 'assign',
  payload: { level, group: level === 1 ? null : 'Client hardware', assignee: null },
})

// 2025-03-03 is a Monday; default calendar Mon–Fri 08:00–17:00 Europe/Berlin.
describe('1st-level timebox', () => {
  it.each([
    ['not before the hour is up', '2025-03-03T09:00+01:00', 'medium', [], '2025-03-03T09:59+01:00', false],
    ['once the hour is up', '2025-03-03T09:00+01:00', 'medium', [], '2025-03-03T10:00+01:00', true],
    [
      'not counting the night for business-hours priorities',
      '2025-03-03T16:30+01:00',
      'medium',
      [],
      '2025-03-04T08:29+01:00',
      false,
    ],
    ['counting the morning after', '2025-03-03T16:30+01:00', 'medium', [], '2025-03-04T08:30+01:00', true],
    ['counting the night for a P1', '2025-03-03T16:30+01:00', 'high', [], '2025-03-03T17:30+01:00', true],
    [
      'not counting time waiting for the user',
      '2025-03-03T09:00+01:00',
      'medium',
      [status('2025-03-03T09:30+01:00', 'waiting_for_user'), status('2025-03-03T10:30+01:00', 'in_progress')],
      '2025-03-03T10:45+01:00',
      false,
    ],
    [
      'not once resolved',
      '2025-03-03T09:00+01:00',
      'medium',
      [status('2025-03-03T09:50+01:00', 'resolved')],
      '2025-03-03T11:00+01:00',
      false,
    ],
    [
      'not once escalated',
      '2025-03-03T09:00+01:00',
      'medium',
      [toLevel('2025-03-03T09:50+01:00', 2)],
      '2025-03-03T11:00+01:00',
      false,
    ],
    [
      'counting afresh from when a ticket is handed back to 1st level',
      '2025-03-03T09:00+01:00',
      'medium',
      [toLevel('2025-03-03T09:50+01:00', 2), toLevel('2025-03-03T13:00+01:00', 1, sara)],
      '2025-03-03T13:59+01:00',
      false,
    ],
  ] as const)('asks to escalate: %s', (_name, created, impact, steps, now, expected) => {
    const { ticket, events } = play(created, impact, [...steps])
    expect(shouldEscalate(ticket, events, iso(now))).toBe(expected)
  })

  it('takes a configured timebox and reports how much of it is used', () => {
    const { ticket, events } = play('2025-03-03T09:00+01:00', 'medium')
    const config = { level1TimeboxMinutes: 30, sla: defaultSlaConfig }
    expect(shouldEscalate(ticket, events, iso('2025-03-03T09:30+01:00'), config)).toBe(true)
    expect(level1Timebox(ticket, events, iso('2025-03-03T09:20+01:00'), config)).toEqual({
      elapsedMs: 20 * 60_000,
      timeboxMs: 30 * 60_000,
    })
  })
})
