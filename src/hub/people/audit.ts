/** What changed between two versions of a record, field by field, for the admin audit log. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  ignore: ReadonlyArray<keyof T> = [],
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (ignore.includes(key)) continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key as string] = { from: before[key] ?? null, to: after[key] ?? null }
    }
  }
  return changes
}

export const stamps = ['createdAt', 'updatedAt'] as const
