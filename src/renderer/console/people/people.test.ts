import { describe, expect, it } from 'vitest'
import { defaultBusinessCalendar } from '@shared/tickets/calendar'
import { defaultSlaPolicy } from '@shared/tickets/slaPolicy'
import type { ContractView } from '@shared/people'
import { splitList, splitNames } from './parts'
import { currentContract } from './TicketCustomer'

const contract = (name: string, state: ContractView['state'], validUntil: string | null): ContractView => ({
  id: crypto.randomUUID(),
  customerId: crypto.randomUUID(),
  name,
  validFrom: '2020-01-01',
  validUntil,
  serviceHours: defaultBusinessCalendar,
  slaPolicy: defaultSlaPolicy,
  secondLevel: false,
  scope: {
    clients: { all: true, groups: [], systems: [] },
    servers: { all: false, groups: [], systems: [] },
    actions: { view: true, control: false, unattended: false },
  },
  technicalContactId: null,
  notes: '',
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  state,
  technicalContact: null,
})

describe('currentContract', () => {
  it('prefers a contract in force, then one about to start, then the one that ended last', () => {
    const old = contract('2021', 'expired', '2021-12-31')
    const lastYear = contract('2024', 'expired', '2024-12-31')
    const next = contract('next', 'upcoming', null)
    const now = contract('now', 'active', '2030-01-01')
    expect(currentContract([old, lastYear, next, now])?.name).toBe('now')
    expect(currentContract([old, next, lastYear])?.name).toBe('next')
    expect(currentContract([old, lastYear])?.name).toBe('2024')
    expect(currentContract([])).toBeNull()
  })
})

describe('typed lists', () => {
  it('reads domains separated by commas, semicolons or spaces', () => {
    expect(splitList(' mueller.example, it.mueller.example;x.example  y.example ,')).toEqual([
      'mueller.example',
      'it.mueller.example',
      'x.example',
      'y.example',
    ])
  })
  it('keeps spaces inside system names', () => {
    expect(splitNames('File server 1, MUE-DC01;; Print server ')).toEqual(['File server 1', 'MUE-DC01', 'Print server'])
  })
})
