import { getServers } from 'node:dns'
import type { Systeminformation } from 'systeminformation'
import type { ZodType } from 'zod'
import { redactSnapshot, type RedactionOptions } from '@shared/diagnostics/redact'
import {
  probeDataSchemas,
  probeGroups,
  SNAPSHOT_VERSION,
  type ProbeGroup,
  type ProbeResult,
  type Snapshot,
  type SnapshotGroups,
} from '@shared/diagnostics/snapshot'
import { HUB_SLOW_MS } from '@shared/diagnostics/rules/network'
import { DEFAULT_HUB_BUDGET_MS, DEFAULT_PROBE_BUDGET_MS, defaultServices, defaultSoftware } from './defaults'
import type { GroupProbes, ProbeContext } from './probes/context'
import { hardwareProbes } from './probes/hardware'
import { networkProbes } from './probes/network'
import { osProbes } from './probes/os'
import { peripheralProbes } from './probes/peripherals'
import { runProbe } from './runProbe'
import type { SystemInfo } from './systemInfo'

/** `group.probe`, e.g. `os.processes` or `network.hub`. */
export type ProbeId = { [G in ProbeGroup]: `${G}.${keyof GroupProbes<G> & string}` }[ProbeGroup]

export interface DiagnosticsProgress {
  group: ProbeGroup
  done: number
  total: number
}

export interface CollectOptions {
  si: SystemInfo
  hubUrl: string
  /** Services whose state goes into the snapshot; defaults to a short list for the platform. */
  services?: readonly string[]
  /** Programs whose version goes into the snapshot. */
  software?: readonly string[]
  timeoutsMs?: Partial<Record<ProbeId, number>>
  onProgress?: (progress: DiagnosticsProgress) => void
  now?: () => Date
  fetch?: typeof fetch
  dnsServers?: () => string[]
  /** Masking applies by default: user names and serials stay on the machine unless allowed. */
  redaction?: RedactionOptions
}

const probes: { [G in ProbeGroup]: GroupProbes<G> } = {
  hardware: hardwareProbes,
  peripherals: peripheralProbes,
  os: osProbes,
  network: networkProbes,
}

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | undefined
  return () => (pending ??= load())
}

/**
 * Takes one diagnostics snapshot. Probes run in parallel, each within its own budget; a probe
 * that fails or hangs is marked in the snapshot and never costs the others their answer.
 */
export async function collectSnapshot(options: CollectOptions): Promise<Snapshot> {
  const now = options.now ?? (() => new Date())
  const started = performance.now()
  const capturedAt = now().toISOString()
  const base: Omit<ProbeContext, 'budgetMs'> = {
    si: options.si,
    hubUrl: options.hubUrl,
    services: options.services ?? defaultServices(process.platform),
    software: options.software ?? defaultSoftware,
    now,
    fetch: options.fetch ?? globalThis.fetch,
    dnsServers: options.dnsServers ?? getServers,
    graphics: once<Systeminformation.GraphicsData>(() => options.si.graphics()),
  }

  const budgetOf = (id: ProbeId): number =>
    options.timeoutsMs?.[id] ?? (id === 'network.hub' ? DEFAULT_HUB_BUDGET_MS : DEFAULT_PROBE_BUDGET_MS)
  const start = (group: ProbeGroup, name: string): Promise<ProbeResult<unknown>> => {
    const id = `${group}.${name}` as ProbeId
    const probe = (probes[group] as Record<string, (ctx: ProbeContext) => Promise<unknown>>)[name]
    const schema = (probeDataSchemas[group] as Record<string, ZodType>)[name]
    if (!probe || !schema) throw new Error(`diagnostics: unknown probe ${id}`)
    const budgetMs = budgetOf(id)
    return runProbe(() => probe({ ...base, budgetMs }), schema, budgetMs)
  }

  // Local probes block the event loop in bursts (systeminformation shells out synchronously),
  // which would inflate the hub's latency. The hub goes first; the rest waits for its answer,
  // or for as long as a good answer may take.
  const hub = start('network', 'hub')
  let headStartTimer: NodeJS.Timeout | undefined
  const headStart = Promise.race([
    hub,
    new Promise((resolve) => (headStartTimer = setTimeout(resolve, HUB_SLOW_MS))),
  ]).finally(() => clearTimeout(headStartTimer))

  const runGroup = async (group: ProbeGroup): Promise<Record<string, ProbeResult<unknown>>> => {
    const names = Object.keys(probes[group])
    let done = 0
    const results = await Promise.all(
      names.map(async (name) => {
        const result =
          group === 'network' && name === 'hub' ? await hub : await headStart.then(() => start(group, name))
        done += 1
        report(options.onProgress, { group, done, total: names.length })
        return [name, result] as const
      }),
    )
    return Object.fromEntries(results)
  }

  const groups = await Promise.all(probeGroups.map(async (group) => [group, await runGroup(group)] as const))
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    capturedAt,
    durationMs: Math.round(performance.now() - started),
    masked: { userNames: false, serials: false },
    // Every probe's data was parsed with its own schema in runProbe, so the groups have the snapshot's shape.
    groups: Object.fromEntries(groups) as unknown as SnapshotGroups,
  }
  return redactSnapshot(snapshot, options.redaction)
}

function report(listener: CollectOptions['onProgress'], progress: DiagnosticsProgress): void {
  try {
    listener?.(progress)
  } catch {
    // A broken progress listener must not cost the user their snapshot.
  }
}
