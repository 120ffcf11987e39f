import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Role } from '../auth'
import { defaultGroups, suggestGroup } from '../groups'
import { applyCommand, type ApplyContext, type ApplyResult } from './apply'
import { ticketCommandSchema, type TicketCommand } from './commands'
import { reassignmentCount } from './escalation'
import type { TimelineEvent } from './events'
import type { Ticket } from './model'
import type { Actor } from './people'
import { defaultPriorityMatrix } from './priority'

const person = (name: string, role: Role): Actor => ({ id: randomUUID(), name, role })
const anna = person('Anna Agent', 'agent')
const sara = person('Sara Specialist', 'specialist')
const groups = defaultGroups.map((g) => g.id)
const ticketId = randomUUID()
const at = '2026-11-23T09:00:00.000Z'
const context = (actor: Actor): ApplyContext => ({ actor, now: at, matrix: defaultPriorityMatrix, groups })

function command(type: string, payload: unknown, baseVersion: number | null): TicketCommand {
  return ticketCommandSchema.parse({ commandId: randomUUID(), ticketId, baseVersion, deviceTime: at, type, payload })
}

function accepted(result: ApplyResult): Extract<ApplyResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the command to apply, got ${JSON.stringify(result.error)}`)
  return result
}

const handoff = {
  symptoms: 'VPN drops every ten minutes since the client update',
  impact: 'medium',
  urgency: 'high',
  impactReason: 'The user cannot work from home; a deadline is today',
  stepsTried: 'Restarted the client, reinstalled it, tried another Wi-Fi',
  articlesTried: [{ id: 'kb-vpn', title: 'VPN will not connect' }],
  diagnostics: null,
  session: null,
  workaround: { applied: true, description: 'Works over the phone hotspot' },
  reachability: 'Today until 17:00 on +49 30 1234',
  targetGroup: 'vpn_auth',
}

function newTicket(): Ticket {
  const create = command(
    'create_ticket',
    {
      subject: 'VPN drops',
      description: '',
      channel: 'phone',
      requester: { name: 'Eva Klein', email: null, phone: null, device: null },
      type: 'incident',
      category: 'network',
      impact: 'medium',
      urgency: 'high',
    },
    null,
  )
  return accepted(applyCommand(null, create, { ...context(anna), ticketNumber: 7 })).ticket
}

describe('escalation to 2nd level', () => {
  it('hands the ticket to the target group, unassigned and in progress, with the whole handoff on the timeline', () => {
    const ticket = newTicket()
    const result = accepted(applyCommand(ticket, command('escalate', { handoff }, 1), context(anna)))
    expect(result.ticket).toMatchObject({
      level: 2,
      group: 'vpn_auth',
      assignee: null,
      status: 'in_progress',
      version: 2,
    })
    expect(result.events.map((e) => e.type)).toEqual(['escalated', 'status_changed'])
    expect(result.events[1]!.payload).toEqual({ from: 'new', to: 'in_progress', note: null })
    // A status someone already set stays.
    const waiting = accepted(
      applyCommand(ticket, command('change_status', { status: 'waiting_for_user', note: null }, 1), context(anna)),
    ).ticket
    const later = accepted(applyCommand(waiting, command('escalate', { handoff }, 2), context(anna)))
    expect(later.ticket.status).toBe('waiting_for_user')
    expect(later.events.map((e) => e.type)).toEqual(['escalated'])
    const event = result.events[0]!
    expect(event.type).toBe('escalated')
    if (event.type !== 'escalated') return
    expect(event.payload.handoff).toEqual(handoff)
    expect(event.payload.from).toEqual({ level: 1, group: null, assignee: null })
  })

  it('refuses a handoff with a required field missing or empty', () => {
    for (const field of ['symptoms', 'stepsTried', 'reachability', 'impactReason'] as const) {
      const parsed = ticketCommandSchema.safeParse({
        commandId: randomUUID(),
        ticketId,
        baseVersion: 1,
        deviceTime: at,
        type: 'escalate',
        payload: { handoff: { ...handoff, [field]: '   ' } },
      })
      expect(parsed.success, field).toBe(false)
    }
    const noWorkaroundText = ticketCommandSchema.safeParse({
      commandId: randomUUID(),
      ticketId,
      baseVersion: 1,
      deviceTime: at,
      type: 'escalate',
      payload: { handoff: { ...handoff, workaround: { applied: true, description: '' } } },
    })
    expect(noWorkaroundText.success).toBe(false)
  })

  it('refuses an unknown group and changes nothing', () => {
    const ticket = newTicket()
    const result = applyCommand(
      ticket,
      command('escalate', { handoff: { ...handoff, targetGroup: 'astrology' } }, 1),
      context(anna),
    )
    expect(result).toEqual({ ok: false, error: { kind: 'unknown_group', group: 'astrology' } })
  })

  it('lets 1st level reach 2nd level only through the handoff', () => {
    const ticket = newTicket()
    const assign = command('assign', { level: 2, group: 'network', assignee: null }, 1)
    expect(applyCommand(ticket, assign, context(anna))).toEqual({
      ok: false,
      error: { kind: 'forbidden', reason: 'escalation_needs_handoff' },
    })
    // A specialist may still move tickets between groups directly.
    expect(applyCommand(ticket, assign, context(sara)).ok).toBe(true)
  })

  it('lets a specialist hand back with a note, which counts as a reassignment; an agent may not', () => {
    const escalated = accepted(applyCommand(newTicket(), command('escalate', { handoff }, 1), context(anna)))
    const back = command('hand_back', { note: 'Client config is fine; please reinstall the certificate' }, 2)
    expect(applyCommand(escalated.ticket, back, context(anna))).toEqual({
      ok: false,
      error: { kind: 'forbidden', reason: 'hand_back_needs_specialist' },
    })
    const returned = accepted(applyCommand(escalated.ticket, back, context(sara)))
    expect(returned.ticket).toMatchObject({ level: 1, group: null, assignee: null })
    const events: TimelineEvent[] = [...escalated.events, ...returned.events]
    expect(reassignmentCount(events)).toBe(1)
    expect(() => ticketCommandSchema.parse({ ...back, payload: { note: '' } })).toThrow(/note/)
  })

  it('reports a conflict when the assignment changed meanwhile by someone else', () => {
    const escalated = accepted(applyCommand(newTicket(), command('escalate', { handoff }, 1), context(anna))).ticket
    const taken = accepted(
      applyCommand(
        escalated,
        command('assign', { level: 2, group: 'vpn_auth', assignee: { id: sara.id, name: sara.name } }, 2),
        context(sara),
      ),
    ).ticket
    const staleHandBack = command('hand_back', { note: 'Not ours' }, 2)
    const other = person('Otto Specialist', 'specialist')
    const result = applyCommand(taken, staleHandBack, context(other))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe('conflict')
  })

  it('keeps major incidents separate: anyone declares one, only specialists end it', () => {
    const ticket = newTicket()
    const declared = accepted(
      applyCommand(
        ticket,
        command('set_major_incident', { major: true, reason: 'Whole floor offline' }, 1),
        context(anna),
      ),
    ).ticket
    expect(declared.majorIncident).toMatchObject({ reason: 'Whole floor offline', declaredBy: anna.name })
    expect(declared.level).toBe(1)
    const end = command('set_major_incident', { major: false }, 2)
    expect(applyCommand(declared, end, context(anna))).toEqual({
      ok: false,
      error: { kind: 'forbidden', reason: 'major_incident_end_needs_specialist' },
    })
    expect(accepted(applyCommand(declared, end, context(sara))).ticket.majorIncident).toBeNull()
  })
})

describe('suggesting a group', () => {
  it('follows the findings before the category', () => {
    expect(suggestGroup(defaultGroups, 'network', ['network', 'dns'])?.group).toBe('servers')
    expect(suggestGroup(defaultGroups, 'network', ['network', 'hub', 'vpn', 'firewall', 'proxy'])?.group).toBe(
      'vpn_auth',
    )
    expect(suggestGroup(defaultGroups, 'other', ['network', 'gateway', 'offline', 'vpn', 'wifi'])?.group).toBe(
      'network',
    )
  })

  it('falls back to the category and says why', () => {
    expect(suggestGroup(defaultGroups, 'peripherals', [])).toEqual({
      group: 'device_deployment',
      because: { findingTags: [], words: [], category: true },
    })
    expect(suggestGroup(defaultGroups, 'other', [])).toBeNull()
  })

  it("listens to the ticket's words: VPN error 809 goes to the VPN group even when filed under Network", () => {
    expect(
      suggestGroup(defaultGroups, 'network', [], 'VPN error 809\nThe connection fails since this morning'),
    ).toEqual({ group: 'vpn_auth', because: { findingTags: [], words: ['vpn'], category: false } })
    expect(suggestGroup(defaultGroups, 'other', [], 'Headsets crackle in every call')?.group).toBe('voip')
    expect(suggestGroup(defaultGroups, 'other', [], 'Citrix-Sitzung friert ein')?.group).toBe('citrix')
    // Words of no group leave the category in charge, and common words point nowhere.
    expect(suggestGroup(defaultGroups, 'network', [], 'Error 809 since this morning')?.group).toBe('network')
    expect(suggestGroup(defaultGroups, 'other', [], 'The service does not work and cannot sign in')).toBeNull()
  })

  it('without a VPN group, the VPN words point nowhere and the category decides', () => {
    const withoutVpn = defaultGroups.filter((group) => group.id !== 'vpn_auth')
    expect(suggestGroup(withoutVpn, 'network', [], 'VPN error 809')?.group).toBe('network')
  })
})
