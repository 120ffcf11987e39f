import type { DiagnosticsProgressEvent } from '@shared/api/contract'
import type { GetHelpApi } from '@shared/api/bridge'
import type { RedactionOptions } from '@shared/diagnostics/redact'
import type { BrowserInfo, DiagnosticsUpload } from '@shared/gethelp'

function browserInfo(): BrowserInfo {
  return {
    userAgent: navigator.userAgent,
    language: navigator.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    screen: { width: screen.width, height: screen.height, pixelRatio: window.devicePixelRatio || 1 },
    online: navigator.onLine,
  }
}

function desktopApi(): GetHelpApi | null {
  const bridge = window.firstline as Partial<GetHelpApi> | undefined
  return bridge?.diagnostics && bridge.events ? (bridge as GetHelpApi) : null
}

export const hasDesktopDiagnostics = (): boolean => desktopApi() !== null

/**
 * Gathers diagnostics where the page runs: the full snapshot from the desktop client's main
 * process, or what a browser can tell about itself. Nothing is sent anywhere here.
 */
export async function collectDiagnostics(
  options: RedactionOptions,
  onProgress: (progress: DiagnosticsProgressEvent) => void,
): Promise<DiagnosticsUpload> {
  const api = desktopApi()
  if (!api) return { kind: 'browser', info: browserInfo() }
  const unsubscribe = api.events.on('diagnostics.progress', onProgress)
  try {
    const result = await api.diagnostics.snapshot(options)
    if (!result.ok) throw new Error(result.error)
    return { kind: 'desktop', snapshot: result.value }
  } finally {
    unsubscribe()
  }
}
