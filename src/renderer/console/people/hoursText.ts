import type { BusinessCalendar } from '@shared/tickets/calendar'

const week = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const

/** Short weekday names in the language, Monday first (1 January 2024 was a Monday). */
function dayNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' })
  return week.map((_, i) => format.format(Date.UTC(2024, 0, 1 + i)).replace(/\.$/, ''))
}

/**
 * Business hours in one short line, days with the same hours joined: "Mon–Fri 08:00–17:00",
 * "Mo–Fr 08:00–12:00, 13:00–17:00; Sa 09:00–12:00". The time zone is named when it is not the reader's.
 */
export function describeHours(
  calendar: BusinessCalendar,
  language: string,
  readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  const names = dayNames(language)
  const hoursOf = (i: number) => calendar.weeklyHours[week[i]!].map((span) => `${span.from}–${span.to}`).join(', ')
  const groups: string[] = []
  let start = 0
  for (let i = 1; i <= week.length; i++) {
    if (i < week.length && hoursOf(i) === hoursOf(start)) continue
    const hours = hoursOf(start)
    if (hours) {
      const days = i - 1 === start ? names[start] : `${names[start]}–${names[i - 1]}`
      groups.push(`${days} ${hours}`)
    }
    start = i
  }
  const text = groups.join('; ')
  return calendar.timeZone === readerZone ? text : `${text} (${calendar.timeZone})`
}
