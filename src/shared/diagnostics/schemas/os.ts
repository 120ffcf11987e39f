import { z } from 'zod'
import { count, list, text } from './common'

export const osInfoDataSchema = z.object({
  platform: text,
  distro: text,
  release: text,
  build: text,
  codename: text,
  kernel: text,
  arch: text,
  hostname: text,
})

export const clockDataSchema = z.object({
  now: z.iso.datetime({ offset: true }),
  uptimeSeconds: z.number().nonnegative(),
  timeZone: text,
  utcOffsetMinutes: z.number().int(),
})

export const usersDataSchema = list(
  z.object({ user: z.string().max(256), terminal: text, loginAt: text, remoteHost: text }),
  64,
)

const processSchema = z.object({
  pid: z.number().int(),
  name: z.string().max(256),
  user: text,
  /** Share of the whole machine's CPU time, 0–100. */
  cpuPercent: count,
  memPercent: count,
  memRssBytes: count,
})
export type ProcessInfo = z.infer<typeof processSchema>

export const processesDataSchema = z.object({
  total: count,
  running: count,
  topCpu: list(processSchema, 10),
  topMemory: list(processSchema, 10),
})

export const servicesDataSchema = list(
  z.object({ name: z.string().max(256), running: z.boolean(), startMode: text }),
  64,
)

/** Program → version, only for programs found on the machine. */
export const softwareDataSchema = z.record(z.string().max(64), z.string().max(256))
