import { describe, expect, it } from 'vitest'
import { formatDuration } from './duration'

describe('durations in words', () => {
  it('says seconds under a minute instead of rounding up to a minute', () => {
    expect(formatDuration(42, 'en')).toBe('42 seconds')
    expect(formatDuration(1, 'en')).toBe('1 second')
    expect(formatDuration(42, 'de')).toBe('42 Sekunden')
  })
  it('uses the singular for one and the plural otherwise, in English and German', () => {
    expect(formatDuration(60, 'en')).toBe('1 minute')
    expect(formatDuration(61 * 60, 'en')).toBe('1 hour 1 minute')
    expect(formatDuration(12 * 60 + 20, 'en')).toBe('12 minutes')
    expect(formatDuration(60, 'de')).toBe('1 Minute')
    expect(formatDuration(2 * 3600, 'de')).toBe('2 Stunden')
  })
})
