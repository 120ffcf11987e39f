import type { Snapshot } from '@shared/diagnostics/snapshot'

/** Leaf values of a snapshot's data by dotted path (`groups.hardware.memory.data.totalBytes`). */
export function flatten(value: unknown, path = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, path ? `${path}.${key}` : key, into)
  } else {
    into.set(path, value)
  }
  return into
}

/** What changed between two snapshots of one machine, ignoring timings and capture times. */
export function compareSnapshots(
  before: Snapshot,
  after: Snapshot,
): Array<{ path: string; before: unknown; after: unknown }> {
  const a = flatten(before.groups, 'groups')
  const b = flatten(after.groups, 'groups')
  const skip = (path: string) =>
    path.endsWith('.durationMs') || path.includes('.clock.') || path.includes('.processes.') || path.includes('uptime')
  const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => !skip(p)).sort()
  return paths.filter((p) => a.get(p) !== b.get(p)).map((path) => ({ path, before: a.get(path), after: b.get(path) }))
}

/** The raw values behind a finding: every leaf under each evidence path. */
export function evidenceValues(snapshot: Snapshot, evidence: readonly string[]): Array<[string, unknown]> {
  const all = flatten(snapshot)
  return evidence.flatMap((root) => [...all].filter(([path]) => path === root || path.startsWith(`${root}.`)))
}
