import type { ProbeData, ProbeGroup, ProbeName, Snapshot } from '../snapshot'

/** The probe's data when it answered; rules stay silent about probes that failed or timed out. */
export function dataOf<G extends ProbeGroup, P extends ProbeName<G>>(
  snapshot: Snapshot,
  group: G,
  probe: P,
): ProbeData<G, P> | undefined {
  const result = (snapshot.groups[group] as Record<string, { status: string; data?: unknown }>)[probe]
  return result?.status === 'ok' ? (result.data as ProbeData<G, P> | undefined) : undefined
}

export const evidence = (group: ProbeGroup, probe: string, ...rest: Array<string | number>): string =>
  ['groups', group, probe, 'data', ...rest].join('.')

export const percent = (value: number): { en: string; de: string } => ({
  en: `${Math.round(value)}%`,
  de: `${Math.round(value)} %`,
})

export const formatBytes = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`
