import type { ProbeData, ProbeGroup, ProbeName, ProbeResult, ProbeStatus, Snapshot } from './snapshot'

// Test helper: a healthy laptop at a fixed time. Tests change one thing and look at what follows.

export const FIXTURE_NOW = '2025-03-14T09:30:00.000Z'

const ok = <T>(data: T): ProbeResult<T> & { data: T } => ({ status: 'ok', durationMs: 12, data })

export function fixtureSnapshot(): Snapshot {
  return {
    version: 1,
    capturedAt: FIXTURE_NOW,
    durationMs: 420,
    masked: { userNames: false, serials: false },
    groups: {
      hardware: {
        system: ok({
          manufacturer: 'LENOVO',
          model: '20XW0055GE',
          version: 'ThinkPad X1 Carbon Gen 9',
          serial: 'PF2ABCDE',
          sku: 'LENOVO_MT_20XW',
          virtual: false,
          bios: { vendor: 'LENOVO', version: 'N32ET86W (1.62 )', releaseDate: '2023-05-10', serial: 'PF2ABCDE' },
          baseboard: { manufacturer: 'LENOVO', model: '20XW0055GE', serial: 'L1HF12345' },
          chassis: { manufacturer: 'LENOVO', type: 'Notebook', serial: 'PF2ABCDE', assetTag: 'IT-0042' },
        }),
        cpu: ok({
          manufacturer: 'Intel',
          brand: 'Core™ i7-1165G7',
          cores: 8,
          physicalCores: 4,
          speedGHz: 2.8,
          virtualization: true,
        }),
        memory: ok({
          totalBytes: 16 * 2 ** 30,
          availableBytes: 8 * 2 ** 30,
          usedBytes: 8 * 2 ** 30,
          swapTotalBytes: 2 * 2 ** 30,
          swapUsedBytes: 0,
          layout: [
            {
              sizeBytes: 16 * 2 ** 30,
              bank: 'BANK 0',
              type: 'LPDDR4',
              clockSpeedMHz: 4267,
              formFactor: 'Row of chips',
              manufacturer: 'Samsung',
              partNumber: 'K4UBE3D4AA-MGCL',
              serial: '00000000',
            },
          ],
        }),
        battery: ok({
          hasBattery: true,
          percent: 80,
          isCharging: false,
          acConnected: false,
          designedCapacity: 57000,
          maxCapacity: 51300,
          capacityUnit: 'mWh',
          healthPercent: 90,
          cycleCount: 120,
          manufacturer: 'SMP',
          model: '5B10W13975',
          serial: '1234',
        }),
        graphics: ok({
          controllers: [{ vendor: 'Intel Corporation', model: 'Iris Xe Graphics', vramMB: 128, driverVersion: null }],
        }),
        disks: ok([
          {
            device: '/dev/nvme0n1',
            type: 'NVMe',
            name: 'SAMSUNG MZVL2512HCJQ',
            vendor: 'Samsung',
            sizeBytes: 512_110_190_592,
            interfaceType: 'PCIe',
            serial: 'S64KNX0R123456',
            smartStatus: 'Ok',
            temperatureC: 38,
          },
        ]),
        fileSystems: ok([
          {
            fs: '/dev/nvme0n1p2',
            type: 'ext4',
            mount: '/',
            sizeBytes: 500_000_000_000,
            usedBytes: 200_000_000_000,
            availableBytes: 300_000_000_000,
            usePercent: 40,
          },
          {
            fs: '/dev/loop3',
            type: 'squashfs',
            mount: '/snap/core22/1380',
            sizeBytes: 77_000_000,
            usedBytes: 77_000_000,
            availableBytes: 0,
            usePercent: 100,
          },
        ]),
      },
      peripherals: {
        usb: ok([
          {
            name: 'USB Receiver',
            type: 'Mouse',
            vendor: 'Logitech, Inc.',
            manufacturer: 'Logitech',
            removable: true,
            serial: null,
          },
          {
            name: 'Integrated Camera',
            type: 'Camera',
            vendor: 'Chicony Electronics',
            manufacturer: 'Chicony',
            removable: false,
            serial: '0001',
          },
        ]),
        printers: ok([
          {
            name: 'HP_LaserJet_M404',
            model: 'HP LaserJet Pro M404',
            status: 'idle',
            isDefault: true,
            local: false,
            shared: false,
          },
        ]),
        audio: ok([
          {
            name: 'Tiger Lake-LP Smart Sound',
            manufacturer: 'Intel',
            type: 'Speaker',
            isDefault: true,
            status: 'online',
            input: true,
            output: true,
          },
        ]),
        bluetooth: ok([
          { name: 'Jabra Evolve2 65', type: 'Headset', manufacturer: 'GN Audio', connected: true, batteryPercent: 70 },
        ]),
        displays: ok([
          {
            vendor: 'Lenovo',
            model: 'Built-in display',
            deviceName: 'eDP-1',
            main: true,
            builtin: true,
            connection: 'Internal',
            resolutionX: 1920,
            resolutionY: 1200,
            refreshRateHz: 60,
            serial: null,
          },
          {
            vendor: 'Dell',
            model: 'DELL U2720Q',
            deviceName: 'DP-2',
            main: false,
            builtin: false,
            connection: 'DisplayPort',
            resolutionX: 3840,
            resolutionY: 2160,
            refreshRateHz: 60,
            serial: 'CN0ABC123',
          },
        ]),
      },
      os: {
        info: ok({
          platform: 'linux',
          distro: 'Ubuntu',
          release: '24.04.1 LTS',
          build: null,
          codename: 'noble',
          kernel: '6.8.0-45-generic',
          arch: 'x64',
          hostname: 'pc-0042',
        }),
        clock: ok({ now: FIXTURE_NOW, uptimeSeconds: 2 * 86_400, timeZone: 'Europe/Berlin', utcOffsetMinutes: 60 }),
        users: ok([{ user: 'anna', terminal: 'tty2', loginAt: '2025-03-12 08:01', remoteHost: null }]),
        processes: ok({
          total: 312,
          running: 2,
          topCpu: [
            { pid: 2211, name: 'firefox', user: 'anna', cpuPercent: 9.5, memPercent: 6.1, memRssBytes: 1_000_000_000 },
            { pid: 1502, name: 'gnome-shell', user: 'anna', cpuPercent: 3.2, memPercent: 2, memRssBytes: 330_000_000 },
          ],
          topMemory: [
            { pid: 2211, name: 'firefox', user: 'anna', cpuPercent: 9.5, memPercent: 6.1, memRssBytes: 1_000_000_000 },
          ],
        }),
        services: ok([{ name: 'cups', running: true, startMode: 'enabled' }]),
        software: ok({ openssl: '3.0.13', python3: '3.12.3' }),
      },
      network: {
        interfaces: ok([
          {
            name: 'wlp0s20f3',
            displayName: 'wlp0s20f3',
            up: true,
            operstate: 'up',
            type: 'wireless',
            isDefault: true,
            internal: false,
            virtual: false,
            ip4: '192.168.1.23',
            ip4Subnet: '255.255.255.0',
            ip6: 'fe80::1c2d:3e4f:5a6b:7c8d',
            mac: 'a4:b1:c1:00:11:22',
            speedMbps: 866,
            dhcp: true,
          },
        ]),
        gateway: ok({ defaultGateway: '192.168.1.1', defaultInterface: 'wlp0s20f3' }),
        dns: ok({ servers: ['192.168.1.1'] }),
        wifi: ok([
          {
            iface: 'wlp0s20f3',
            ssid: 'Office',
            signalDbm: -52,
            quality: 96,
            frequencyMHz: 5180,
            txRateMbps: 866,
            security: 'WPA2',
          },
        ]),
        hub: ok({
          url: 'https://hub.example.test',
          reachable: true,
          latencyMs: 24,
          httpStatus: 200,
          hubTime: FIXTURE_NOW,
          error: null,
        }),
      },
    },
  }
}

/** A copy of `snapshot` whose probe `group.probe` reported `data`. */
export function withData<G extends ProbeGroup, P extends ProbeName<G>>(
  snapshot: Snapshot,
  group: G,
  probe: P,
  data: ProbeData<G, P>,
): Snapshot {
  return withProbe(snapshot, group, probe, { status: 'ok', durationMs: 12, data })
}

/** A copy of `snapshot` whose probe `group.probe` ended without data. */
export function withStatus<G extends ProbeGroup>(
  snapshot: Snapshot,
  group: G,
  probe: ProbeName<G>,
  status: Exclude<ProbeStatus, 'ok'>,
): Snapshot {
  return withProbe(snapshot, group, probe, {
    status,
    durationMs: 900,
    error: status === 'timeout' ? 'no answer within 900 ms' : 'probe failed',
  })
}

function withProbe(snapshot: Snapshot, group: ProbeGroup, probe: string, result: ProbeResult<unknown>): Snapshot {
  const copy = structuredClone(snapshot)
  ;(copy.groups[group] as Record<string, ProbeResult<unknown>>)[probe] = result
  return copy
}
