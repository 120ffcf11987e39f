import type { Systeminformation } from 'systeminformation'
import type { ProbeData, ProbeGroup, ProbeName } from '@shared/diagnostics/snapshot'
import type { SystemInfo } from '../systemInfo'

export interface ProbeContext {
  si: SystemInfo
  hubUrl: string
  services: readonly string[]
  software: readonly string[]
  now: () => Date
  fetch: typeof fetch
  dnsServers: () => string[]
  /** One graphics query serves both the graphics and the displays probe. */
  graphics: () => Promise<Systeminformation.GraphicsData>
  /** This probe's time budget, for probes that can stop early with a useful answer. */
  budgetMs: number
}

export type GroupProbes<G extends ProbeGroup> = { [P in ProbeName<G>]: (ctx: ProbeContext) => Promise<ProbeData<G, P>> }
