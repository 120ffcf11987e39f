import { describe, expect, it } from 'vitest'
import { defaultBusinessCalendar } from '../tickets/calendar'
import { defaultSlaPolicy } from '../tickets/slaPolicy'
import { checkContractAccess, checkCustomerAccess, scopeCovers, type ContractAccessRequest } from './access'
import { contractInputSchema, contractStateAt, type Contract } from './contract'

const customer = { id: '7d7c8a52-3f0c-4a4e-9d6a-1f2b3c4d5e6f', name: 'Müller GmbH' }
const technicalContactId = '0b8f5a0e-8a51-4f6e-9c3d-2a1b0c9d8e7f'

function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    id: '3e1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    customerId: customer.id,
    name: 'Managed service 2026',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    serviceHours: defaultBusinessCalendar,
    slaPolicy: defaultSlaPolicy,
    secondLevel: true,
    scope: {
      clients: { all: true, groups: [], systems: [] },
      servers: { all: false, groups: ['file-servers'], systems: ['DC01'] },
      actions: { view: true, control: true, unattended: false },
    },
    technicalContactId,
    notes: '',
    createdAt: '2025-12-01T00:00:00.000Z',
    updatedAt: '2025-12-01T00:00:00.000Z',
    ...overrides,
  }
}

const laptop = { customerId: customer.id, name: 'MUE-NB-017', kind: 'client' as const, group: 'office-clients' }
const dc = { customerId: customer.id, name: 'dc01', kind: 'server' as const, group: null }
const fileServer = { customerId: customer.id, name: 'FS02', kind: 'server' as const, group: 'File-Servers' }
const mailServer = { customerId: customer.id, name: 'MX01', kind: 'server' as const, group: 'mail' }
const midsummer = new Date('2026-06-15T10:00:00Z')

const check = (
  c: Contract | null,
  device: ContractAccessRequest['device'] = laptop,
  action: 'view' | 'control' | 'unattended' = 'view',
  now = midsummer,
) => checkContractAccess({ contract: c, customer, device, action, now })

describe('checkContractAccess', () => {
  it('allows what the contract covers, while it is in force', () => {
    expect(check(contract())).toMatchObject({ ok: true })
    expect(check(contract(), laptop, 'control')).toMatchObject({ ok: true })
    expect(check(contract(), dc, 'control')).toMatchObject({ ok: true })
    expect(check(contract(), fileServer)).toMatchObject({ ok: true })
  })

  it('names a server the scope leaves out, and says when a kind is not covered at all', () => {
    expect(check(contract(), mailServer)).toEqual({
      ok: false,
      code: 'system_not_covered',
      reason: 'the contract with Müller GmbH does not cover the server MX01',
      params: { customer: 'Müller GmbH', kind: 'server', system: 'MX01' },
    })
    const clientsOnly = contract({
      scope: { ...contract().scope, servers: { all: false, groups: [], systems: [] } },
    })
    expect(check(clientsOnly, dc)).toMatchObject({
      ok: false,
      code: 'kind_not_covered',
      reason: 'the contract with Müller GmbH does not cover servers',
    })
  })

  it('matches device groups and system names regardless of case', () => {
    expect(
      scopeCovers({ all: false, groups: ['file-servers'], systems: [] }, { name: 'x', group: 'FILE-SERVERS' }),
    ).toBe(true)
    expect(scopeCovers({ all: false, groups: [], systems: ['DC01'] }, { name: 'dc01', group: null })).toBe(true)
    expect(scopeCovers({ all: false, groups: ['a'], systems: ['b'] }, { name: 'c', group: null })).toBe(false)
  })

  it('refuses control and unattended access the contract does not allow', () => {
    const viewOnly = contract({
      scope: { ...contract().scope, actions: { view: true, control: false, unattended: false } },
    })
    expect(check(viewOnly, laptop, 'control')).toMatchObject({
      ok: false,
      code: 'action_not_allowed',
      reason: 'the contract with Müller GmbH does not allow control',
      params: { action: 'control' },
    })
    expect(check(contract(), laptop, 'unattended')).toMatchObject({
      ok: false,
      reason: 'the contract with Müller GmbH does not allow unattended access',
    })
  })

  it('ends the scope when the contract expired, counting its last day in its own time zone', () => {
    expect(check(contract(), laptop, 'view', new Date('2027-01-02T12:00:00Z'))).toEqual({
      ok: false,
      code: 'expired',
      reason: 'the contract with Müller GmbH expired on 2026-12-31',
      params: { customer: 'Müller GmbH', date: '2026-12-31' },
    })
    // 23:30 in Berlin on the last day is still in force, though it is already 2026-12-31T22:30Z … and 00:30 the next day is not.
    expect(check(contract(), laptop, 'view', new Date('2026-12-31T22:30:00Z'))).toMatchObject({ ok: true })
    expect(check(contract(), laptop, 'view', new Date('2026-12-31T23:30:00Z'))).toMatchObject({ code: 'expired' })
    expect(check(contract({ validUntil: null }), laptop, 'view', new Date('2040-01-01T00:00:00Z'))).toMatchObject({
      ok: true,
    })
  })

  it('does not start before its first day', () => {
    expect(check(contract(), laptop, 'view', new Date('2025-12-31T12:00:00Z'))).toMatchObject({
      ok: false,
      code: 'not_yet_valid',
      reason: 'the contract with Müller GmbH starts on 2026-01-01',
    })
  })

  it('refuses without a contract, or for a device of another customer', () => {
    expect(check(null)).toMatchObject({
      ok: false,
      code: 'no_contract',
      reason: 'Müller GmbH has no contract that covers remote access',
    })
    expect(check(contract(), { ...laptop, customerId: '11111111-2222-4333-8444-555555555555' })).toMatchObject({
      ok: false,
      code: 'other_customer',
      reason: 'the device MUE-NB-017 does not belong to Müller GmbH',
    })
    expect(check(contract({ customerId: '11111111-2222-4333-8444-555555555555' }))).toMatchObject({
      code: 'no_contract',
    })
  })
})

