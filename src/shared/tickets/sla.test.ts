import { describe, expect, it } from 'vitest'
import { defaultBusinessCalendar } from './calendar'
import type { TimelineEvent } from './events'
import type { Priority } from './priority'
import { computeSla, type SlaClock } from './sla'
import { defaultSlaConfig, type SlaConfig } from './slaPolicy'
import type { Status } from './status'

const ticketId = '0b7e5f0e-3c1a-4a57-9d53-2a3c1f0e6b10'
const agent = { kind: 'staff', id: '6f1c1d2e-8f5b-4e1a-9a53-0c6c2f7d1e21', name: 'Anna Agent' } as const
const iso = (local: string): string => new Date(local).toISOString()
const hours = (value: number): number => value * 3_600_000

type Step =
  | { at: string; status: Status }
  | { at: string; priority: Priority }
  | { at: string; reply: 'staff' | 'requester' }
  | { at: string; call: true }

/** A ticket's log in local Berlin times (written with their offset), oldest first. */
function log(created: string, priority: Priority, steps: Step[] = []): TimelineEvent[] {
  const base = (index: number, at: string) => ({ id: `c:${index}`, ticketId, author: agent, at: iso(at) })
  const events: TimelineEvent[] = [
    {
      ...base(0, created),
      type: 'created',
      payload: {
        subject: 'VPN drops',
        description: '',
        type: 'incident',
        category: 'network',
        channel: 'phone',
        impact: 'medium',
        urgency: 'medium',
        priority,
        requester: { name: 'Eva Klein', email: null, phone: null, device: null },
        links: null,
        tags: [],
        assignment: { level: 1, group: null, assignee: null },
      },
    },
  ]
  let status: Status = 'new'
  let current = priority
  steps.forEach((step, i) => {
    const head = base(i + 1, step.at)
    if ('status' in step) {
      events.push({ ...head, type: 'status_changed', payload: { from: status, to: step.status, note: null } })
      status = step.status
    } else if ('priority' in step) {
      events.push({
        ...head,
        type: 'field_changed',
        payload: { field: 'priority', from: current, to: step.priority, overrideNote: 'caller is the CFO' },
      })
      current = step.priority
    } else if ('reply' in step) {
      const author = step.reply === 'staff' ? agent : ({ kind: 'requester', name: 'Eva Klein' } as const)
      events.push({ ...head, author, type: 'public_reply', payload: { body: 'Any news?' } })
    } else {
      events.push({
        ...head,
        type: 'call_logged',
        payload: { direction: 'outbound', durationSeconds: 120, summary: 'Called back' },
      })
    }
  })
  return events
}

const withHolidays: SlaConfig = {
  ...defaultSlaConfig,
  calendar: { ...defaultBusinessCalendar, holidays: ['2025-12-25', '2025-12-26', '2026-01-01'] },
}

type Row = {
  name: string
  events: TimelineEvent[]
  now: string
  clock: 'firstResponse' | 'resolution'
  expected: Partial<SlaClock>
  config?: SlaConfig
}

