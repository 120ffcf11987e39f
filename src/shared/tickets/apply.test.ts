import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Role } from '../auth'
import { applyCommand, type ApplyContext, type ApplyResult } from './apply'
import { ticketCommandSchema, type TicketCommand, type TicketCommandType } from './commands'
import type { Ticket } from './model'
import type { Actor, Assignment } from './people'
import { defaultPriorityMatrix } from './priority'

const person = (name: string, role: Role): Actor => ({ id: randomUUID(), name, role })
const anna = person('Anna Agent', 'agent')
const bert = person('Bert Agent', 'agent')
const sara = person('Sara Specialist', 'specialist')
const adam = person('Adam Admin', 'admin')

const ticketId = randomUUID()
const now = '2025-03-03T09:00:00.000Z'
const later = '2025-03-03T09:05:00.000Z'
const context = (actor: Actor, at = later): ApplyContext => ({ actor, now: at, matrix: defaultPriorityMatrix })

/** A command's type and payload as a Console would send them; the schema checks them. */
type Body = { type: TicketCommandType; payload: Record<string, unknown> }

function command(body: Body, baseVersion: number | null = 1): TicketCommand {
  return ticketCommandSchema.parse({
    commandId: randomUUID(),
    ticketId,
    baseVersion,
    deviceTime: now,
    ...body,
  })
}

const create = (): TicketCommand =>
  command(
    {
      type: 'create_ticket',
      payload: {
        subject: 'Outlook keeps asking for the password',
        description: 'Since this morning',
        channel: 'phone',
        requester: { name: 'Eva Klein', email: 'eva@example.org', phone: '+49 30 1234', device: 'NB-0042' },
        type: 'incident',
        category: 'office_and_apps',
        impact: 'medium',
        urgency: 'high',
        tags: ['outlook'],
      },
    },
    null,
  )

