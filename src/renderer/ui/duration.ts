/**
 * A span of time in words, in the UI language and with its plural forms: "45 seconds",
 * "1 minute", "1 Stunde 5 Minuten". Under a minute it says seconds, so a short call never reads
 * as "1 min"; from an hour on it gives hours and the remaining minutes.
 */
export function formatDuration(totalSeconds: number, language: string): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value)
  const seconds = Math.max(0, Math.round(totalSeconds))
  if (seconds < 60) return unit(seconds, 'second')
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return unit(minutes, 'minute')
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`
}
