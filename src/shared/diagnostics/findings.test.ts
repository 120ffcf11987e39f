import { describe, expect, it } from 'vitest'
import { findingsFor, type Finding, type FindingsInput } from './findings'
import { FIXTURE_NOW, fixtureSnapshot, withData, withStatus } from './fixtures'
import type { Snapshot } from './snapshot'

const healthy = fixtureSnapshot()
const ids = (snapshot: Snapshot, input?: FindingsInput): string[] => findingsFor(snapshot, input).map((f) => f.id)
const only = (snapshot: Snapshot, id: string, input?: FindingsInput): Finding => {
  const found = findingsFor(snapshot, input).filter((f) => f.id === id)
  expect(found).toHaveLength(1)
  return found[0]!
}
const data = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('fixture probe has no data')
  return structuredClone(value)
}
const plusSeconds = (seconds: number): string => new Date(Date.parse(FIXTURE_NOW) + seconds * 1000).toISOString()

describe('findingsFor', () => {
  it('finds nothing on a healthy machine', () => {
    expect(findingsFor(healthy)).toEqual([])
  })

  it('explains every finding in English and German, with tags and evidence that exist in the snapshot', () => {
    const sick = withData(withData(healthy, 'network', 'dns', { servers: [] }), 'network', 'gateway', {
      defaultGateway: null,
      defaultInterface: null,
    })
    const findings = findingsFor(sick, { missingDevices: 'Logitech headset' })
    expect(findings.length).toBeGreaterThanOrEqual(3)
    for (const finding of findings) {
      for (const text of [finding.title, finding.explanation]) {
        expect(text.en.length).toBeGreaterThan(5)
        expect(text.de.length).toBeGreaterThan(5)
        expect(text.de).not.toBe(text.en)
      }
      expect(finding.tags.length).toBeGreaterThan(0)
      for (const path of finding.evidence) {
        const value = path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], sick)
        expect(value, path).not.toBeUndefined()
      }
    }
  })

  it('puts the most severe first', () => {
    const sick = withData(withData(healthy, 'network', 'dns', { servers: [] }), 'os', 'clock', {
      ...data(healthy.groups.os.clock.data),
      uptimeSeconds: 30 * 86_400,
    })
    expect(findingsFor(sick).map((f) => f.severity)).toEqual(['critical', 'info'])
  })

  describe('disk full', () => {
    const fs = data(healthy.groups.hardware.fileSystems.data)
    it('warns above 90 % and is critical from 97 %', () => {
      const at = (usePercent: number) =>
        withData(healthy, 'hardware', 'fileSystems', [{ ...fs[0]!, usePercent, availableBytes: 5 * 2 ** 30 }])
      expect(only(at(93), 'disk-full:/').severity).toBe('warning')
      expect(only(at(93), 'disk-full:/').explanation.en).toContain('5.0 GiB')
      expect(only(at(98), 'disk-full:/').severity).toBe('critical')
      expect(ids(at(90))).toEqual([])
    })
    it('ignores read-only images that are always full', () => {
      expect(fs[1]?.usePercent).toBe(100)
      expect(ids(healthy)).not.toContain('disk-full:/snap/core22/1380')
    })
  })

  it('reports a drive whose SMART status predicts failure', () => {
    const disks = data(healthy.groups.hardware.disks.data)
    const failing = withData(healthy, 'hardware', 'disks', [{ ...disks[0]!, smartStatus: 'Predicted Failure' }])
    expect(only(failing, 'disk-smart:/dev/nvme0n1').severity).toBe('critical')
    expect(ids(withData(healthy, 'hardware', 'disks', [{ ...disks[0]!, smartStatus: null }]))).toEqual([])
  })

  describe('memory pressure', () => {
    const memory = data(healthy.groups.hardware.memory.data)
    const withAvailable = (share: number) =>
      withData(healthy, 'hardware', 'memory', { ...memory, availableBytes: memory.totalBytes * share })
    it('warns below 10 % available and is critical below 5 %', () => {
      expect(only(withAvailable(0.08), 'memory-pressure').severity).toBe('warning')
      expect(only(withAvailable(0.03), 'memory-pressure').severity).toBe('critical')
    })
    it('stays quiet with enough memory or when availability is unknown', () => {
      expect(ids(withAvailable(0.12))).toEqual([])
      expect(ids(withData(healthy, 'hardware', 'memory', { ...memory, availableBytes: null }))).toEqual([])
    })
  })

  describe('battery', () => {
    const battery = data(healthy.groups.hardware.battery.data)
    it('fires below 60 % of the design capacity', () => {
      const worn = withData(healthy, 'hardware', 'battery', { ...battery, maxCapacity: 30_000, cycleCount: 900 })
      const finding = only(worn, 'battery-worn')
      expect(finding.explanation.en).toContain('53%')
      expect(finding.explanation.de).toContain('900 Ladezyklen')
    })
    it('stays quiet at 60 % and on machines without a battery', () => {
      expect(ids(withData(healthy, 'hardware', 'battery', { ...battery, maxCapacity: 34_200 }))).toEqual([])
      expect(ids(withData(healthy, 'hardware', 'battery', { ...battery, hasBattery: false, maxCapacity: 1 }))).toEqual(
        [],
      )
    })
  })

  describe('network', () => {
    it('reports a missing default gateway', () => {
      const finding = only(
        withData(healthy, 'network', 'gateway', { defaultGateway: null, defaultInterface: null }),
        'no-gateway',
      )
      expect(finding.tags).toEqual(expect.arrayContaining(['network', 'gateway', 'vpn']))
    })
    it('reports a missing DNS server', () => {
      expect(only(withData(healthy, 'network', 'dns', { servers: [] }), 'no-dns').tags).toContain('dns')
    })
    it('does not guess when the gateway or DNS probe failed', () => {
      expect(ids(withStatus(withStatus(healthy, 'network', 'gateway', 'failed'), 'network', 'dns', 'timeout'))).toEqual(
        [],
      )
    })
  })

  describe('hub', () => {
    const hub = data(healthy.groups.network.hub.data)
    it('reports an unreachable hub, also when the probe timed out', () => {
      const refused = withData(healthy, 'network', 'hub', {
        ...hub,
        reachable: false,
        latencyMs: null,
        httpStatus: null,
        hubTime: null,
        error: 'ECONNREFUSED',
      })
      expect(only(refused, 'hub-unreachable').explanation.en).toContain('ECONNREFUSED')
      expect(only(withStatus(healthy, 'network', 'hub', 'timeout'), 'hub-unreachable').evidence).toEqual([
        'groups.network.hub.status',
      ])
    })
    it('warns when the hub answers slower than 300 ms', () => {
      expect(
        only(withData(healthy, 'network', 'hub', { ...hub, latencyMs: 450 }), 'hub-slow').explanation.en,
      ).toContain('450 ms')
      expect(ids(withData(healthy, 'network', 'hub', { ...hub, latencyMs: 300 }))).toEqual([])
    })
  })

  describe('printers', () => {
    const printers = data(healthy.groups.peripherals.printers.data)
    it.each(['Offline', 'stopped', 'Error', 'Paper Jam'])('reports the default printer as %s', (status) => {
      const finding = only(
        withData(healthy, 'peripherals', 'printers', [{ ...printers[0]!, status }]),
        'printer:HP_LaserJet_M404',
      )
      expect(finding.severity).toBe('warning')
      expect(finding.tags).toContain('printer')
    })
    it('stays quiet for idle and printing printers', () => {
      expect(ids(withData(healthy, 'peripherals', 'printers', [{ ...printers[0]!, status: 'printing' }]))).toEqual([])
    })
  })

  describe('uptime', () => {
    const clock = data(healthy.groups.os.clock.data)
    it('suggests a restart after more than 14 days', () => {
      expect(
        only(withData(healthy, 'os', 'clock', { ...clock, uptimeSeconds: 21 * 86_400 }), 'uptime-long').title.en,
      ).toBe('Not restarted for 21 days')
      expect(ids(withData(healthy, 'os', 'clock', { ...clock, uptimeSeconds: 14 * 86_400 + 3600 }))).toEqual([])
    })
  })

  describe('clock skew', () => {
    const hub = data(healthy.groups.network.hub.data)
    it('compares with the time the hub sent', () => {
      const behind = withData(healthy, 'network', 'hub', { ...hub, hubTime: plusSeconds(600) })
      const finding = only(behind, 'clock-skew')
      expect(finding.severity).toBe('critical')
      expect(finding.title.en).toBe('The clock is 10 min slow')
      expect(finding.evidence).toContain('groups.network.hub.data.hubTime')
    })
    it('prefers the hub time given by the caller', () => {
      expect(only(healthy, 'clock-skew', { hubTime: plusSeconds(-120) }).title.en).toBe('The clock is 2 min fast')
      expect(only(healthy, 'clock-skew', { hubTime: plusSeconds(-120) }).severity).toBe('warning')
    })
    it('tolerates a minute and stays quiet without a hub time', () => {
      expect(ids(healthy, { hubTime: plusSeconds(45) })).toEqual([])
      expect(ids(withData(healthy, 'network', 'hub', { ...hub, hubTime: null }))).toEqual([])
    })
  })

  describe('CPU hog', () => {
    const processes = data(healthy.groups.os.processes.data)
    const topCpu = (name: string, pid: number, cpuPercent: number) =>
      withData(healthy, 'os', 'processes', {
        ...processes,
        topCpu: [{ ...processes.topCpu[0]!, name, pid, cpuPercent }],
      })
    it('names a process using most of the CPU', () => {
      const finding = only(topCpu('Teams.exe', 4242, 87), 'cpu-hog:Teams.exe')
      expect(finding.explanation.de).toContain('87 %')
      expect(finding.evidence).toEqual(['groups.os.processes.data.topCpu.0.cpuPercent'])
    })
    it("ignores moderate load and Windows' idle process", () => {
      expect(ids(topCpu('Teams.exe', 4242, 40))).toEqual([])
      expect(ids(topCpu('System Idle Process', 0, 95))).toEqual([])
    })
  })

  describe('missing devices', () => {
    it('says a named USB device is not detected', () => {
      const finding = only(healthy, 'device-missing:usb', { missingDevices: 'Yubikey token' })
      expect(finding.severity).toBe('warning')
      expect(finding.tags).toEqual(expect.arrayContaining(['usb', 'peripheral-missing']))
    })
    it('says a named device is detected when the machine sees it', () => {
      const finding = only(healthy, 'device-detected:usb', { missingDevices: 'Meine Logitech Maus geht nicht' })
      expect(finding.severity).toBe('info')
      expect(finding.evidence).toEqual(['groups.peripherals.usb.data.0'])
    })
    it('checks displays when the user talks about a monitor', () => {
      expect(only(healthy, 'device-detected:display', { missingDevices: 'Dell monitor' }).explanation.en).toContain(
        'DELL U2720Q',
      )
      expect(only(healthy, 'device-missing:display', { missingDevices: 'Samsung Bildschirm' }).severity).toBe('warning')
      const onlyBuiltin = withData(healthy, 'peripherals', 'displays', [
        data(healthy.groups.peripherals.displays.data)[0]!,
      ])
      expect(only(onlyBuiltin, 'device-missing:display', { missingDevices: 'second monitor' }).tags).toContain(
        'display',
      )
      expect(ids(healthy, { missingDevices: 'the second monitor' })).toEqual(['device-detected:display'])
    })
    it('stays quiet when the user names nothing', () => {
      expect(ids(healthy, { missingDevices: '   ' })).toEqual([])
      expect(ids(healthy, {})).toEqual([])
    })
  })
})
