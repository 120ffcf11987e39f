const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
]

/** "in 12 minutes", "vor 3 Stunden": the largest whole unit, at least minutes. */
export function formatRelative(target: Date | string, now: Date, language: string): string {
  const deltaMs = new Date(target).getTime() - now.getTime()
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'long' })
  for (const [unit, size] of units) {
    if (Math.abs(deltaMs) >= size || unit === 'minute') return format.format(Math.round(deltaMs / size), unit)
  }
  return format.format(0, 'minute')
}
