import { describe, expect, it } from 'vitest'
import { defaultBusinessCalendar } from '@shared/tickets/calendar'
import { describeHours } from './hoursText'

describe('describeHours', () => {
  it('joins days with the same hours, in the reader’s language', () => {
    expect(describeHours(defaultBusinessCalendar, 'en', 'Europe/Berlin')).toBe('Mon–Fri 08:00–17:00')
    expect(describeHours(defaultBusinessCalendar, 'de', 'Europe/Berlin')).toBe('Mo–Fr 08:00–17:00')
  })

  it('lists split days and a lone Saturday, and names a time zone not the reader’s', () => {
    const split = [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]
    const calendar = {
      ...defaultBusinessCalendar,
      weeklyHours: {
        ...defaultBusinessCalendar.weeklyHours,
        monday: split,
        tuesday: split,
        wednesday: [{ from: '08:00', to: '12:00' }],
        saturday: [{ from: '09:00', to: '12:00' }],
      },
    }
    expect(describeHours(calendar, 'en', 'America/New_York')).toBe(
      'Mon–Tue 08:00–12:00, 13:00–17:00; Wed 08:00–12:00; Thu–Fri 08:00–17:00; Sat 09:00–12:00 (Europe/Berlin)',
    )
  })
})
