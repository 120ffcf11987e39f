import { bool, num, positive, text } from '../normalize'
import type { GroupProbes } from './context'
import { probeHub } from './hubReachability'

// The hub probe stops itself a little before its budget so it can still report why it failed.
const HUB_MARGIN_MS = 50

export const networkProbes: GroupProbes<'network'> = {
  interfaces: async ({ si }) =>
    (await si.networkInterfaces()).slice(0, 64).map((nic) => ({
      name: nic.iface.slice(0, 256),
      displayName: text(nic.ifaceName),
      up: nic.operstate === 'up',
      operstate: text(nic.operstate),
      type: text(nic.type),
      isDefault: nic.default === true,
      internal: bool(nic.internal),
      virtual: bool(nic.virtual),
      ip4: text(nic.ip4),
      ip4Subnet: text(nic.ip4subnet),
      ip6: text(nic.ip6),
      mac: text(nic.mac),
      speedMbps: positive(nic.speed),
      dhcp: bool(nic.dhcp),
    })),

  gateway: async ({ si }) => {
    const [gateway, iface] = await Promise.all([si.networkGatewayDefault(), si.networkInterfaceDefault()])
    return { defaultGateway: text(gateway), defaultInterface: text(iface) }
  },

  dns: async ({ dnsServers }) => ({ servers: dnsServers().slice(0, 32) }),

  wifi: async ({ si }) =>
    (await si.wifiConnections()).slice(0, 8).map((wifi) => ({
      iface: text(wifi.iface),
      ssid: text(wifi.ssid),
      signalDbm: num(wifi.signalLevel),
      quality: num(wifi.quality),
      frequencyMHz: positive(wifi.frequency),
      txRateMbps: positive(wifi.txRate),
      security: text(wifi.security),
    })),

  hub: ({ hubUrl, fetch, budgetMs }) => probeHub(hubUrl, fetch, Math.max(HUB_MARGIN_MS, budgetMs - HUB_MARGIN_MS)),
}
