// Placeholders firmware and drivers put where they know nothing; an agent should see "unknown".
const placeholders = new Set([
  '-',
  'unknown',
  'n/a',
  'none',
  'default string',
  'not specified',
  'not applicable',
  'to be filled by o.e.m.',
  'system serial number',
  'system product name',
  'system manufacturer',
  '0123456789',
])

export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  if (trimmed === '' || placeholders.has(trimmed.toLowerCase())) return null
  return trimmed.slice(0, 1024)
}

export const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null

/** Counts and sizes where systeminformation reports 0 for "could not read". */
export const positive = (value: unknown): number | null => {
  const n = num(value)
  return n !== null && n > 0 ? n : null
}

export const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)

/** Resolves to `fallback` when an optional detail cannot be read, so the probe's main value still arrives. */
export const optional = <T>(promise: Promise<T>, fallback: T): Promise<T> => promise.catch(() => fallback)
