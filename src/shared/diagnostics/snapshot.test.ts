import { describe, expect, it } from 'vitest'
import { fixtureSnapshot, withStatus } from './fixtures'
import { MAX_SNAPSHOT_BYTES, parseSnapshot, snapshotByteLength } from './snapshot'

describe('parseSnapshot', () => {
  it('accepts a complete snapshot, including probes that failed or timed out', () => {
    const snapshot = withStatus(fixtureSnapshot(), 'os', 'processes', 'timeout')
    const parsed = parseSnapshot(JSON.parse(JSON.stringify(snapshot)))
    expect(parsed).toEqual({ ok: true, value: snapshot })
  })

  it('names the unsupported version', () => {
    expect(parseSnapshot({ ...fixtureSnapshot(), version: 2 })).toEqual({
      ok: false,
      error: 'diagnostics snapshot: unsupported version 2 (expected 1)',
    })
    expect(parseSnapshot('nope')).toEqual({ ok: false, error: 'diagnostics snapshot: expected an object' })
  })

  it('points at the offending value', () => {
    const snapshot = fixtureSnapshot() as unknown as {
      groups: { hardware: { memory: { data: { totalBytes: unknown } } } }
    }
    snapshot.groups.hardware.memory.data.totalBytes = 'lots'
    const parsed = parseSnapshot(snapshot)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toContain('groups.hardware.memory.data.totalBytes')
  })

  it('rejects an unknown probe status and a missing probe', () => {
    const bad = fixtureSnapshot() as unknown as { groups: { network: Record<string, unknown> } }
    bad.groups.network.hub = { status: 'maybe', durationMs: 1 }
    expect(parseSnapshot(bad).ok).toBe(false)
    delete bad.groups.network.hub
    expect(parseSnapshot(bad).ok).toBe(false)
  })

  it('keeps a typical snapshot far below the size limit', () => {
    expect(snapshotByteLength(fixtureSnapshot())).toBeLessThan(MAX_SNAPSHOT_BYTES / 20)
  })
})
