import { hardwareRules } from './rules/hardware'
import { networkRules } from './rules/network'
import { osRules } from './rules/os'
import { peripheralRules } from './rules/peripherals'
import type { ProbeGroup, Snapshot } from './snapshot'

export const severities = ['info', 'warning', 'critical'] as const
export type Severity = (typeof severities)[number]

/** Text shown to agents and end users, always in both UI languages. */
export interface Localized {
  en: string
  de: string
}

export interface Finding {
  /** Stable per rule and subject (e.g. `disk-full:/`), so the UI can track a finding across snapshots. */
  id: string
  severity: Severity
  group: ProbeGroup
  title: Localized
  explanation: Localized
  /** Words the knowledge base is matched against, e.g. `disk-full`, `dns`, `printer`. */
  tags: string[]
  /** Dotted paths into the snapshot to the raw values behind the finding. */
  evidence: string[]
}

export interface FindingsInput {
  /** What the user says is missing, in their own words ("my second monitor", "Logitech headset"). */
  missingDevices?: string
  /** The hub's clock; defaults to the time the hub sent with its health answer. */
  hubTime?: string | Date
}

export type Rule = (snapshot: Snapshot, input: FindingsInput) => Finding[]

const rules: readonly Rule[] = [...hardwareRules, ...peripheralRules, ...osRules, ...networkRules]
const order: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }

/** Everything worth an agent's attention in a snapshot, most severe first. */
export function findingsFor(snapshot: Snapshot, input: FindingsInput = {}): Finding[] {
  return rules.flatMap((rule) => rule(snapshot, input)).sort((a, b) => order[a.severity] - order[b.severity])
}
