import { describe, expect, it } from 'vitest'
import { defaultBusinessCalendar, type BusinessCalendar } from '../tickets/calendar'
import type { TimelineEvent } from '../tickets/events'
import { computeSla } from '../tickets/sla'
import { defaultSlaConfig, defaultSlaPolicy, type SlaPolicy } from '../tickets/slaPolicy'
import { contractInForce, slaConfigFor, slaCustomersResponseSchema, type SlaContract, type SlaCustomer } from './sla'

const ticketId = '0b7e5f0e-3c1a-4a57-9d53-2a3c1f0e6b10'
const customerId = '5d0f3f38-6a55-4d8e-9a57-0f5a6a1c2b01'

const mornings = [{ from: '08:00', to: '12:00' }]
const morningHours: BusinessCalendar = {
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
}
const contractPolicy: SlaPolicy = {
  ...defaultSlaPolicy,
  P2: {
    firstResponse: { minutes: 60, clock: 'business_hours' },
    resolution: { minutes: 6 * 60, clock: 'business_hours' },
  },
}

function contract(id: string, validFrom: string, validUntil: string | null, policy = contractPolicy): SlaContract {
  return {
    id,
    name: `Managed service ${id.slice(0, 4)}`,
    validFrom,
    validUntil,
    serviceHours: morningHours,
    slaPolicy: policy,
  }
}

function customer(contracts: SlaContract[], calendar: BusinessCalendar | null = null): SlaCustomer {
  return { id: customerId, name: 'Müller GmbH', calendar, contracts }
}

/** A P2 phone ticket created at `at` (local Berlin time with its offset). */
function createdAt(at: string): TimelineEvent[] {
  return [
    {
      id: 'c:0',
      ticketId,
      author: { kind: 'staff', id: '6f1c1d2e-8f5b-4e1a-9a53-0c6c2f7d1e21', name: 'Anna Agent' },
      at: new Date(at).toISOString(),
      type: 'created',
      payload: {
        subject: 'Printer offline',
        description: '',
        type: 'incident',
        category: 'hardware',
        channel: 'phone',
        impact: 'medium',
        urgency: 'medium',
        priority: 'P2',
        requester: { name: 'Eva Klein', email: null, phone: null, device: null },
        links: { customerId, contactId: null, deviceId: null },
        tags: [],
        assignment: { level: 1, group: null, assignee: null },
      },
    },
  ]
}

const friday = '2025-03-07T16:30:00+01:00'
const due = (events: TimelineEvent[], config = defaultSlaConfig) => {
  const sla = computeSla(events, friday, config)!
  return { firstResponse: sla.firstResponse?.dueAt, resolution: sla.resolution?.dueAt }
}
const utc = (local: string) => new Date(local).toISOString()

describe('slaConfigFor', () => {
  const valid = contract('a1b2c3d4-0000-4000-8000-000000000001', '2025-01-01', null)

  it("counts a Friday-afternoon P2 in the contract's morning hours and by its targets", () => {
    const events = createdAt(friday)
    const resolved = slaConfigFor(customer([valid]), friday)
    expect(resolved.source).toEqual({
      customer: { id: customerId, name: 'Müller GmbH' },
      contract: { id: valid.id, name: valid.name },
      hoursFrom: 'contract',
    })
    // The organisation's day (08:00–17:00): half an hour left on Friday.
    expect(due(events)).toEqual({
      firstResponse: utc('2025-03-07T17:00:00+01:00'),
      resolution: utc('2025-03-10T15:30:00+01:00'),
    })
    // The contract: nothing counts after noon on Friday; an hour from Monday 08:00, six hours over two mornings.
    expect(due(events, resolved.config)).toEqual({
      firstResponse: utc('2025-03-10T09:00:00+01:00'),
      resolution: utc('2025-03-11T10:00:00+01:00'),
    })
  })

  it("falls back to the customer's business hours with the organisation's targets when no contract is in force", () => {
    const expired = contract('a1b2c3d4-0000-4000-8000-000000000002', '2024-01-01', '2024-12-31')
    const resolved = slaConfigFor(customer([expired], morningHours), friday)
    expect(resolved.source.contract).toBeNull()
    expect(resolved.source.hoursFrom).toBe('customer')
    expect(resolved.config.policy).toBe(defaultSlaPolicy)
    // 30 minutes from Monday 08:00; 8 business hours over Monday and Tuesday mornings.
    expect(due(createdAt(friday), resolved.config)).toEqual({
      firstResponse: utc('2025-03-10T08:30:00+01:00'),
      resolution: utc('2025-03-11T12:00:00+01:00'),
    })
  })

  it("uses the organisation's defaults for a customer without hours or contract, and for no customer", () => {
    expect(slaConfigFor(customer([]), friday)).toEqual({
      config: defaultSlaConfig,
      source: { customer: { id: customerId, name: 'Müller GmbH' }, contract: null, hoursFrom: 'organisation' },
    })
    expect(slaConfigFor(null, friday)).toEqual({
      config: defaultSlaConfig,
      source: { customer: null, contract: null, hoursFrom: 'organisation' },
    })
  })

  it('takes the contract in force when the ticket was created, not today', () => {
    const old = contract('a1b2c3d4-0000-4000-8000-000000000003', '2024-01-01', '2025-03-06')
    const next = contract('a1b2c3d4-0000-4000-8000-000000000004', '2025-03-07', null)
    expect(slaConfigFor(customer([next, old]), '2025-03-06T23:30:00+01:00').source.contract?.id).toBe(old.id)
    // Midnight in Berlin is the next contract day even though it is still the 6th in UTC.
    expect(slaConfigFor(customer([next, old]), '2025-03-07T00:30:00+01:00').source.contract?.id).toBe(next.id)
  })

  it('prefers the most recently started of overlapping contracts', () => {
    const base = contract('a1b2c3d4-0000-4000-8000-000000000005', '2024-01-01', null)
    const addendum = contract('a1b2c3d4-0000-4000-8000-000000000006', '2025-02-01', '2025-12-31')
    expect(contractInForce([base, addendum], Date.parse(friday))?.id).toBe(addendum.id)
    expect(contractInForce([addendum, base], Date.parse(friday))?.id).toBe(addendum.id)
    expect(contractInForce([base], Date.parse('2023-06-01T12:00:00Z'))).toBeNull()
  })

  it('parses what the hub answers and refuses a broken calendar', () => {
    const body = { customers: [customer([valid], defaultBusinessCalendar)] }
    expect(slaCustomersResponseSchema.parse(body)).toEqual(body)
    const broken = { customers: [{ ...customer([]), calendar: { ...defaultBusinessCalendar, timeZone: 'Mars/Base' } }] }
    expect(slaCustomersResponseSchema.safeParse(broken).success).toBe(false)
  })
})
