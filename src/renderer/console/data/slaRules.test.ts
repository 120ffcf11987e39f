import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SlaCustomer } from '@shared/people/sla'
import type { Actor } from '@shared/tickets/people'
import { defaultSlaPolicy } from '@shared/tickets/slaPolicy'
import { ConsoleDb } from './db'
import { refreshSlaRules, ticketSlaRules } from './slaRules'
import { submitCommand } from './submit'

const actor: Actor = { id: randomUUID(), name: 'Anna Agent', role: 'agent' }
const mornings = [{ from: '08:00', to: '12:00' }]
const customer: SlaCustomer = {
  id: randomUUID(),
  name: 'Müller GmbH',
  calendar: null,
  contracts: [
    {
      id: randomUUID(),
      name: 'Managed service',
      validFrom: '2025-01-01',
      validUntil: null,
      serviceHours: {
        timeZone: 'Europe/Berlin',
        weeklyHours: {
          monday: mornings,
          tuesday: mornings,
          wednesday: mornings,
          thursday: mornings,
          friday: mornings,
          saturday: [],
          sunday: [],
        },
        holidays: [],
      },
      slaPolicy: defaultSlaPolicy,
    },
  ],
}

// Friday 16:30 in Berlin; a P2 (high impact, medium urgency) phone ticket.
const friday = new Date('2025-03-07T16:30:00+01:00')

async function file(db: ConsoleDb, links: { customerId: string } | null) {
  const ticketId = randomUUID()
  const result = await submitCommand(
    db,
    actor,
    {
      type: 'create_ticket',
      commandId: randomUUID(),
      ticketId,
      baseVersion: null,
      deviceTime: friday.toISOString(),
      payload: {
        subject: 'Printer offline',
        description: '',
        channel: 'phone',
        requester: { name: 'Eva Klein', email: null, phone: null, device: null },
        links: links && { ...links, contactId: null, deviceId: null },
        type: 'incident',
        category: 'hardware',
        impact: 'high',
        urgency: 'medium',
      },
    },
    friday,
  )
  expect(result).toEqual({ ok: true })
  return (await db.tickets.get(ticketId))!
}

describe('SLA rules in the Console cache', () => {
  let db: ConsoleDb
  beforeEach(async () => {
    db = new ConsoleDb(`sla-${randomUUID()}`)
    await db.open()
  })
  afterEach(async () => {
    db.close()
    await db.delete()
  })

  it("moves a linked ticket's queue due date when the customer's rules arrive, and leaves others alone", async () => {
    const linked = await file(db, { customerId: customer.id })
    const unlinked = await file(db, null)
    expect(linked.priority).toBe('P2')
    // The organisation's day: half an hour left on Friday.
    expect(linked.slaDueAt).toBe(new Date('2025-03-07T17:00:00+01:00').toISOString())

    await refreshSlaRules(db, async () => [customer], friday)
    // The contract's mornings: 30 minutes from Monday 08:00.
    expect((await db.tickets.get(linked.id))!.slaDueAt).toBe(new Date('2025-03-10T08:30:00+01:00').toISOString())
    expect((await db.tickets.get(unlinked.id))!.slaDueAt).toBe(unlinked.slaDueAt)
    expect((await ticketSlaRules(db, linked)).source.contract?.name).toBe('Managed service')

    // New tickets of the customer use the cached rules straight away, offline too.
    const next = await file(db, { customerId: customer.id })
    expect(next.slaDueAt).toBe(new Date('2025-03-10T08:30:00+01:00').toISOString())

    // The contract ends before the ticket was filed: back to the organisation's rules.
    const ended = { ...customer, contracts: [{ ...customer.contracts[0]!, validUntil: '2025-02-28' }] }
    await refreshSlaRules(db, async () => [ended], friday)
    expect((await db.tickets.get(linked.id))!.slaDueAt).toBe(new Date('2025-03-07T17:00:00+01:00').toISOString())
  })

  it('keeps the last rules when the hub cannot be reached', async () => {
    await refreshSlaRules(db, async () => [customer], friday)
    await expect(
      refreshSlaRules(db, async () => {
        throw new TypeError('fetch failed')
      }),
    ).rejects.toThrow('fetch failed')
    expect(await db.slaCustomers.count()).toBe(1)
  })
})
