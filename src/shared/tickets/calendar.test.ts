import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addBusinessMs,
  businessCalendarSchema,
  businessMsBetween,
  defaultBusinessCalendar,
  type BusinessCalendar,
} from './calendar'
import { instantOfWallTime } from './zonedTime'

const hour = 3_600_000
const ms = (iso: string): number => Date.parse(iso)
const iso = (instant: number | null): string | null => (instant === null ? null : new Date(instant).toISOString())

const allDay = [{ from: '00:00', to: '24:00' }]
const aroundTheClock: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    monday: allDay,
    tuesday: allDay,
    wednesday: allDay,
    thursday: allDay,
    friday: allDay,
    saturday: allDay,
    sunday: allDay,
  },
  holidays: [],
}

describe('wall time in a time zone', () => {
  it.each([
    ['a winter time', 'Europe/Berlin', { year: 2025, month: 1, day: 15 }, 9 * 60, '2025-01-15T08:00:00.000Z'],
    ['a summer time', 'Europe/Berlin', { year: 2025, month: 7, day: 15 }, 9 * 60, '2025-07-15T07:00:00.000Z'],
    [
      'a skipped time, moved forward',
      'Europe/Berlin',
      { year: 2025, month: 3, day: 30 },
      150,
      '2025-03-30T01:30:00.000Z',
    ],
    [
      'a repeated time, the earlier one',
      'Europe/Berlin',
      { year: 2025, month: 10, day: 26 },
      150,
      '2025-10-26T00:30:00.000Z',
    ],
    [
      'midnight at the end of a short day',
      'Europe/Berlin',
      { year: 2025, month: 3, day: 30 },
      1440,
      '2025-03-30T22:00:00.000Z',
    ],
    ['a half-hour zone', 'Asia/Kolkata', { year: 2025, month: 3, day: 3 }, 9 * 60, '2025-03-03T03:30:00.000Z'],
    [
      'New York after its own change',
      'America/New_York',
      { year: 2025, month: 3, day: 10 },
      9 * 60,
      '2025-03-10T13:00:00.000Z',
    ],
  ])('finds %s', (_name, timeZone, date, minuteOfDay, expected) => {
    expect(iso(instantOfWallTime(date, minuteOfDay, timeZone))).toBe(expected)
  })
})

describe('business time', () => {
  it.each([
    ['the short day in March', '2025-03-29T12:00:00+01:00', '2025-03-31T12:00:00+02:00', 47 * hour],
    ['the long day in October', '2025-10-25T12:00:00+02:00', '2025-10-27T12:00:00+01:00', 49 * hour],
  ])('counts real hours around the clock across %s', (_name, start, end, expected) => {
    expect(businessMsBetween(aroundTheClock, ms(start), ms(end))).toBe(expected)
  })

  it('counts hours inside the night clocks change by what the clock on the wall shows', () => {
    const night = [{ from: '01:00', to: '04:00' }]
    const closed = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [] }
    const sundayNights = { ...aroundTheClock, weeklyHours: { ...closed, sunday: night } }
    const sunday = (date: string) =>
      businessMsBetween(sundayNights, ms(`${date}T00:00:00Z`) - 2 * hour, ms(`${date}T06:00:00Z`))
    expect(sunday('2025-03-30')).toBe(2 * hour)
    expect(sunday('2025-10-26')).toBe(4 * hour)
    expect(sunday('2025-10-19')).toBe(3 * hour)
  })

  it.each([
    ['a day', '2025-03-03T08:00:00+01:00', '2025-03-03T20:00:00+01:00', 9 * hour],
    ['a night', '2025-03-03T17:00:00+01:00', '2025-03-04T08:00:00+01:00', 0],
    ['a weekend', '2025-03-07T16:00:00+01:00', '2025-03-10T09:00:00+01:00', 2 * hour],
    ['backwards', '2025-03-04T10:00:00+01:00', '2025-03-03T10:00:00+01:00', 0],
  ])('counts office hours over %s', (_name, start, end, expected) => {
    expect(businessMsBetween(defaultBusinessCalendar, ms(start), ms(end))).toBe(expected)
  })

  it.each([
    ['within the day', '2025-03-03T09:00:00+01:00', 2, '2025-03-03T10:00:00.000Z'],
    ['up to closing time, not to next opening', '2025-03-03T16:00:00+01:00', 1, '2025-03-03T16:00:00.000Z'],
    ['over a night', '2025-03-03T16:00:00+01:00', 2, '2025-03-04T08:00:00.000Z'],
    ['from before opening', '2025-03-03T06:00:00+01:00', 1, '2025-03-03T08:00:00.000Z'],
    ['over a weekend', '2025-03-07T16:30:00+01:00', 1, '2025-03-10T07:30:00.000Z'],
  ])('adds business hours %s', (_name, start, hours, expected) => {
    expect(iso(addBusinessMs(defaultBusinessCalendar, ms(start), hours * hour))).toBe(expected)
  })

  it('skips holidays', () => {
    const calendar = { ...defaultBusinessCalendar, holidays: ['2025-12-25', '2025-12-26'] }
    expect(iso(addBusinessMs(calendar, ms('2025-12-24T16:00:00+01:00'), 2 * hour))).toBe('2025-12-29T08:00:00.000Z')
    expect(businessMsBetween(calendar, ms('2025-12-24T00:00:00+01:00'), ms('2025-12-30T00:00:00+01:00'))).toBe(
      18 * hour,
    )
  })
})

