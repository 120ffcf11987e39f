import type { Rule } from '../findings'
import { dataOf, evidence, percent } from './helpers'

export const UPTIME_LIMIT_DAYS = 14
export const CLOCK_SKEW_WARNING_SECONDS = 60
// Kerberos and many sign-in services refuse clocks more than five minutes apart.
export const CLOCK_SKEW_CRITICAL_SECONDS = 300
export const CPU_HOG_PERCENT = 50

const longUptime: Rule = (snapshot) => {
  const clock = dataOf(snapshot, 'os', 'clock')
  if (!clock) return []
  const days = Math.floor(clock.uptimeSeconds / 86_400)
  if (days <= UPTIME_LIMIT_DAYS) return []
  return [
    {
      id: 'uptime-long',
      severity: 'info',
      group: 'os',
      title: { en: `Not restarted for ${days} days`, de: `Seit ${days} Tagen nicht neu gestartet` },
      explanation: {
        en: 'Updates may be waiting for a restart and small faults pile up. A restart is a good first step.',
        de: 'Updates warten womöglich auf einen Neustart und kleine Fehler sammeln sich an. Ein Neustart ist ein guter erster Schritt.',
      },
      tags: ['uptime', 'restart', 'updates'],
      evidence: [evidence('os', 'clock', 'uptimeSeconds')],
    },
  ]
}

const clockSkew: Rule = (snapshot, input) => {
  const clock = dataOf(snapshot, 'os', 'clock')
  const hubTime = input.hubTime ?? dataOf(snapshot, 'network', 'hub')?.hubTime ?? undefined
  if (!clock || hubTime === undefined) return []
  const skewSeconds = (Date.parse(clock.now) - new Date(hubTime).getTime()) / 1000
  if (!Number.isFinite(skewSeconds) || Math.abs(skewSeconds) <= CLOCK_SKEW_WARNING_SECONDS) return []
  const minutes = Math.max(1, Math.round(Math.abs(skewSeconds) / 60))
  const ahead = skewSeconds > 0
  return [
    {
      id: 'clock-skew',
      severity: Math.abs(skewSeconds) > CLOCK_SKEW_CRITICAL_SECONDS ? 'critical' : 'warning',
      group: 'os',
      title: {
        en: `The clock is ${minutes} min ${ahead ? 'fast' : 'slow'}`,
        de: `Die Uhr geht ${minutes} Min. ${ahead ? 'vor' : 'nach'}`,
      },
      explanation: {
        en: 'A wrong clock breaks sign-ins, certificates and calendar invites. Turn on automatic time setting.',
        de: 'Eine falsche Uhrzeit stört Anmeldungen, Zertifikate und Kalendereinladungen. Die automatische Zeiteinstellung einschalten.',
      },
      tags: ['clock', 'time-sync', 'certificate', 'login'],
      evidence: [
        evidence('os', 'clock', 'now'),
        ...(input.hubTime === undefined ? [evidence('network', 'hub', 'hubTime')] : []),
      ],
    },
  ]
}

const cpuHog: Rule = (snapshot) => {
  const top = dataOf(snapshot, 'os', 'processes')?.topCpu ?? []
  // Windows lists idle time as a process of its own.
  const index = top.findIndex((p) => p.pid !== 0 && !/idle/i.test(p.name) && (p.cpuPercent ?? 0) >= CPU_HOG_PERCENT)
  const hog = top[index]
  if (!hog || hog.cpuPercent === null) return []
  const share = percent(hog.cpuPercent)
  return [
    {
      id: `cpu-hog:${hog.name}`,
      severity: 'warning',
      group: 'os',
      title: { en: `${hog.name} is using most of the processor`, de: `${hog.name} belegt den Großteil des Prozessors` },
      explanation: {
        en: `${hog.name} takes ${share.en} of the processor, which slows everything else down. Closing or restarting it usually helps.`,
        de: `${hog.name} beansprucht ${share.de} des Prozessors und bremst alles andere. Das Programm zu schließen oder neu zu starten hilft meist.`,
      },
      tags: ['cpu', 'performance', 'slow-computer'],
      evidence: [evidence('os', 'processes', 'topCpu', index, 'cpuPercent')],
    },
  ]
}

export const osRules: readonly Rule[] = [longUptime, clockSkew, cpuHog]
