import { describe, expect, it } from 'vitest'
import { contactInputSchema, phoneDigits, samePhone } from './contact'
import { candidateDomains, customerInputSchema, domainOfEmail } from './customer'

describe('phone numbers', () => {
  it('drop everything but the significant digits', () => {
    expect(phoneDigits('+49 30 1234-56')).toBe('4930123456')
    expect(phoneDigits('0049 (30) 123456')).toBe('4930123456')
    expect(phoneDigits('030 / 1234 56')).toBe('30123456')
  })

  it('are the same number with or without the country code', () => {
    expect(samePhone('+49 30 1234-56', '030123456')).toBe(true)
    expect(samePhone('030 123456', '+4930123456')).toBe(true)
    expect(samePhone('030 123456', '030 123457')).toBe(false)
    expect(samePhone('12', '12')).toBe(false)
  })
})

describe('contact input', () => {
  const valid = { name: 'Jana Nowak', email: 'Jana@Mueller.Example', phone: '+49 30 1234-56', language: 'de' }
  it('keeps addresses lower case and needs a way to reach the person', () => {
    expect(contactInputSchema.parse(valid).email).toBe('jana@mueller.example')
    expect(contactInputSchema.safeParse({ ...valid, email: null, phone: null }).success).toBe(false)
    expect(contactInputSchema.safeParse({ ...valid, phone: 'call reception' }).success).toBe(false)
    expect(contactInputSchema.safeParse({ ...valid, language: 'fr' }).success).toBe(false)
  })
})

describe('customer domains', () => {
  it('are domains, lower case, each once', () => {
    const base = { name: 'Müller GmbH', locations: [], calendar: null, notes: '' }
    expect(customerInputSchema.parse({ ...base, domains: ['Mueller.Example'] }).domains).toEqual(['mueller.example'])
    expect(customerInputSchema.safeParse({ ...base, domains: ['@mueller.example'] }).success).toBe(false)
    expect(customerInputSchema.safeParse({ ...base, domains: ['a.example', 'A.example'] }).success).toBe(false)
  })

  it('are looked up from the most specific part of an address down', () => {
    expect(domainOfEmail('Jana@IT.Mueller.Example')).toBe('it.mueller.example')
    expect(domainOfEmail('nobody')).toBeNull()
    expect(candidateDomains('it.mueller.example')).toEqual(['it.mueller.example', 'mueller.example'])
  })
})
