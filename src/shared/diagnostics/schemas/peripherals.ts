import { z } from 'zod'
import { count, flag, list, text } from './common'

export const usbDataSchema = list(
  z.object({ name: text, type: text, vendor: text, manufacturer: text, removable: flag, serial: text }),
)

export const printersDataSchema = list(
  z.object({ name: text, model: text, status: text, isDefault: z.boolean(), local: flag, shared: flag }),
  64,
)

export const audioDataSchema = list(
  z.object({ name: text, manufacturer: text, type: text, isDefault: flag, status: text, input: flag, output: flag }),
  64,
)

export const bluetoothDataSchema = list(
  z.object({ name: text, type: text, manufacturer: text, connected: flag, batteryPercent: count }),
  64,
)

export const displaysDataSchema = list(
  z.object({
    vendor: text,
    model: text,
    deviceName: text,
    main: flag,
    builtin: flag,
    connection: text,
    resolutionX: count,
    resolutionY: count,
    refreshRateHz: count,
    serial: text,
  }),
  16,
)
