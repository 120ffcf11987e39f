import { describe, expect, it } from 'vitest'
import { AttemptLimiter } from './attemptLimiter'
import { addressKey, codeDigits, formatCode, generateCode, hashCode, nearVariants } from './codes'

describe('one-time codes', () => {
  it('are 9 random digits', () => {
    const codes = Array.from({ length: 200 }, generateCode)
    for (const code of codes) expect(code).toMatch(new RegExp(`^\\d{${codeDigits}}$`))
    expect(codeDigits).toBeGreaterThanOrEqual(9)
    expect(new Set(codes).size).toBeGreaterThan(190)
  })

  it('are stored as a keyed hash that differs per key', () => {
    expect(hashCode('a'.repeat(32), '123456789')).toBe(hashCode('a'.repeat(32), '123456789'))
    expect(hashCode('a'.repeat(32), '123456789')).not.toBe(hashCode('b'.repeat(32), '123456789'))
    expect(hashCode('a'.repeat(32), '123456789')).not.toContain('123456789')
  })

  it('know every variant one typo away', () => {
    const variants = nearVariants('123456789')
    expect(variants).toHaveLength(9 * 9 + 8)
    expect(variants).toContain('123456780')
    expect(variants).toContain('213456789')
    expect(variants).not.toContain('123456789')
    expect(nearVariants('112345678')).not.toContain('112345678')
  })

  it('are shown in groups of three', () => {
    expect(formatCode('123456789')).toBe('123 456 789')
  })
})

describe('attempt limiter', () => {
  it('blocks a key after the limit within the window and forgets it afterwards', () => {
    let now = 0
    const limiter = new AttemptLimiter(3, 1000, () => new Date(now))
    for (let i = 0; i < 3; i++) {
      expect(limiter.isBlocked('a')).toBe(false)
      limiter.recordFailure('a')
    }
    expect(limiter.isBlocked('a')).toBe(true)
    expect(limiter.isBlocked('b')).toBe(false)
    now = 1001
    expect(limiter.isBlocked('a')).toBe(false)
  })
})

describe('address keys', () => {
  it('limit IPv4 per address and IPv6 per /64', () => {
    expect(addressKey('10.0.0.1')).toBe('10.0.0.1')
    expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1')
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
  })
})
