import { describe, expect, it } from 'vitest'
import type { ContactMatch, Device } from '@shared/people'
import { linkOf, stillSamePerson, ticketLinksOf } from './callerLink'

const device = (id: string, name: string) => ({ id, name }) as Device
const match = (devices: Device[]) =>
  ({
    contact: { id: 'c1', name: 'Peter Keller', email: 'peter@mueller.example', phone: '+49 30 1234567' },
    customer: { id: 'k1', name: 'Müller GmbH' },
    devices,
    openTickets: [],
    recentTickets: [],
  }) as unknown as ContactMatch

describe('the caller link of New call', () => {
  it('takes the only device, and none of several', () => {
    expect(ticketLinksOf(linkOf(match([device('d1', 'MUE-NB-017')])))).toEqual({
      customerId: 'k1',
      contactId: 'c1',
      deviceId: 'd1',
    })
    expect(linkOf(match([device('d1', 'A'), device('d2', 'B')])).deviceId).toBeNull()
    expect(ticketLinksOf(null)).toBeNull()
  })

  it('keeps the link for corrections and drops it for another person', () => {
    const link = linkOf(match([]))
    const typed = { name: 'Peter Keller', email: 'peter@mueller.example', phone: '+49 30 1234567' }
    expect(stillSamePerson(link, typed)).toBe(true)
    expect(stillSamePerson(link, { ...typed, name: 'peter kellner' })).toBe(true)
    expect(stillSamePerson(link, { ...typed, phone: '030 1234567', email: 'Peter@Mueller.example' })).toBe(true)
    expect(stillSamePerson(link, { ...typed, phone: '', email: '' })).toBe(true)
    expect(stillSamePerson(link, { ...typed, name: 'Anna Schmidt' })).toBe(false)
    expect(stillSamePerson(link, { ...typed, email: 'anna@mueller.example' })).toBe(false)
    expect(stillSamePerson(link, { ...typed, phone: '+49 30 7654321' })).toBe(false)
  })
})
