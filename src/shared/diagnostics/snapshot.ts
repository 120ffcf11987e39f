import { z } from 'zod'
import { describeZodError } from '../errors'
import type { Result } from '../result'
import {
  batteryDataSchema,
  cpuDataSchema,
  disksDataSchema,
  fileSystemsDataSchema,
  graphicsDataSchema,
  memoryDataSchema,
  systemDataSchema,
} from './schemas/hardware'
import {
  dnsDataSchema,
  gatewayDataSchema,
  hubDataSchema,
  interfacesDataSchema,
  wifiDataSchema,
} from './schemas/network'
import {
  clockDataSchema,
  osInfoDataSchema,
  processesDataSchema,
  servicesDataSchema,
  softwareDataSchema,
  usersDataSchema,
} from './schemas/os'
import {
  audioDataSchema,
  bluetoothDataSchema,
  displaysDataSchema,
  printersDataSchema,
  usbDataSchema,
} from './schemas/peripherals'

export const SNAPSHOT_VERSION = 1
/** The hub refuses larger snapshots; a typical one is 10–30 KiB. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024

/** `withheld`: the user chose not to send this part; it carries no data. */
export const probeStatuses = ['ok', 'failed', 'timeout', 'withheld'] as const
export type ProbeStatus = (typeof probeStatuses)[number]

/** Every probe's data schema, grouped the way an agent reads a machine. */
export const probeDataSchemas = {
  hardware: {
    system: systemDataSchema,
    cpu: cpuDataSchema,
    memory: memoryDataSchema,
    battery: batteryDataSchema,
    graphics: graphicsDataSchema,
    disks: disksDataSchema,
    fileSystems: fileSystemsDataSchema,
  },
  peripherals: {
    usb: usbDataSchema,
    printers: printersDataSchema,
    audio: audioDataSchema,
    bluetooth: bluetoothDataSchema,
    displays: displaysDataSchema,
  },
  os: {
    info: osInfoDataSchema,
    clock: clockDataSchema,
    users: usersDataSchema,
    processes: processesDataSchema,
    services: servicesDataSchema,
    software: softwareDataSchema,
  },
  network: {
    interfaces: interfacesDataSchema,
    gateway: gatewayDataSchema,
    dns: dnsDataSchema,
    wifi: wifiDataSchema,
    hub: hubDataSchema,
  },
} as const

export type ProbeDataSchemas = typeof probeDataSchemas
export type ProbeGroup = keyof ProbeDataSchemas
export type ProbeName<G extends ProbeGroup> = keyof ProbeDataSchemas[G] & string
export type ProbeData<G extends ProbeGroup, P extends ProbeName<G>> = z.output<DataSchema<G, P>>
export const probeGroups = Object.keys(probeDataSchemas) as ProbeGroup[]

export const probeResultSchema = <T extends z.ZodType>(data: T) =>
  z.object({
    status: z.enum(probeStatuses),
    durationMs: z.number().nonnegative(),
    error: z.string().max(1000).optional(),
    data: data.optional(),
  })
export type ProbeResult<T> = { status: ProbeStatus; durationMs: number; error?: string; data?: T }

type DataSchema<G extends ProbeGroup, P extends ProbeName<G>> = Extract<ProbeDataSchemas[G][P], z.ZodType>
type GroupShape<G extends ProbeGroup> = { [P in ProbeName<G>]: ReturnType<typeof probeResultSchema<DataSchema<G, P>>> }

const groupSchema = <G extends ProbeGroup>(group: G) => {
  const schemas = probeDataSchemas[group] as Record<string, z.ZodType>
  const shape = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, probeResultSchema(schema)]))
  return z.object(shape as GroupShape<G>)
}

export const snapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  capturedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().nonnegative(),
  /** What was masked before the snapshot left the machine. */
  masked: z.object({ userNames: z.boolean(), serials: z.boolean() }),
  groups: z.object({
    hardware: groupSchema('hardware'),
    peripherals: groupSchema('peripherals'),
    os: groupSchema('os'),
    network: groupSchema('network'),
  }),
})
export type Snapshot = z.infer<typeof snapshotSchema>
export type SnapshotGroups = Snapshot['groups']

/** Parses a snapshot from any source (IPC, HTTP body, stored row); never throws. */
export function parseSnapshot(input: unknown): Result<Snapshot> {
  if (typeof input !== 'object' || input === null)
    return { ok: false, error: 'diagnostics snapshot: expected an object' }
  const version = (input as { version?: unknown }).version
  if (version !== SNAPSHOT_VERSION) {
    return {
      ok: false,
      error: `diagnostics snapshot: unsupported version ${JSON.stringify(version) ?? 'missing'} (expected ${SNAPSHOT_VERSION})`,
    }
  }
  const parsed = snapshotSchema.safeParse(input)
  if (!parsed.success) return { ok: false, error: `diagnostics snapshot: ${describeZodError(parsed.error)}` }
  return { ok: true, value: parsed.data }
}

/** Serialized size in bytes, as the hub will count it. */
export function snapshotByteLength(snapshot: Snapshot): number {
  return new TextEncoder().encode(JSON.stringify(snapshot)).length
}

/** The snapshot as the user chose to send it: every probe of an excluded group is withheld, without data. */
export function withholdGroups(snapshot: Snapshot, excluded: readonly ProbeGroup[]): Snapshot {
  const groups = { ...snapshot.groups } as Record<ProbeGroup, Record<string, ProbeResult<unknown>>>
  for (const group of excluded) {
    groups[group] = Object.fromEntries(
      Object.keys(groups[group]).map((probe) => [probe, { status: 'withheld' as const, durationMs: 0 }]),
    )
  }
  return { ...snapshot, groups: groups as SnapshotGroups }
}
