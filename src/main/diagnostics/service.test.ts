import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus } from 'node:os'
import * as si from 'systeminformation'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSnapshot, probeGroups, type Snapshot } from '@shared/diagnostics/snapshot'
import { probeHub } from './probes/hubReachability'
import { collectSnapshot, type DiagnosticsProgress } from './service'

function command(file: string, args: string[]): string | null {
  try {
    return execFileSync(file, args, { encoding: 'utf8' })
  } catch {
    return null
  }
}

const osRelease = Object.fromEntries(
  readFileSync('/etc/os-release', 'utf8')
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => {
      const [key, ...rest] = line.split('=')
      return [key, rest.join('=').replace(/^"|"$/g, '')]
    }),
)
const defaultGateway = command('ip', ['route', 'show', 'default'])?.match(/^default via (\S+)/m)?.[1]

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

describe.runIf(process.platform === 'linux')('collectSnapshot on this machine', () => {
  let hub: { server: Server; url: string }
  const hubRequests: string[] = []
  let snapshot: Snapshot
  const progress: DiagnosticsProgress[] = []

  beforeAll(async () => {
    hub = await listen((request, response) => {
      hubRequests.push(`${request.method} ${request.url}`)
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
    })
    snapshot = await collectSnapshot({ si, hubUrl: hub.url, onProgress: (p) => progress.push(p) })
  })
  afterAll(() => new Promise<void>((resolve) => hub.server.close(() => resolve())))

  it('produces a snapshot that parses', () => {
    expect(parseSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual({ ok: true, value: snapshot })
    expect(snapshot.masked).toEqual({ userNames: true, serials: true })
  })

  it('reports total memory as /proc/meminfo does', () => {
    const kib = Number(readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+) kB/m)?.[1])
    expect(snapshot.groups.hardware.memory.status).toBe('ok')
    expect(snapshot.groups.hardware.memory.data?.totalBytes).toBe(kib * 1024)
  })

  it('counts the CPUs Node sees', () => {
    expect(snapshot.groups.hardware.cpu.data?.cores).toBe(cpus().length)
  })

  it('names the OS as /etc/os-release does', () => {
    expect(snapshot.groups.os.info.data?.distro).toBe(osRelease.NAME)
    expect(snapshot.groups.os.info.data?.release).toBe(osRelease.VERSION_ID)
    expect(snapshot.groups.os.info.data?.platform).toBe('linux')
  })

  it.runIf(defaultGateway !== undefined)('finds the default gateway that `ip route` shows', () => {
    expect(snapshot.groups.network.gateway.data?.defaultGateway).toBe(defaultGateway)
  })

  it('sizes the root file system as df does', () => {
    const df = command('df', ['-B1', '--output=size', '/'])
    const size = Number(df?.trim().split('\n')[1])
    const root = snapshot.groups.hardware.fileSystems.data?.find((fs) => fs.mount === '/')
    expect(root?.sizeBytes).toBe(size)
  })

  it('measures the hub with one GET of /health and reads its clock', () => {
    expect(hubRequests).toEqual(['GET /health'])
    const data = snapshot.groups.network.hub.data
    expect(data).toMatchObject({ url: hub.url, reachable: true, httpStatus: 200, error: null })
    expect(data?.latencyMs).toBeGreaterThan(0)
    expect(Math.abs(Date.parse(data?.hubTime ?? '') - Date.parse(snapshot.capturedAt))).toBeLessThan(5_000)
  })

  it('reports progress per group until every probe is done', () => {
    for (const group of probeGroups) {
      const steps = progress.filter((p) => p.group === group)
      const total = Object.keys(snapshot.groups[group]).length
      expect(steps.map((p) => p.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
      expect(steps.every((p) => p.total === total)).toBe(true)
    }
  })
})

describe('a probe that hangs, throws or answers nonsense', () => {
  it('is marked while the snapshot still arrives with everything else', async () => {
    const broken = {
      ...si,
      processes: () => new Promise<never>(() => {}),
      osInfo: () => {
        throw new Error('osInfo exploded')
      },
      mem: () => Promise.resolve({ total: 'lots' } as unknown as si.Systeminformation.MemData),
      networkGatewayDefault: () => Promise.reject(new Error('no route table')),
    }
    const snapshot = await collectSnapshot({
      si: broken,
      hubUrl: 'http://127.0.0.1:9',
      timeoutsMs: { 'os.processes': 200 },
      services: [],
      software: [],
    })
    expect(snapshot.groups.os.processes).toMatchObject({ status: 'timeout', error: 'no answer within 200 ms' })
    expect(snapshot.groups.os.processes.data).toBeUndefined()
    expect(snapshot.groups.os.info).toMatchObject({ status: 'failed', error: 'osInfo exploded' })
    expect(snapshot.groups.hardware.memory.status).toBe('failed')
    expect(snapshot.groups.hardware.memory.error).toMatch(/^unexpected data: totalBytes/)
    expect(snapshot.groups.network.gateway).toMatchObject({ status: 'failed', error: 'no route table' })
    expect(snapshot.groups.hardware.cpu.status).toBe('ok')
    expect(snapshot.groups.os.clock.status).toBe('ok')
    expect(parseSnapshot(snapshot).ok).toBe(true)
  })
})

describe('probeHub', () => {
  it('reports a closed port as unreachable', async () => {
    const { server, url } = await listen(() => {})
    await new Promise<void>((resolve) => server.close(() => resolve()))
    expect(await probeHub(url, fetch, 1_000)).toEqual({
      url,
      reachable: false,
      latencyMs: null,
      httpStatus: null,
      hubTime: null,
      error: 'ECONNREFUSED',
    })
  })

  it('gives up on a hub that never answers', async () => {
    const { server, url } = await listen(() => {})
    try {
      expect(await probeHub(url, fetch, 150)).toMatchObject({ reachable: false, error: 'no answer in time' })
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('counts an unhealthy hub as reachable and says what it answered', async () => {
    const { server, url } = await listen((_request, response) => response.writeHead(503).end())
    try {
      expect(await probeHub(`${url}/`, fetch, 1_000)).toMatchObject({
        url: `${url}/`,
        reachable: true,
        httpStatus: 503,
        error: 'HTTP 503',
      })
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