function accepted(result: ApplyResult): Extract<ApplyResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the command to apply, got ${JSON.stringify(result.error)}`)
  return result
}

function newTicket(): Ticket {
  return accepted(applyCommand(null, create(), { ...context(anna, now), ticketNumber: 42 })).ticket
}

/** Applies edits in turn, each by its actor, based on the version each names. */
function run(ticket: Ticket, ...steps: [Actor, Body, number?][]): Ticket {
  return steps.reduce(
    (current, [actor, body, base]) =>
      accepted(applyCommand(current, command(body, base ?? current.version), context(actor))).ticket,
    ticket,
  )
}

const toLevel2: Assignment = { level: 2, group: 'Messaging', assignee: null }
const status = (to: string, note?: string): Body => ({ type: 'change_status', payload: { status: to, note } })
const assign = (payload: Assignment): Body => ({ type: 'assign', payload: { ...payload } })
const priority = (to: string, note = 'CEO cannot work'): Body => ({
  type: 'change_priority',
  payload: { priority: to, note },
})
const note = (visibility: 'public' | 'internal', body = 'Restarted Outlook'): Body => ({
  type: 'add_note',
  payload: { visibility, body },
})

describe('applyCommand: create_ticket', () => {
  it('creates a numbered ticket with its priority from the matrix and one created event', () => {
    const cmd = create()
    const { ticket, events } = accepted(applyCommand(null, cmd, { ...context(anna, now), ticketNumber: 42 }))
    expect(ticket).toMatchObject({
      id: ticketId,
      number: 42,
      version: 1,
      status: 'new',
      priority: 'P2',
      priorityOverride: null,
      level: 1,
      assignee: null,
      createdAt: now,
      resolvedAt: null,
    })
    expect(ticket.fieldVersions.status).toEqual({ version: 1, changedBy: anna.id })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      id: `${cmd.commandId}:0`,
      type: 'created',
      at: now,
      author: { kind: 'staff', id: anna.id, name: anna.name },
      payload: { priority: 'P2', subject: 'Outlook keeps asking for the password' },
    })
  })

  it('leaves the number to the hub when a Console creates offline', () => {
    expect(accepted(applyCommand(null, create(), context(anna))).ticket.number).toBeNull()
  })

  it('uses the configured matrix and categories', () => {
    const matrix = { ...defaultPriorityMatrix, medium: { high: 'P1', medium: 'P3', low: 'P4' } } as const
    const result = applyCommand(null, create(), { ...context(anna), matrix, categories: ['office_and_apps'] })
    expect(accepted(result).ticket.priority).toBe('P1')
    expect(applyCommand(null, create(), { ...context(anna), categories: ['printing'] })).toEqual({
      ok: false,
      error: { kind: 'unknown_category', category: 'office_and_apps' },
    })
  })

  it('refuses to create a ticket that exists', () => {
    expect(applyCommand(newTicket(), create(), context(anna))).toEqual({ ok: false, error: { kind: 'ticket_exists' } })
  })
})

describe('applyCommand: edits', () => {
  it('appends public and internal notes as their own event types and bumps the version', () => {
    const ticket = newTicket()
    const publicNote = accepted(applyCommand(ticket, command(note('public')), context(anna)))
    expect(publicNote.events.map((event) => event.type)).toEqual(['public_reply'])
    expect(publicNote.ticket).toMatchObject({ version: 2, updatedAt: later })
    const internal = accepted(
      applyCommand(publicNote.ticket, command(note('internal', 'Token cache corrupt'), 2), context(anna)),
    )
    expect(internal.events[0]).toMatchObject({ type: 'internal_note', payload: { body: 'Token cache corrupt' } })
    expect(internal.ticket.version).toBe(3)
  })

  it('logs a call', () => {
    const body: Body = {
      type: 'log_call',
      payload: { direction: 'inbound', durationSeconds: 300, summary: 'User called back' },
    }
    const { events } = accepted(applyCommand(newTicket(), command(body), context(anna)))
    expect(events[0]).toMatchObject({ type: 'call_logged', payload: { durationSeconds: 300 } })
  })

  it('changes status, records when it was resolved, and clears that on reopen', () => {
    const resolved = accepted(
      applyCommand(newTicket(), command(status('resolved', 'Reset the profile')), context(anna)),
    )
    expect(resolved.ticket).toMatchObject({
      status: 'resolved',
      resolvedAt: later,
      fieldVersions: { status: { version: 2 } },
    })
    expect(resolved.events[0]).toMatchObject({ payload: { from: 'new', to: 'resolved', note: 'Reset the profile' } })
    const reopened = run(resolved.ticket, [anna, status('reopened')])
    expect(reopened).toMatchObject({ status: 'reopened', resolvedAt: null })
  })

  it('refuses a transition the table does not allow', () => {
    expect(applyCommand(newTicket(), command(status('closed')), context(anna))).toEqual({
      ok: false,
      error: { kind: 'invalid_transition', from: 'new', to: 'closed' },
    })
  })

  it('accepts an edit that is already true without recording anything', () => {
    const ticket = run(newTicket(), [anna, status('in_progress')])
    const again = accepted(applyCommand(ticket, command(status('in_progress'), 2), context(anna)))
    expect(again).toEqual({ ok: true, ticket, events: [] })
  })

  it('overrides the priority with its note, and reclassifying keeps the override', () => {
    const raised = accepted(applyCommand(newTicket(), command(priority('P1')), context(anna)))
    expect(raised.ticket).toMatchObject({ priority: 'P1', priorityOverride: { note: 'CEO cannot work' } })
    expect(raised.events[0]).toMatchObject({
      type: 'field_changed',
      payload: { field: 'priority', from: 'P2', to: 'P1', overrideNote: 'CEO cannot work' },
    })
    const classify: Body = {
      type: 'classify',
      payload: { type: 'incident', category: 'network', impact: 'low', urgency: 'low' },
    }
    const reclassified = run(raised.ticket, [anna, classify])
    expect(reclassified).toMatchObject({ priority: 'P1', category: 'network', impact: 'low' })
  })

  it('reclassifies and lets the matrix set the priority, one event per changed field', () => {
    const classify: Body = {
      type: 'classify',
      payload: { type: 'incident', category: 'network', impact: 'high', urgency: 'high' },
    }
    const { ticket, events } = accepted(applyCommand(newTicket(), command(classify), context(anna)))
    expect(ticket).toMatchObject({ priority: 'P1', fieldVersions: { priority: { version: 2, changedBy: anna.id } } })
    expect(events.map((event) => event.type === 'field_changed' && event.payload.field)).toEqual([
      'category',
      'impact',
      'priority',
    ])
    expect(new Set(events.map((event) => event.id)).size).toBe(3)
  })

  it('lets a specialist move a ticket to a 2nd-level group', () => {
    const { ticket, events } = accepted(applyCommand(newTicket(), command(assign(toLevel2)), context(sara)))
    expect(ticket).toMatchObject({ level: 2, group: 'Messaging', assignee: null })
    expect(events[0]).toMatchObject({
      payload: { field: 'assignment', from: { level: 1, group: null, assignee: null }, to: toLevel2 },
    })
  })

  it.each([
    ['unknown_ticket', null, 1],
    ['version_ahead', 'ticket', 7],
  ] as const)('refuses with %s', (kind, existing, base) => {
    const result = applyCommand(existing ? newTicket() : null, command(note('public'), base), context(anna))
    expect(result.ok === false && result.error.kind).toBe(kind)
  })

  it('refuses a command for another ticket', () => {
    const other = { ...newTicket(), id: randomUUID() }
    expect(applyCommand(other, command(note('public')), context(anna))).toEqual({
      ok: false,
      error: { kind: 'ticket_mismatch' },
    })
  })

  it('refuses field edits on a closed ticket but still takes notes', () => {
    const closed = run(newTicket(), [anna, status('resolved')], [anna, status('closed')])
    expect(applyCommand(closed, command(priority('P1'), 3), context(anna))).toEqual({
      ok: false,
      error: { kind: 'ticket_closed' },
    })
    expect(applyCommand(closed, command(note('internal'), 3), context(anna)).ok).toBe(true)
  })
})

describe('applyCommand: roles', () => {
  const escalated = (): Ticket => run(newTicket(), [sara, assign(toLevel2)])

  it.each([
    ['change the status of', status('in_progress')],
    ['override the priority of', priority('P1')],
    ['take back', assign({ level: 1, group: null, assignee: { id: anna.id, name: anna.name } })],
    [
      'reclassify',
      {
        type: 'classify',
        payload: { type: 'incident', category: 'network', impact: 'low', urgency: 'low' },
      } satisfies Body,
    ],
  ])('an agent may not %s a ticket at 2nd level', (_what, body) => {
    expect(applyCommand(escalated(), command(body, 2), context(anna))).toEqual({
      ok: false,
      error: { kind: 'forbidden', reason: 'ticket_beyond_first_level' },
    })
  })

  it('an agent may still add notes and log calls on a 2nd-level ticket; the specialist may work it', () => {
    expect(applyCommand(escalated(), command(note('internal'), 2), context(anna)).ok).toBe(true)
    expect(applyCommand(escalated(), command(status('in_progress'), 2), context(sara)).ok).toBe(true)
  })

  it('only 2nd level pulls in the vendor', () => {
    const toVendor = assign({ level: 3, group: 'Microsoft', assignee: null })
    expect(applyCommand(newTicket(), command(toVendor), context(anna))).toEqual({
      ok: false,
      error: { kind: 'forbidden', reason: 'vendor_escalation_needs_specialist' },
    })
    expect(accepted(applyCommand(escalated(), command(toVendor, 2), context(sara))).ticket.level).toBe(3)
  })

  it('only an admin reopens a closed ticket', () => {
    const closed = run(newTicket(), [anna, status('resolved')], [anna, status('closed')])
    for (const actor of [anna, sara]) {
      expect(applyCommand(closed, command(status('reopened'), 3), context(actor))).toEqual({
        ok: false,
        error: { kind: 'forbidden', reason: 'reopen_closed_needs_admin' },
      })
    }
    expect(accepted(applyCommand(closed, command(status('reopened'), 3), context(adam))).ticket.status).toBe('reopened')
  })
})

describe('applyCommand: conflicts', () => {
  it('reports a status change based on an old version when someone else changed the status since', () => {
    const ticket = run(newTicket(), [bert, status('in_progress')])
    expect(applyCommand(ticket, command(status('resolved'), 1), context(anna))).toEqual({
      ok: false,
      error: { kind: 'conflict', field: 'status', yours: 'resolved', theirs: 'in_progress' },
    })
  })

  it('reports conflicting assignments and priorities', () => {
    const byBert = run(newTicket(), [
      bert,
      assign({ level: 1, group: null, assignee: { id: bert.id, name: bert.name } }),
    ])
    const mine = { level: 1 as const, group: null, assignee: { id: anna.id, name: anna.name } }
    const assignResult = applyCommand(byBert, command(assign(mine), 1), context(anna))
    expect(assignResult).toMatchObject({
      ok: false,
      error: { kind: 'conflict', field: 'assignee', yours: mine, theirs: { assignee: { id: bert.id } } },
    })

    const raised = run(newTicket(), [bert, priority('P1')])
    expect(applyCommand(raised, command(priority('P3'), 1), context(anna))).toEqual({
      ok: false,
      error: { kind: 'conflict', field: 'priority', yours: 'P3', theirs: 'P1' },
    })
  })

  it('counts a priority the matrix changed on reclassification as a change to the priority', () => {
    const classify: Body = {
      type: 'classify',
      payload: { type: 'incident', category: 'network', impact: 'high', urgency: 'high' },
    }
    const ticket = run(newTicket(), [bert, classify])
    const result = applyCommand(ticket, command(priority('P4'), 1), context(anna))
    expect(result.ok === false && result.error.kind).toBe('conflict')
  })

  it('does not conflict with other fields changed since', () => {
    const ticket = run(newTicket(), [bert, priority('P1')], [bert, note('public')])
    const result = accepted(applyCommand(ticket, command(status('in_progress'), 1), context(anna)))
    expect(result.ticket).toMatchObject({ status: 'in_progress', priority: 'P1', version: 4 })
  })

  it('does not conflict with the same actor’s own earlier edits', () => {
    const ticket = run(newTicket(), [anna, status('in_progress')])
    expect(accepted(applyCommand(ticket, command(status('resolved'), 1), context(anna))).ticket.status).toBe('resolved')
  })

  it('does not conflict when the other edit wanted the same value', () => {
    const ticket = run(newTicket(), [bert, status('in_progress')])
    expect(applyCommand(ticket, command(status('in_progress'), 1), context(anna))).toEqual({
      ok: true,
      ticket,
      events: [],
    })
  })

  it('never conflicts on notes or reclassification', () => {
    const ticket = run(newTicket(), [bert, status('in_progress')], [bert, priority('P1')], [bert, note('internal')])
    expect(applyCommand(ticket, command(note('public'), 1), context(anna)).ok).toBe(true)
    const classify: Body = {
      type: 'classify',
      payload: { type: 'service_request', category: 'other', impact: 'low', urgency: 'low' },
    }
    expect(accepted(applyCommand(ticket, command(classify, 1), context(anna))).ticket).toMatchObject({
      type: 'service_request',
      priority: 'P1',
    })
  })

  it('reports a conflict before judging the transition against the newer status', () => {
    const closed = run(newTicket(), [bert, status('resolved')], [bert, status('closed')])
    const result = applyCommand(closed, command(status('in_progress'), 1), context(anna))
    expect(result).toEqual({
      ok: false,
      error: { kind: 'conflict', field: 'status', yours: 'in_progress', theirs: 'closed' },
    })
  })
})
