import { z } from 'zod'
import { count, flag, list, text } from './common'

export const interfacesDataSchema = list(
  z.object({
    name: z.string().max(256),
    displayName: text,
    up: z.boolean(),
    operstate: text,
    type: text,
    isDefault: z.boolean(),
    internal: flag,
    virtual: flag,
    ip4: text,
    ip4Subnet: text,
    ip6: text,
    mac: text,
    speedMbps: count,
    dhcp: flag,
  }),
  64,
)

export const gatewayDataSchema = z.object({ defaultGateway: text, defaultInterface: text })

export const dnsDataSchema = z.object({ servers: list(z.string().max(256), 32) })

export const wifiDataSchema = list(
  z.object({
    iface: text,
    ssid: text,
    signalDbm: count,
    quality: count,
    frequencyMHz: count,
    txRateMbps: count,
    security: text,
  }),
  8,
)

export const hubDataSchema = z.object({
  url: z.string().max(2048),
  reachable: z.boolean(),
  /** Time to the response headers of GET /health, including connection setup. */
  latencyMs: count,
  httpStatus: count,
  /** The hub's clock from its Date header (one-second resolution). */
  hubTime: z.iso.datetime({ offset: true }).nullable(),
  error: text,
})
