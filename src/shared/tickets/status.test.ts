import { describe, expect, it } from 'vitest'
import { isTransitionAllowed, statuses, type Status } from './status'

describe('status transitions', () => {
  it.each([
    ['new', 'in_progress'],
    ['new', 'waiting_for_user'],
    ['new', 'resolved'],
    ['in_progress', 'waiting_for_vendor'],
    ['waiting_for_user', 'in_progress'],
    ['waiting_for_vendor', 'resolved'],
    ['resolved', 'closed'],
    ['resolved', 'reopened'],
    ['closed', 'reopened'],
    ['reopened', 'in_progress'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(isTransitionAllowed(from, to)).toBe(true)
  })

  it.each([
    ['new', 'closed'],
    ['new', 'reopened'],
    ['in_progress', 'new'],
    ['in_progress', 'closed'],
    ['waiting_for_user', 'reopened'],
    ['resolved', 'in_progress'],
    ['closed', 'in_progress'],
    ['closed', 'resolved'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(isTransitionAllowed(from, to)).toBe(false)
  })

  it('never allows staying in the same status or going back to new', () => {
    for (const status of statuses) {
      expect(isTransitionAllowed(status, status)).toBe(false)
      expect(isTransitionAllowed(status, 'new' satisfies Status)).toBe(false)
    }
  })
})
