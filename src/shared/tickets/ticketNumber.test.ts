import { describe, expect, it } from 'vitest'
import { formatTicketNumber, parseTicketNumber } from './ticketNumber'

describe('ticket numbers', () => {
  it.each([
    [123, 'T-000123'],
    [1, 'T-000001'],
    [999_999, 'T-999999'],
    [1_234_567, 'T-1234567'],
  ])('formats %i as %s', (number, text) => {
    expect(formatTicketNumber(number)).toBe(text)
    expect(parseTicketNumber(text)).toBe(number)
  })

  it.each([
    ['t-000123', 123],
    ['T123', 123],
    [' 123 ', 123],
  ])('reads what an agent types: %j', (text, number) => {
    expect(parseTicketNumber(text)).toBe(number)
  })

  it.each(['', 'T-', 'T-0', 'X-123', 'T-12a', 'T--1', '1e3', '99999999999999'])('refuses %j', (text) => {
    expect(parseTicketNumber(text)).toBeNull()
  })
})
