import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { findingsFor } from '@shared/diagnostics/findings'
import { defaultGroups } from '@shared/groups'
import { applyCommand } from '@shared/tickets/apply'
import { ticketCommandSchema } from '@shared/tickets/commands'
import { handoffSchema } from '@shared/tickets/handoff'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { fixtureSnapshot, withData } from '@shared/diagnostics/fixtures'
import { draftHandoff, handoffFromForm } from './handoffDraft'

const actor = { id: randomUUID(), name: 'Ana', role: 'agent' as const }
const at = '2026-11-23T09:00:00.000Z'

function created() {
  const ticketId = randomUUID()
  const command = ticketCommandSchema.parse({
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId,
    baseVersion: null,
    deviceTime: at,
    payload: {
      subject: 'Intranet unreachable',
      description: 'Since this morning no intranet page opens; mail works.',
      channel: 'phone',
      requester: { name: 'Kim Berger', email: null, phone: null, device: null },
      type: 'incident',
      category: 'network',
      impact: 'medium',
      urgency: 'high',
    },
  })
  const first = applyCommand(null, command, { actor, now: at, matrix: defaultPriorityMatrix, ticketNumber: 1 })
  if (!first.ok) throw new Error(first.error.kind)
  const note = ticketCommandSchema.parse({
    type: 'add_note',
    commandId: randomUUID(),
    ticketId,
    baseVersion: 1,
    deviceTime: at,
    payload: { visibility: 'internal', body: 'Flushed the DNS cache and rebooted' },
  })
  const second = applyCommand(first.ticket, note, { actor, now: at, matrix: defaultPriorityMatrix })
  if (!second.ok) throw new Error(second.error.kind)
  return { ticket: second.ticket, events: [...first.events, ...second.events] }
}

describe('the handoff draft', () => {
  it('takes symptoms, steps tried and findings from the ticket and suggests the group the findings point to', () => {
    const { ticket, events } = created()
    const snapshot = withData(fixtureSnapshot(), 'network', 'dns', { servers: [] })
    const findings = findingsFor(snapshot)
    const { form, suggestion } = draftHandoff(ticket, events, { diagnosticsId: randomUUID(), findings }, defaultGroups)
    expect(form.symptoms).toBe('Since this morning no intranet page opens; mail works.')
    expect(form.stepsTried).toBe('Flushed the DNS cache and rebooted')
    expect(form.diagnostics?.findings.map((f) => f.id)).toContain('no-dns')
    expect(suggestion).toMatchObject({ group: 'servers', because: { findingTags: ['dns'] } })
    expect(form.targetGroup).toBe('servers')
  })

  it('is not a valid handoff until the agent fills what only they know', () => {
    const { ticket, events } = created()
    const { form } = draftHandoff(ticket, events, null, defaultGroups)
    expect(form.targetGroup).toBe('network')
    const incomplete = handoffSchema.safeParse(handoffFromForm(form))
    expect(incomplete.success).toBe(false)
    const complete = handoffSchema.safeParse(
      handoffFromForm({ ...form, impactReason: 'Whole team', reachability: 'Until 16:00', workaroundApplied: false }),
    )
    expect(complete.success).toBe(true)
  })
})
