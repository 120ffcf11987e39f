/** Services worth a glance per platform: printing, name resolution, updates, protection. */
export function defaultServices(platform: NodeJS.Platform): string[] {
  switch (platform) {
    case 'win32':
      return ['Spooler', 'Dnscache', 'WinDefend', 'wuauserv', 'BITS', 'W32Time']
    case 'darwin':
      return ['cupsd', 'mDNSResponder', 'softwareupdated']
    default:
      return ['cups', 'NetworkManager', 'systemd-resolved', 'systemd-timesyncd']
  }
}

/** Runtimes that line-of-business software commonly depends on (names as systeminformation knows them). */
export const defaultSoftware = ['openssl', 'java', 'python3', 'dotnet', 'powershell'] as const

// Generous on purpose: on Windows several probes go through PowerShell and take seconds.
// A probe that hangs costs at most this long; the others are not held up by it.
export const DEFAULT_PROBE_BUDGET_MS = 4000
export const DEFAULT_HUB_BUDGET_MS = 2000