// Local times in Europe/Berlin; 2025-03-03 is a Monday. Default calendar: Mon–Fri 08:00–17:00.
const rows: Row[] = [
  {
    name: 'runs within office hours',
    events: log('2025-03-03T09:00+01:00', 'P3'),
    now: '2025-03-03T10:00+01:00',
    clock: 'firstResponse',
    expected: {
      state: 'running',
      elapsedMs: hours(1),
      targetMs: hours(2),
      dueAt: iso('2025-03-03T11:00+01:00'),
      fraction: 0.5,
      warning: null,
    },
  },
  {
    name: 'stands still overnight',
    events: log('2025-03-03T16:00+01:00', 'P3'),
    now: '2025-03-04T08:30+01:00',
    clock: 'firstResponse',
    expected: {
      state: 'running',
      elapsedMs: hours(1.5),
      dueAt: iso('2025-03-04T09:00+01:00'),
      fraction: 0.75,
      warning: '75',
    },
  },
  {
    name: 'stands still over the weekend',
    events: log('2025-03-07T16:30+01:00', 'P3'),
    now: '2025-03-10T09:00+01:00',
    clock: 'firstResponse',
    expected: { state: 'running', elapsedMs: hours(1.5), dueAt: iso('2025-03-10T09:30+01:00'), warning: '75' },
  },
  {
    name: 'stands still over Christmas holidays and the weekend',
    events: log('2025-12-24T16:00+01:00', 'P3'),
    now: '2025-12-29T08:30+01:00',
    clock: 'firstResponse',
    config: withHolidays,
    expected: { state: 'running', elapsedMs: hours(1.5), dueAt: iso('2025-12-29T09:00+01:00') },
  },
  {
    name: 'keeps office hours on local time after clocks go forward',
    events: log('2025-03-28T16:00+01:00', 'P3'),
    now: '2025-03-31T08:30+02:00',
    clock: 'firstResponse',
    expected: { state: 'running', elapsedMs: hours(1.5), dueAt: iso('2025-03-31T09:00+02:00') },
  },
  {
    name: 'keeps office hours on local time after clocks go back',
    events: log('2025-10-24T16:00+02:00', 'P3'),
    now: '2025-10-27T08:30+01:00',
    clock: 'firstResponse',
    expected: { state: 'running', elapsedMs: hours(1.5), dueAt: iso('2025-10-27T09:00+01:00') },
  },
  {
    name: 'counts real hours around the clock for P1 across the short night',
    events: log('2025-03-29T23:00+01:00', 'P1'),
    now: '2025-03-30T03:30+02:00',
    clock: 'resolution',
    expected: {
      state: 'running',
      elapsedMs: hours(3.5),
      targetMs: hours(4),
      dueAt: iso('2025-03-30T04:00+02:00'),
      warning: '75',
    },
  },
  {
    name: 'spreads two business days over three calendar days',
    events: log('2025-03-03T09:00+01:00', 'P3'),
    now: '2025-03-03T10:00+01:00',
    clock: 'resolution',
    expected: { state: 'running', targetMs: hours(18), dueAt: iso('2025-03-05T09:00+01:00') },
  },
  {
    name: 'is still on time at exactly 100 %',
    events: log('2025-03-03T09:00+01:00', 'P3'),
    now: '2025-03-03T11:00+01:00',
    clock: 'firstResponse',
    expected: { state: 'running', fraction: 1, warning: '90', dueAt: iso('2025-03-03T11:00+01:00') },
  },
  {
    name: 'breaches once past the target',
    events: log('2025-03-03T09:00+01:00', 'P3'),
    now: '2025-03-03T11:01+01:00',
    clock: 'firstResponse',
    expected: { state: 'breached', dueAt: iso('2025-03-03T11:00+01:00'), warning: null },
  },
  {
    name: 'does not count time waiting for the user',
    events: log('2025-03-03T09:00+01:00', 'P2', [
      { at: '2025-03-03T10:00+01:00', status: 'waiting_for_user' },
      { at: '2025-03-03T14:00+01:00', status: 'in_progress' },
    ]),
    now: '2025-03-03T15:00+01:00',
    clock: 'resolution',
    expected: { state: 'running', elapsedMs: hours(2), targetMs: hours(8), dueAt: iso('2025-03-04T12:00+01:00') },
  },
  {
    name: 'is paused while waiting for a vendor, without a due time',
    events: log('2025-03-03T09:00+01:00', 'P2', [{ at: '2025-03-03T10:00+01:00', status: 'waiting_for_vendor' }]),
    now: '2025-03-05T11:00+01:00',
    clock: 'resolution',
    expected: { state: 'paused', elapsedMs: hours(1), dueAt: null, warning: null },
  },
  {
    name: 'keeps its warning while paused',
    events: log('2025-03-03T09:00+01:00', 'P3', [{ at: '2025-03-03T10:36+01:00', status: 'waiting_for_user' }]),
    now: '2025-03-03T12:00+01:00',
    clock: 'firstResponse',
    expected: { state: 'paused', fraction: 0.8, warning: '75', dueAt: null },
  },
  {
    name: 'is met by a staff reply in time',
    events: log('2025-03-03T09:00+01:00', 'P3', [{ at: '2025-03-03T10:00+01:00', reply: 'staff' }]),
    now: '2025-03-04T12:00+01:00',
    clock: 'firstResponse',
    expected: { state: 'met', elapsedMs: hours(1), dueAt: null, warning: null },
  },
  {
    name: 'stays breached after a late reply',
    events: log('2025-03-03T09:00+01:00', 'P3', [{ at: '2025-03-03T11:30+01:00', reply: 'staff' }]),
    now: '2025-03-04T12:00+01:00',
    clock: 'firstResponse',
    expected: { state: 'breached', elapsedMs: hours(2.5), dueAt: iso('2025-03-03T11:00+01:00') },
  },
  {
    name: 'is not answered by the requester writing again',
    events: log('2025-03-03T09:00+01:00', 'P3', [{ at: '2025-03-03T09:30+01:00', reply: 'requester' }]),
    now: '2025-03-03T10:50+01:00',
    clock: 'firstResponse',
    expected: { state: 'running', warning: '90' },
  },
  {
    name: 'is met by a logged call',
    events: log('2025-03-03T09:00+01:00', 'P2', [{ at: '2025-03-03T09:10+01:00', call: true }]),
    now: '2025-03-03T12:00+01:00',
    clock: 'firstResponse',
    expected: { state: 'met', elapsedMs: hours(1 / 6) },
  },
  {
    name: 'measures a raised priority from creation',
    events: log('2025-03-03T09:00+01:00', 'P3', [{ at: '2025-03-03T09:20+01:00', priority: 'P2' }]),
    now: '2025-03-03T09:45+01:00',
    clock: 'firstResponse',
    expected: { state: 'breached', targetMs: hours(0.5), dueAt: iso('2025-03-03T09:30+01:00') },
  },
  {
    name: 'switches to around the clock when raised to P1 after hours',
    events: log('2025-03-07T16:00+01:00', 'P3', [{ at: '2025-03-07T18:00+01:00', priority: 'P1' }]),
    now: '2025-03-07T19:00+01:00',
    clock: 'resolution',
    expected: {
      state: 'running',
      elapsedMs: hours(3),
      targetMs: hours(4),
      dueAt: iso('2025-03-07T20:00+01:00'),
      warning: '75',
    },
  },
  {
    name: 'gives more time when the priority is lowered',
    events: log('2025-03-03T09:00+01:00', 'P2', [{ at: '2025-03-03T09:45+01:00', priority: 'P4' }]),
    now: '2025-03-03T10:00+01:00',
    clock: 'firstResponse',
    expected: { state: 'running', targetMs: hours(8), dueAt: iso('2025-03-03T17:00+01:00') },
  },
  {
    name: 'stops when resolved',
    events: log('2025-03-03T09:00+01:00', 'P2', [{ at: '2025-03-03T12:00+01:00', status: 'resolved' }]),
    now: '2025-03-10T12:00+01:00',
    clock: 'resolution',
    expected: { state: 'met', elapsedMs: hours(3), dueAt: null },
  },
  {
    name: 'counts resolving as the first response',
    events: log('2025-03-03T09:00+01:00', 'P3', [{ at: '2025-03-03T09:40+01:00', status: 'resolved' }]),
    now: '2025-03-10T12:00+01:00',
    clock: 'firstResponse',
    expected: { state: 'met', elapsedMs: hours(2 / 3) },
  },
  {
    name: 'runs on after a reopen, without the time it lay resolved',
    events: log('2025-03-03T09:00+01:00', 'P2', [
      { at: '2025-03-03T12:00+01:00', status: 'resolved' },
      { at: '2025-03-04T09:00+01:00', status: 'reopened' },
    ]),
    now: '2025-03-04T10:00+01:00',
    clock: 'resolution',
    expected: { state: 'running', elapsedMs: hours(4), dueAt: iso('2025-03-04T14:00+01:00') },
  },
]

