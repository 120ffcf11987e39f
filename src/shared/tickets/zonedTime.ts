/** Wall-clock arithmetic in an IANA time zone using only `Intl`, DST included. */

export type LocalDate = { year: number; month: number; day: number }
export type WallClock = LocalDate & { hour: number; minute: number; second: number }

const dayMs = 24 * 60 * 60 * 1000
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

export function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const read = (type: string): number => parts[type] ?? 0
  return {
    year: read('year'),
    month: read('month'),
    day: read('day'),
    // Some engines still print midnight as 24 even with h23.
    hour: read('hour') % 24,
    minute: read('minute'),
    second: read('second'),
  }
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function offsetAt(instantMs: number, timeZone: string): number {
  const wall = wallClockAt(instantMs, timeZone)
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  return wallAsUtc - (instantMs - (((instantMs % 1000) + 1000) % 1000))
}

/**
 * The instant a local date and minute-of-day (0..1440) names. Like Temporal's "compatible": a time
 * repeated when clocks go back is the earlier one; a time skipped when clocks go forward is moved
 * forward by the gap (02:30 on a spring-forward night becomes 03:30).
 */
export function instantOfWallTime(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  // Pure and asked for the same few days again and again (every ticket's SLA walks them): remember answers.
  const key = `${timeZone}|${date.year}-${date.month}-${date.day}|${minuteOfDay}`
  const known = instantCache.get(key)
  if (known !== undefined) return known
  if (instantCache.size >= instantCacheLimit) instantCache.clear()
  const instant = computeInstantOfWallTime(date, minuteOfDay, timeZone)
  instantCache.set(key, instant)
  return instant
}

const instantCache = new Map<string, number>()
const instantCacheLimit = 20_000

function computeInstantOfWallTime(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay)
  // Real zones change offset at most once within a day, so the offsets a day either side are the only candidates.
  const offsetBefore = offsetAt(wallAsUtc - dayMs, timeZone)
  const offsetAfter = offsetAt(wallAsUtc + dayMs, timeZone)
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter]
    .filter((instant) => wallAsUtc - offsetAt(instant, timeZone) === instant)
    .sort((a, b) => a - b)
  return candidates[0] ?? wallAsUtc - offsetBefore
}

export function localDateAt(instantMs: number, timeZone: string): LocalDate {
  const { year, month, day } = wallClockAt(instantMs, timeZone)
  return { year, month, day }
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
}

export function formatLocalDate(date: LocalDate): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0')
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`
}
