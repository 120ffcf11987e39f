import { bool, num, optional, positive, text } from '../normalize'
import type { GroupProbes } from './context'

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits

export const hardwareProbes: GroupProbes<'hardware'> = {
  system: async ({ si }) => {
    const [system, bios, baseboard, chassis] = await Promise.all([
      si.system(),
      optional(si.bios(), null),
      optional(si.baseboard(), null),
      optional(si.chassis(), null),
    ])
    return {
      manufacturer: text(system.manufacturer),
      model: text(system.model),
      version: text(system.version),
      serial: text(system.serial),
      sku: text(system.sku),
      virtual: bool(system.virtual),
      bios: {
        vendor: text(bios?.vendor),
        version: text(bios?.version),
        releaseDate: text(bios?.releaseDate),
        serial: text(bios?.serial),
      },
      baseboard: {
        manufacturer: text(baseboard?.manufacturer),
        model: text(baseboard?.model),
        serial: text(baseboard?.serial),
      },
      chassis: {
        manufacturer: text(chassis?.manufacturer),
        type: text(chassis?.type),
        serial: text(chassis?.serial),
        assetTag: text(chassis?.assetTag),
      },
    }
  },

  cpu: async ({ si }) => {
    const cpu = await si.cpu()
    return {
      manufacturer: text(cpu.manufacturer),
      brand: text(cpu.brand),
      cores: positive(cpu.cores),
      physicalCores: positive(cpu.physicalCores),
      speedGHz: positive(cpu.speed),
      virtualization: bool(cpu.virtualization),
    }
  },

  memory: async ({ si }) => {
    const [mem, layout] = await Promise.all([si.mem(), optional(si.memLayout(), [])])
    const available = num(mem.available)
    return {
      totalBytes: mem.total,
      availableBytes: available,
      usedBytes: available === null ? num(mem.used) : mem.total - available,
      swapTotalBytes: num(mem.swaptotal),
      swapUsedBytes: num(mem.swapused),
      layout: layout.slice(0, 64).map((bank) => ({
        sizeBytes: positive(bank.size),
        bank: text(bank.bank),
        type: text(bank.type),
        clockSpeedMHz: positive(bank.clockSpeed),
        formFactor: text(bank.formFactor),
        manufacturer: text(bank.manufacturer),
        partNumber: text(bank.partNum),
        serial: text(bank.serialNum),
      })),
    }
  },

  battery: async ({ si }) => {
    const battery = await si.battery()
    const designed = positive(battery.designedCapacity)
    const max = positive(battery.maxCapacity)
    return {
      hasBattery: battery.hasBattery === true,
      percent: battery.hasBattery ? num(battery.percent) : null,
      isCharging: battery.hasBattery ? bool(battery.isCharging) : null,
      acConnected: bool(battery.acConnected),
      designedCapacity: designed,
      maxCapacity: max,
      capacityUnit: text(battery.capacityUnit),
      healthPercent: designed !== null && max !== null ? round((max / designed) * 100) : null,
      cycleCount: battery.hasBattery ? num(battery.cycleCount) : null,
      manufacturer: text(battery.manufacturer),
      model: text(battery.model),
      serial: text(battery.serial),
    }
  },

  graphics: async ({ graphics }) => {
    const { controllers } = await graphics()
    return {
      controllers: controllers.slice(0, 16).map((c) => ({
        vendor: text(c.vendor),
        model: text(c.model),
        vramMB: positive(c.vram),
        driverVersion: text(c.driverVersion),
      })),
    }
  },

  disks: async ({ si }) =>
    (await si.diskLayout()).slice(0, 64).map((disk) => ({
      device: text(disk.device),
      type: text(disk.type),
      name: text(disk.name),
      vendor: text(disk.vendor),
      sizeBytes: positive(disk.size),
      interfaceType: text(disk.interfaceType),
      serial: text(disk.serialNum),
      smartStatus: text(disk.smartStatus),
      temperatureC: num(disk.temperature),
    })),

  fileSystems: async ({ si }) =>
    (await si.fsSize()).slice(0, 256).map((fs) => ({
      fs: text(fs.fs),
      type: text(fs.type),
      mount: text(fs.mount),
      sizeBytes: num(fs.size),
      usedBytes: num(fs.used),
      availableBytes: num(fs.available),
      usePercent: num(fs.use),
    })),
}