describe('SLA clocks', () => {
  it.each(rows)('$clock $name', ({ events, now, clock, expected, config }) => {
    const sla = computeSla(events, iso(now), config)
    expect(sla?.[clock]).toMatchObject(expected)
  })

  it('has no resolution target for P5', () => {
    const sla = computeSla(log('2025-03-03T09:00+01:00', 'P5'), iso('2025-03-03T10:00+01:00'))
    expect(sla?.resolution).toBeNull()
    expect(sla?.firstResponse).toMatchObject({ state: 'running', targetMs: hours(9) })
  })

  it('reports the priority in force and ignores events after now', () => {
    const events = log('2025-03-03T09:00+01:00', 'P3', [{ at: '2025-03-03T12:00+01:00', priority: 'P1' }])
    const sla = computeSla(events, iso('2025-03-03T10:00+01:00'))
    expect(sla?.priority).toBe('P3')
    expect(sla?.firstResponse).toMatchObject({ state: 'running', targetMs: hours(2) })
  })

  it('needs a created event', () => {
    expect(computeSla([], iso('2025-03-03T10:00+01:00'))).toBeNull()
  })

  it('reads the log in time order, whatever order it arrives in', () => {
    const events = log('2025-03-03T09:00+01:00', 'P2', [
      { at: '2025-03-03T10:00+01:00', status: 'waiting_for_user' },
      { at: '2025-03-03T14:00+01:00', status: 'in_progress' },
    ])
    const now = iso('2025-03-03T15:00+01:00')
    expect(computeSla([...events].reverse(), now)).toEqual(computeSla(events, now))
  })

  it("counts the desk's first message in a remote session's chat as the first response, at the time it was written", () => {
    const created = log('2025-03-03T09:00+01:00', 'P3')
    const chat = (roles: string[]): TimelineEvent =>
      ({
        id: 'session:chat',
        ticketId,
        author: { kind: 'system' },
        // Written into the ticket when the session ended.
        at: iso('2025-03-03T10:30+01:00'),
        type: 'session_chat',
        payload: {
          sessionId: '4d7c1f36-5c55-4a8e-9a11-7d2b8e3f4a90',
          messages: roles.map((role, i) => ({
            from: role === 'end_user' ? 'Eva Klein' : 'Anna Agent',
            role,
            text: 'Hello',
            at: iso(`2025-03-03T09:${10 + i * 10}+01:00`),
          })),
          omitted: 0,
        },
      }) as TimelineEvent
    const now = iso('2025-03-03T11:00+01:00')
    expect(computeSla([...created, chat(['end_user', 'agent'])], now)?.firstResponse).toMatchObject({
      state: 'met',
      elapsedMs: hours(1 / 3),
    })
    // The user alone writing is no response from the desk.
    expect(computeSla([...created, chat(['end_user'])], now)?.firstResponse?.state).toBe('running')
  })
})
