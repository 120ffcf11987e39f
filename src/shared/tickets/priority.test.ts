import { describe, expect, it } from 'vitest'
import { defaultPriorityMatrix, priorityFor, priorityMatrixSchema, type PriorityMatrix } from './priority'

describe('priority matrix', () => {
  it.each([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'high', 'P2'],
    ['medium', 'medium', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'high', 'P3'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P5'],
  ] as const)('impact %s and urgency %s give %s by default', (impact, urgency, priority) => {
    expect(priorityFor(impact, urgency)).toBe(priority)
  })

  it('follows a configured matrix', () => {
    const strict: PriorityMatrix = {
      ...defaultPriorityMatrix,
      medium: { high: 'P1', medium: 'P2', low: 'P3' },
    }
    expect(priorityFor('medium', 'high', strict)).toBe('P1')
    expect(priorityFor('low', 'low', strict)).toBe('P5')
  })

  it('refuses a matrix with a missing cell or an unknown priority', () => {
    expect(priorityMatrixSchema.safeParse(defaultPriorityMatrix).success).toBe(true)
    expect(
      priorityMatrixSchema.safeParse({ ...defaultPriorityMatrix, low: { high: 'P3', medium: 'P4' } }).success,
    ).toBe(false)
    expect(
      priorityMatrixSchema.safeParse({ ...defaultPriorityMatrix, low: { high: 'P3', medium: 'P4', low: 'P6' } })
        .success,
    ).toBe(false)
  })
})
