import { z } from 'zod'
import {
  addDays,
  formatLocalDate,
  instantOfWallTime,
  isValidTimeZone,
  localDateAt,
  weekdayOf,
  type LocalDate,
} from './zonedTime'

export const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const
export type Weekday = (typeof weekdays)[number]

const wallTimeSchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'Use HH:MM between 00:00 and 24:00' })

function minuteOfDay(wallTime: string): number {
  const [hours = 0, minutes = 0] = wallTime.split(':').map(Number)
  return hours * 60 + minutes
}

const hoursSchema = z
  .object({ from: wallTimeSchema, to: wallTimeSchema })
  .refine((hours) => minuteOfDay(hours.from) < minuteOfDay(hours.to), {
    error: 'Business hours must end after they start',
  })

const dayHoursSchema = z
  .array(hoursSchema)
  .max(8)
  .refine(
    (spans) => spans.every((span, i) => i === 0 || minuteOfDay(spans[i - 1]?.to ?? '00:00') <= minuteOfDay(span.from)),
    { error: 'Business hours of a day must be in order and must not overlap' },
  )

const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use YYYY-MM-DD' })
  .refine(
    (text) =>
      !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    {
      error: 'Not a calendar date',
    },
  )

export const businessCalendarSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, { error: 'Unknown IANA time zone' }),
    weeklyHours: z.object({
      monday: dayHoursSchema,
      tuesday: dayHoursSchema,
      wednesday: dayHoursSchema,
      thursday: dayHoursSchema,
      friday: dayHoursSchema,
      saturday: dayHoursSchema,
      sunday: dayHoursSchema,
    }),
    /** Local dates on which nobody works, e.g. `2025-12-25`. */
    holidays: z.array(localDateSchema).max(5000),
  })
  .refine((calendar) => weekdays.some((day) => calendar.weeklyHours[day].length > 0), {
    error: 'At least one weekday needs business hours',
  })
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>

const officeHours = [{ from: '08:00', to: '17:00' }]

export const defaultBusinessCalendar: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    monday: officeHours,
    tuesday: officeHours,
    wednesday: officeHours,
    thursday: officeHours,
    friday: officeHours,
    saturday: [],
    sunday: [],
  },
  holidays: [],
}

/** A calendar with few open days still finds its next hour; past this the deadline counts as unknown. */
const searchLimitDays = 3660

type Interval = { start: number; end: number }

function businessIntervalsOn(calendar: BusinessCalendar, date: LocalDate): Interval[] {
  if (calendar.holidays.includes(formatLocalDate(date))) return []
  const day = weekdays[weekdayOf(date)] ?? 'sunday'
  return calendar.weeklyHours[day]
    .map((hours) => ({
      start: instantOfWallTime(date, minuteOfDay(hours.from), calendar.timeZone),
      end: instantOfWallTime(date, minuteOfDay(hours.to), calendar.timeZone),
    }))
    .filter((interval) => interval.end > interval.start)
}

/** Business time in ms between two instants (0 when `endMs` is not after `startMs`). */
export function businessMsBetween(calendar: BusinessCalendar, startMs: number, endMs: number): number {
  let total = 0
  for (let date = localDateAt(startMs, calendar.timeZone); ; date = addDays(date, 1)) {
    if (instantOfWallTime(date, 0, calendar.timeZone) >= endMs) return total
    for (const interval of businessIntervalsOn(calendar, date)) {
      total += Math.max(0, Math.min(interval.end, endMs) - Math.max(interval.start, startMs))
    }
  }
}

/**
 * The instant at which `durationMs` of business time has passed since `startMs`. A deadline that
 * lands exactly on closing time stays there rather than moving to the next opening.
 */
export function addBusinessMs(calendar: BusinessCalendar, startMs: number, durationMs: number): number | null {
  let remaining = durationMs
  let date = localDateAt(startMs, calendar.timeZone)
  for (let day = 0; day < searchLimitDays; day++, date = addDays(date, 1)) {
    for (const interval of businessIntervalsOn(calendar, date)) {
      const start = Math.max(interval.start, startMs)
      if (interval.end <= start) continue
      if (remaining <= interval.end - start) return start + remaining
      remaining -= interval.end - start
    }
  }
  return null
}