describe('business time properties', () => {
  const calendar = { ...defaultBusinessCalendar, holidays: ['2025-03-31', '2025-10-27', '2025-12-25'] }
  const instant = fc.integer({ min: ms('2025-01-01T00:00:00Z'), max: ms('2025-12-31T00:00:00Z') })
  const duration = fc.integer({ min: 1, max: 40 * hour })

  it('adding business time and measuring it back agree', () => {
    fc.assert(
      fc.property(instant, duration, (start, length) => {
        const end = addBusinessMs(calendar, start, length)
        expect(end).not.toBeNull()
        expect(businessMsBetween(calendar, start, end ?? start)).toBe(length)
      }),
      { numRuns: 200 },
    )
  })

  it('splitting a range anywhere does not change its business time', () => {
    fc.assert(
      fc.property(instant, duration, duration, (start, first, second) => {
        const middle = start + first
        const end = middle + second
        expect(businessMsBetween(calendar, start, middle) + businessMsBetween(calendar, middle, end)).toBe(
          businessMsBetween(calendar, start, end),
        )
      }),
      { numRuns: 200 },
    )
  })
})

describe('business calendar schema', () => {
  const week = defaultBusinessCalendar.weeklyHours
  it.each([
    ['an unknown time zone', { ...defaultBusinessCalendar, timeZone: 'Europe/Atlantis' }, 'Unknown IANA time zone'],
    [
      'a week without hours',
      {
        ...defaultBusinessCalendar,
        weeklyHours: { ...week, monday: [], tuesday: [], wednesday: [], thursday: [], friday: [] },
      },
      'At least one weekday needs business hours',
    ],
    [
      'hours that end before they start',
      { ...defaultBusinessCalendar, weeklyHours: { ...week, monday: [{ from: '17:00', to: '08:00' }] } },
      'Business hours must end after they start',
    ],
    [
      'overlapping hours',
      {
        ...defaultBusinessCalendar,
        weeklyHours: {
          ...week,
          monday: [
            { from: '08:00', to: '12:00' },
            { from: '11:00', to: '17:00' },
          ],
        },
      },
      'must be in order and must not overlap',
    ],
    [
      'a time past midnight',
      { ...defaultBusinessCalendar, weeklyHours: { ...week, monday: [{ from: '08:00', to: '24:30' }] } },
      'Use HH:MM between 00:00 and 24:00',
    ],
    ['a holiday that is no date', { ...defaultBusinessCalendar, holidays: ['2025-02-30'] }, 'Not a calendar date'],
  ])('refuses %s', (_name, input, message) => {
    const result = businessCalendarSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message).join('; ')).toContain(message)
  })

  it('accepts split hours and the default calendar', () => {
    const split = {
      ...defaultBusinessCalendar,
      weeklyHours: {
        ...week,
        monday: [
          { from: '08:00', to: '12:00' },
          { from: '13:00', to: '17:00' },
        ],
      },
    }
    expect(businessCalendarSchema.safeParse(split).success).toBe(true)
    expect(businessCalendarSchema.safeParse(defaultBusinessCalendar).success).toBe(true)
  })
})
