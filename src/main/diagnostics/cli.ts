import * as si from 'systeminformation'
import { findingsFor, type Finding } from '@shared/diagnostics/findings'
import { type ProbeGroup, type Snapshot } from '@shared/diagnostics/snapshot'
import { defaultHubUrl } from '../appArgs'
import { collectSnapshot } from './service'

// Usage: --diagnostics [--json] [--hub=URL] [--include-user-names] [--include-serials] [--missing="text"]

const icons: Record<Finding['severity'], string> = { critical: '✖', warning: '!', info: 'i' }

function summary(snapshot: Snapshot, findings: Finding[]): string {
  const lines = [`Diagnostics ${snapshot.capturedAt} — ${snapshot.durationMs} ms`]
  for (const [group, probes] of Object.entries(snapshot.groups) as Array<
    [ProbeGroup, Record<string, { status: string; durationMs: number; error?: string; data?: unknown }>]
  >) {
    const parts = Object.entries(probes).map(([name, probe]) =>
      probe.status === 'ok'
        ? `${name} ${isEmpty(probe.data) ? '(none)' : 'ok'}`
        : `${name} ${probe.status.toUpperCase()}${probe.error ? ` (${probe.error})` : ''}`,
    )
    lines.push(`  ${group.padEnd(12)} ${parts.join(', ')}`)
  }
  const { os, hardware, network } = snapshot.groups
  const facts = [
    os.info.data && `OS: ${[os.info.data.distro, os.info.data.release, os.info.data.arch].filter(Boolean).join(' ')}`,
    hardware.cpu.data && `CPU: ${hardware.cpu.data.brand ?? '?'} (${hardware.cpu.data.cores ?? '?'} cores)`,
    hardware.memory.data &&
      `Memory: ${gib(hardware.memory.data.availableBytes)} free of ${gib(hardware.memory.data.totalBytes)}`,
    network.gateway.data &&
      `Gateway: ${network.gateway.data.defaultGateway ?? 'none'} via ${network.gateway.data.defaultInterface ?? '?'}`,
    network.dns.data && `DNS: ${network.dns.data.servers.join(', ') || 'none'}`,
    network.hub.data &&
      `Hub: ${network.hub.data.url} ${network.hub.data.reachable ? `reachable, ${network.hub.data.latencyMs} ms` : `unreachable (${network.hub.data.error ?? '?'})`}`,
  ].filter((fact): fact is string => typeof fact === 'string')
  lines.push('', ...facts.map((fact) => `  ${fact}`), '')
  if (findings.length === 0) lines.push('No findings.')
  for (const finding of findings) {
    lines.push(
      `${icons[finding.severity]} [${finding.severity}] ${finding.title.en}`,
      `    ${finding.explanation.en}`,
      `    tags: ${finding.tags.join(', ')}`,
    )
  }
  return lines.join('\n')
}

const isEmpty = (data: unknown): boolean =>
  data === undefined ||
  (Array.isArray(data) && data.length === 0) ||
  (typeof data === 'object' && data !== null && Object.keys(data).length === 0)
const gib = (bytes: number | null): string => (bytes === null ? '?' : `${(bytes / 2 ** 30).toFixed(1)} GiB`)

/** One snapshot on standard output, as JSON (`--json`) or as a readable summary with the findings. */
export async function runDiagnosticsCli(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<string> {
  const flag = (name: string): string | undefined =>
    args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
  const has = (name: string): boolean => args.includes(`--${name}`)
  const snapshot = await collectSnapshot({
    si,
    hubUrl: flag('hub') ?? env.FIRSTLINE_HUB_URL ?? defaultHubUrl,
    redaction: { includeUserNames: has('include-user-names'), includeSerials: has('include-serials') },
  })
  const missing = flag('missing')
  return has('json')
    ? `${JSON.stringify(snapshot, null, 2)}\n`
    : `${summary(snapshot, findingsFor(snapshot, missing ? { missingDevices: missing } : {}))}\n`
}
