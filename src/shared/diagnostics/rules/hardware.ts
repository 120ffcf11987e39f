import type { Finding, Rule } from '../findings'
import { dataOf, evidence, formatBytes, percent } from './helpers'

export const DISK_FULL_PERCENT = 90
export const DISK_CRITICAL_PERCENT = 97
export const MEMORY_AVAILABLE_WARNING = 0.1
export const MEMORY_AVAILABLE_CRITICAL = 0.05
export const BATTERY_WORN_PERCENT = 60

// Read-only images are always "full" by design: snaps, ISO and DVD mounts.
const alwaysFullTypes = new Set(['squashfs', 'iso9660', 'udf', 'cramfs', 'erofs'])

const diskFull: Rule = (snapshot) =>
  (dataOf(snapshot, 'hardware', 'fileSystems') ?? []).flatMap((fs, index): Finding[] => {
    if (fs.usePercent === null || fs.usePercent <= DISK_FULL_PERCENT) return []
    if (alwaysFullTypes.has((fs.type ?? '').toLowerCase()) || (fs.mount ?? '').startsWith('/snap/')) return []
    const mount = fs.mount ?? fs.fs ?? '?'
    const used = percent(fs.usePercent)
    const free = fs.availableBytes === null ? null : formatBytes(fs.availableBytes)
    return [
      {
        id: `disk-full:${mount}`,
        severity: fs.usePercent >= DISK_CRITICAL_PERCENT ? 'critical' : 'warning',
        group: 'hardware',
        title: { en: `Drive ${mount} is almost full`, de: `Laufwerk ${mount} ist fast voll` },
        explanation: {
          en: `${used.en} of ${mount} is in use${free ? `, only ${free} free` : ''}. Programs may fail to save files or install updates.`,
          de: `${used.de} von ${mount} sind belegt${free ? `, nur noch ${free} frei` : ''}. Programme können Dateien oder Updates dann nicht mehr speichern.`,
        },
        tags: ['disk-full', 'storage', 'disk'],
        evidence: [
          evidence('hardware', 'fileSystems', index, 'usePercent'),
          evidence('hardware', 'fileSystems', index, 'availableBytes'),
        ],
      },
    ]
  })

const diskFailing: Rule = (snapshot) =>
  (dataOf(snapshot, 'hardware', 'disks') ?? []).flatMap((disk, index): Finding[] => {
    if (!disk.smartStatus || !/fail|predict|bad/i.test(disk.smartStatus)) return []
    const name = disk.name ?? disk.device ?? '?'
    return [
      {
        id: `disk-smart:${disk.device ?? index}`,
        severity: 'critical',
        group: 'hardware',
        title: { en: `Drive ${name} reports a fault`, de: `Laufwerk ${name} meldet einen Defekt` },
        explanation: {
          en: `The drive's self-test says "${disk.smartStatus}". Back up the data now and plan a replacement.`,
          de: `Der Selbsttest des Laufwerks meldet „${disk.smartStatus}“. Jetzt die Daten sichern und einen Austausch planen.`,
        },
        tags: ['disk-failure', 'smart', 'disk', 'hardware-replacement'],
        evidence: [evidence('hardware', 'disks', index, 'smartStatus')],
      },
    ]
  })

const memoryPressure: Rule = (snapshot) => {
  const memory = dataOf(snapshot, 'hardware', 'memory')
  if (!memory || memory.availableBytes === null || memory.totalBytes <= 0) return []
  const share = memory.availableBytes / memory.totalBytes
  if (share >= MEMORY_AVAILABLE_WARNING) return []
  const used = percent((1 - share) * 100)
  return [
    {
      id: 'memory-pressure',
      severity: share < MEMORY_AVAILABLE_CRITICAL ? 'critical' : 'warning',
      group: 'hardware',
      title: { en: 'Memory is nearly exhausted', de: 'Der Arbeitsspeicher ist fast voll' },
      explanation: {
        en: `${used.en} of the memory is in use (${formatBytes(memory.availableBytes)} left). The computer slows down; closing unused programs helps.`,
        de: `${used.de} des Arbeitsspeichers sind belegt (${formatBytes(memory.availableBytes)} frei). Der Rechner wird langsam; nicht benötigte Programme schließen hilft.`,
      },
      tags: ['memory', 'performance', 'slow-computer'],
      evidence: [evidence('hardware', 'memory', 'availableBytes'), evidence('hardware', 'memory', 'totalBytes')],
    },
  ]
}

const batteryWorn: Rule = (snapshot) => {
  const battery = dataOf(snapshot, 'hardware', 'battery')
  if (!battery?.hasBattery || !battery.designedCapacity || !battery.maxCapacity) return []
  const health = (battery.maxCapacity / battery.designedCapacity) * 100
  if (health >= BATTERY_WORN_PERCENT) return []
  const left = percent(health)
  return [
    {
      id: 'battery-worn',
      severity: 'warning',
      group: 'hardware',
      title: { en: 'The battery is worn out', de: 'Der Akku ist verschlissen' },
      explanation: {
        en: `The battery holds only ${left.en} of its original charge${battery.cycleCount ? ` after ${battery.cycleCount} cycles` : ''}. It will run down quickly; a replacement is due.`,
        de: `Der Akku fasst nur noch ${left.de} seiner ursprünglichen Ladung${battery.cycleCount ? ` nach ${battery.cycleCount} Ladezyklen` : ''}. Er ist schnell leer; ein Austausch ist fällig.`,
      },
      tags: ['battery', 'hardware-replacement'],
      evidence: [
        evidence('hardware', 'battery', 'maxCapacity'),
        evidence('hardware', 'battery', 'designedCapacity'),
        evidence('hardware', 'battery', 'cycleCount'),
      ],
    },
  ]
}

export const hardwareRules: readonly Rule[] = [diskFull, diskFailing, memoryPressure, batteryWorn]
