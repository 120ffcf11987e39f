import { z } from 'zod'
import { count, flag, list, text } from './common'

export const systemDataSchema = z.object({
  manufacturer: text,
  model: text,
  version: text,
  serial: text,
  sku: text,
  virtual: flag,
  bios: z.object({ vendor: text, version: text, releaseDate: text, serial: text }),
  baseboard: z.object({ manufacturer: text, model: text, serial: text }),
  chassis: z.object({ manufacturer: text, type: text, serial: text, assetTag: text }),
})

export const cpuDataSchema = z.object({
  manufacturer: text,
  brand: text,
  cores: count,
  physicalCores: count,
  speedGHz: count,
  virtualization: flag,
})

export const memoryDataSchema = z.object({
  totalBytes: z.number().nonnegative(),
  availableBytes: count,
  usedBytes: count,
  swapTotalBytes: count,
  swapUsedBytes: count,
  layout: list(
    z.object({
      sizeBytes: count,
      bank: text,
      type: text,
      clockSpeedMHz: count,
      formFactor: text,
      manufacturer: text,
      partNumber: text,
      serial: text,
    }),
    64,
  ),
})

export const batteryDataSchema = z.object({
  hasBattery: z.boolean(),
  percent: count,
  isCharging: flag,
  acConnected: flag,
  designedCapacity: count,
  maxCapacity: count,
  capacityUnit: text,
  /** maxCapacity as a share of designedCapacity, 0–100; null when either is unknown. */
  healthPercent: count,
  cycleCount: count,
  manufacturer: text,
  model: text,
  serial: text,
})

export const graphicsDataSchema = z.object({
  controllers: list(z.object({ vendor: text, model: text, vramMB: count, driverVersion: text }), 16),
})

export const disksDataSchema = list(
  z.object({
    device: text,
    type: text,
    name: text,
    vendor: text,
    sizeBytes: count,
    interfaceType: text,
    serial: text,
    /** 'Ok', 'Predicted Failure', … as the OS reports it; null where SMART is not readable. */
    smartStatus: text,
    temperatureC: count,
  }),
  64,
)

export const fileSystemsDataSchema = list(
  z.object({
    fs: text,
    type: text,
    mount: text,
    sizeBytes: count,
    usedBytes: count,
    availableBytes: count,
    usePercent: count,
  }),
)