describe('checkCustomerAccess', () => {
  it('allows when any contract allows, and otherwise gives the refusal closest to an answer', () => {
    const expired = contract({ validFrom: '2024-01-01', validUntil: '2025-12-31' })
    const serversOnly = contract({
      scope: { ...contract().scope, clients: { all: false, groups: [], systems: [] } },
    })
    expect(
      checkCustomerAccess({
        contracts: [expired, contract()],
        customer,
        device: laptop,
        action: 'view',
        now: midsummer,
      }),
    ).toMatchObject({ ok: true })
    expect(
      checkCustomerAccess({
        contracts: [expired, serversOnly],
        customer,
        device: laptop,
        action: 'view',
        now: midsummer,
      }),
    ).toMatchObject({
      ok: false,
      code: 'kind_not_covered',
      reason: 'the contract with Müller GmbH does not cover clients',
    })
    expect(
      checkCustomerAccess({ contracts: [], customer, device: laptop, action: 'view', now: midsummer }),
    ).toMatchObject({
      code: 'no_contract',
    })
  })
})

describe('contract input', () => {
  const input = () => {
    const { id: _id, customerId: _c, createdAt: _a, updatedAt: _u, ...rest } = contract()
    return rest
  }

  it('needs a technical contact when it covers 2nd level', () => {
    expect(contractInputSchema.safeParse(input()).success).toBe(true)
    const result = contractInputSchema.safeParse({ ...input(), technicalContactId: null })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('A contract that covers 2nd level needs a technical contact')
    expect(contractInputSchema.safeParse({ ...input(), secondLevel: false, technicalContactId: null }).success).toBe(
      true,
    )
  })

  it('refuses an end before the start, control without view, and defaults unattended to off', () => {
    expect(contractInputSchema.safeParse({ ...input(), validUntil: '2025-12-31' }).success).toBe(false)
    for (const date of ['', '2026-02-30', '\u00012026-01-01', 'soon']) {
      expect(contractInputSchema.safeParse({ ...input(), validUntil: date }).success, date).toBe(false)
    }
    const scope = { ...input().scope, actions: { view: false, control: true } }
    expect(contractInputSchema.safeParse({ ...input(), scope }).success).toBe(false)
    const parsed = contractInputSchema.parse({
      ...input(),
      scope: { ...input().scope, actions: { view: true, control: false } },
    })
    expect(parsed.scope.actions.unattended).toBe(false)
  })

  it('tells the state at a moment', () => {
    expect(contractStateAt(contract(), midsummer)).toBe('active')
    expect(contractStateAt(contract(), new Date('2025-06-01T00:00:00Z'))).toBe('upcoming')
    expect(contractStateAt(contract(), new Date('2027-06-01T00:00:00Z'))).toBe('expired')
  })
})

describe('a device the hub does not know', () => {
  const unknown = { customerId: customer.id, name: null, kind: 'client' as const, group: null }
  it('is covered only by a scope that covers all clients', () => {
    expect(check(contract(), unknown, 'control')).toMatchObject({ ok: true })
    const named = contract({
      scope: { ...contract().scope, clients: { all: false, groups: ['office-clients'], systems: ['MUE-NB-017'] } },
    })
    expect(check(named, unknown)).toEqual({
      ok: false,
      code: 'unknown_device',
      reason:
        'the contract with Müller GmbH covers only some clients, and the hub does not know which computer this session reaches',
      params: { customer: 'Müller GmbH', kind: 'client' },
    })
    const none = contract({ scope: { ...contract().scope, clients: { all: false, groups: [], systems: [] } } })
    expect(check(none, unknown)).toMatchObject({ ok: false, code: 'kind_not_covered' })
  })
})
