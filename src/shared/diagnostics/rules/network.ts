import type { Rule } from '../findings'
import { dataOf, evidence } from './helpers'

export const HUB_SLOW_MS = 300

const noGateway: Rule = (snapshot) => {
  const gateway = dataOf(snapshot, 'network', 'gateway')
  if (!gateway || gateway.defaultGateway) return []
  return [
    {
      id: 'no-gateway',
      severity: 'critical',
      group: 'network',
      title: { en: 'No connection to the network router', de: 'Keine Verbindung zum Router' },
      explanation: {
        en: 'The computer has no default gateway, so it cannot reach anything outside its own network. Check the cable or Wi-Fi, or reconnect the VPN.',
        de: 'Der Rechner hat kein Standard-Gateway und erreicht nichts außerhalb des eigenen Netzes. Kabel oder WLAN prüfen oder das VPN neu verbinden.',
      },
      tags: ['network', 'gateway', 'offline', 'vpn', 'wifi'],
      evidence: [evidence('network', 'gateway', 'defaultGateway')],
    },
  ]
}

const noDns: Rule = (snapshot) => {
  const dns = dataOf(snapshot, 'network', 'dns')
  if (!dns || dns.servers.length > 0) return []
  return [
    {
      id: 'no-dns',
      severity: 'critical',
      group: 'network',
      title: { en: 'No name server configured', de: 'Kein Namensserver eingerichtet' },
      explanation: {
        en: 'Without a DNS server, web addresses cannot be looked up, so websites and mail fail even when the network is up.',
        de: 'Ohne DNS-Server lassen sich Adressen nicht auflösen; Webseiten und E-Mail funktionieren nicht, obwohl das Netz steht.',
      },
      tags: ['network', 'dns'],
      evidence: [evidence('network', 'dns', 'servers')],
    },
  ]
}

const hubConnection: Rule = (snapshot) => {
  const probe = snapshot.groups.network.hub
  const hub = dataOf(snapshot, 'network', 'hub')
  if (probe.status === 'timeout' || (hub && !hub.reachable)) {
    return [
      {
        id: 'hub-unreachable',
        severity: 'critical',
        group: 'network',
        title: { en: 'The support server cannot be reached', de: 'Der Support-Server ist nicht erreichbar' },
        explanation: {
          en: `The computer got no answer from the support server${hub?.error ? ` (${hub.error})` : ''}. A firewall, proxy or a disconnected VPN is the usual cause.`,
          de: `Der Rechner bekam keine Antwort vom Support-Server${hub?.error ? ` (${hub.error})` : ''}. Meist sind Firewall, Proxy oder ein getrenntes VPN die Ursache.`,
        },
        tags: ['network', 'hub', 'vpn', 'firewall', 'proxy'],
        evidence: hub
          ? [evidence('network', 'hub', 'reachable'), evidence('network', 'hub', 'error')]
          : ['groups.network.hub.status'],
      },
    ]
  }
  if (!hub || hub.latencyMs === null || hub.latencyMs <= HUB_SLOW_MS) return []
  const ms = Math.round(hub.latencyMs)
  return [
    {
      id: 'hub-slow',
      severity: 'warning',
      group: 'network',
      title: {
        en: 'The connection to the support server is slow',
        de: 'Die Verbindung zum Support-Server ist langsam',
      },
      explanation: {
        en: `An answer took ${ms} ms (more than ${HUB_SLOW_MS} ms). Screen sharing may lag; a weak Wi-Fi signal or a busy VPN are common causes.`,
        de: `Eine Antwort dauerte ${ms} ms (mehr als ${HUB_SLOW_MS} ms). Die Bildschirmfreigabe kann ruckeln; häufige Ursachen sind schwaches WLAN oder ein ausgelastetes VPN.`,
      },
      tags: ['network', 'hub', 'slow-network', 'latency', 'wifi', 'vpn'],
      evidence: [evidence('network', 'hub', 'latencyMs')],
    },
  ]
}

export const networkRules: readonly Rule[] = [noGateway, noDns, hubConnection]
