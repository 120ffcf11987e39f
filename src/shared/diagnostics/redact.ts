import { z } from 'zod'
import type { Snapshot } from './snapshot'

/** What the user allows to leave the machine; both default to no. */
export const redactionOptionsSchema = z.strictObject({
  includeUserNames: z.boolean().optional(),
  includeSerials: z.boolean().optional(),
})
export type RedactionOptions = z.infer<typeof redactionOptionsSchema>

export const USER_MASK = '[user]'
export const SERIAL_MASK = '[serial]'

const serialKeys = new Set(['serial', 'assetTag'])
const userKeys = new Set(['user'])
// Shared folders that name no person.
const neutralProfiles = new Set(['shared', 'public', 'default', 'default user', 'all users', 'guest'])

// Profile folders: /home/NAME, /Users/NAME, /media/NAME, /run/media/NAME, C:\Users\NAME (either slash).
const profilePath =
  /((?<![\w./-])(?:\/home\/|\/Users\/|\/run\/media\/|\/media\/)|\b[A-Za-z]:[\\/]Users[\\/])([^\\/\s:'"]+)/gi

/** Masks the user's name in profile paths and wherever one of `knownNames` appears as a path segment. */
export function redactText(text: string, knownNames: readonly string[] = []): string {
  let result = text.replace(profilePath, (whole, prefix: string, name: string) =>
    neutralProfiles.has(name.toLowerCase()) ? whole : `${prefix}${USER_MASK}`,
  )
  for (const name of knownNames) {
    if (name.length < 2 || name === USER_MASK) continue
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    result = result.replace(new RegExp(`(^|[\\\\/])${escaped}(?=$|[\\\\/])`, 'g'), `$1${USER_MASK}`)
  }
  return result
}

// Only people who are signed in: process owners are mostly system accounts whose names
// ("postgres", "www-data") double as program names an agent needs to read.
function signedInUserNames(snapshot: Snapshot): string[] {
  return [...new Set((snapshot.groups.os.users.data ?? []).map((u) => u.user).filter((name) => name.length > 0))]
}

/**
 * A copy of the snapshot with user names and serial numbers masked unless the user allowed them.
 * Masking keeps null as null, so "unknown" and "hidden" stay distinguishable.
 */
export function redactSnapshot(snapshot: Snapshot, options: RedactionOptions = {}): Snapshot {
  const maskUsers = options.includeUserNames !== true
  const maskSerials = options.includeSerials !== true
  const names = maskUsers ? signedInUserNames(snapshot) : []

  const visit = (value: unknown, key: string | undefined): unknown => {
    if (typeof value === 'string') {
      if (maskSerials && key !== undefined && serialKeys.has(key)) return SERIAL_MASK
      if (maskUsers && key !== undefined && userKeys.has(key)) return USER_MASK
      return maskUsers ? redactText(value, names) : value
    }
    if (Array.isArray(value)) return value.map((item) => visit(item, undefined))
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]))
    }
    return value
  }

  // The walk replaces strings with strings and keeps every key, so the shape is unchanged.
  const redacted = visit(snapshot.groups, undefined) as Snapshot['groups']
  return {
    ...snapshot,
    masked: { userNames: snapshot.masked.userNames || maskUsers, serials: snapshot.masked.serials || maskSerials },
    groups: redacted,
  }
}
