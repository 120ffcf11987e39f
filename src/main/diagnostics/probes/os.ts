import { uptime } from 'node:os'
import type { Systeminformation } from 'systeminformation'
import type { ProcessInfo } from '@shared/diagnostics/schemas/os'
import { num, text } from '../normalize'
import type { GroupProbes } from './context'

const TOP_PROCESSES = 5

function toProcessInfo(p: Systeminformation.ProcessesProcessData): ProcessInfo {
  const rssKiB = num(p.memRss)
  return {
    pid: p.pid,
    name: (text(p.name) ?? `pid ${p.pid}`).slice(0, 256),
    user: text(p.user),
    cpuPercent: num(p.cpu),
    memPercent: num(p.mem),
    memRssBytes: rssKiB === null ? null : rssKiB * 1024,
  }
}

const topBy = (list: Systeminformation.ProcessesProcessData[], key: 'cpu' | 'mem'): ProcessInfo[] =>
  [...list]
    .sort((a, b) => (num(b[key]) ?? 0) - (num(a[key]) ?? 0))
    .slice(0, TOP_PROCESSES)
    .map(toProcessInfo)

export const osProbes: GroupProbes<'os'> = {
  info: async ({ si }) => {
    const os = await si.osInfo()
    return {
      platform: text(os.platform),
      distro: text(os.distro),
      release: text(os.release),
      build: text(os.build),
      codename: text(os.codename),
      kernel: text(os.kernel),
      arch: text(os.arch),
      hostname: text(os.hostname),
    }
  },

  // Node has all of this at hand; systeminformation's time() blocks the event loop on a shell call.
  clock: async ({ now }) => {
    const at = now()
    return {
      now: at.toISOString(),
      uptimeSeconds: uptime(),
      timeZone: text(Intl.DateTimeFormat().resolvedOptions().timeZone),
      // `0 - x` rather than `-x`: UTC would otherwise be -0, which JSON cannot carry.
      utcOffsetMinutes: 0 - at.getTimezoneOffset(),
    }
  },

  users: async ({ si }) =>
    (await si.users())
      .filter((u) => text(u.user) !== null)
      .slice(0, 64)
      .map((u) => ({
        user: String(text(u.user)).slice(0, 256),
        terminal: text(u.tty),
        loginAt: text([u.date, u.time].filter(Boolean).join(' ')),
        remoteHost: text(u.ip),
      })),

  processes: async ({ si }) => {
    const processes = await si.processes()
    return {
      total: num(processes.all),
      running: num(processes.running),
      topCpu: topBy(processes.list, 'cpu'),
      topMemory: topBy(processes.list, 'mem'),
    }
  },

  services: async ({ si, services }) => {
    if (services.length === 0) return []
    return (await si.services(services.join(','))).slice(0, 64).map((s) => ({
      name: s.name.slice(0, 256),
      running: s.running === true,
      startMode: text(s.startmode),
    }))
  },

  software: async ({ si, software }) => {
    if (software.length === 0) return {}
    const versions: Record<string, unknown> = { ...(await si.versions(software.join(','))) }
    const found: Record<string, string> = {}
    for (const name of software) {
      const version = text(versions[name])
      if (version !== null) found[name] = version.slice(0, 256)
    }
    return found
  },
}
