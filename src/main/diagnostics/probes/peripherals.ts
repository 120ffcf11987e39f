import { bool, num, positive, text } from '../normalize'
import type { GroupProbes } from './context'

export const peripheralProbes: GroupProbes<'peripherals'> = {
  usb: async ({ si }) =>
    (await si.usb()).slice(0, 256).map((device) => ({
      name: text(device.name),
      type: text(device.type),
      vendor: text(device.vendor),
      manufacturer: text(device.manufacturer),
      removable: bool(device.removable),
      serial: text(device.serialNumber),
    })),

  printers: async ({ si }) =>
    (await si.printer()).slice(0, 64).map((printer) => ({
      name: text(printer.name),
      model: text(printer.model),
      status: text(printer.status),
      isDefault: printer.default === true,
      local: bool(printer.local),
      shared: bool(printer.shared),
    })),

  audio: async ({ si }) =>
    (await si.audio()).slice(0, 64).map((device) => ({
      name: text(device.name),
      manufacturer: text(device.manufacturer),
      type: text(device.type),
      isDefault: bool(device.default),
      status: text(device.status),
      input: bool(device.in),
      output: bool(device.out),
    })),

  bluetooth: async ({ si }) =>
    (await si.bluetoothDevices()).slice(0, 64).map((device) => ({
      name: text(device.name),
      type: text(device.type),
      manufacturer: text(device.manufacturer),
      connected: bool(device.connected),
      batteryPercent: num(device.batteryPercent),
    })),

  displays: async ({ graphics }) =>
    (await graphics()).displays.slice(0, 16).map((display) => ({
      vendor: text(display.vendor),
      model: text(display.model),
      deviceName: text(display.deviceName),
      main: bool(display.main),
      builtin: bool(display.builtin),
      connection: text(display.connection),
      resolutionX: positive(display.currentResX) ?? positive(display.resolutionX),
      resolutionY: positive(display.currentResY) ?? positive(display.resolutionY),
      refreshRateHz: positive(display.currentRefreshRate),
      serial: text(display.serial),
    })),
}
