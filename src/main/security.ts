import type { WebContents, WebPreferences } from 'electron'
import { externalUrlSchema } from '@shared/api/contract'

/** Renderer settings for every Firstline window: no Node in pages, isolated and sandboxed preloads. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

/**
 * A page URL is ours when it is a file inside the built renderer folder, or (in development)
 * on the dev server's origin. Used both for navigation and to check IPC senders.
 */
export function createOriginCheck(rendererDir: string, devServerUrl?: string): (url: string | null) => boolean {
  const rendererRoot = new URL(`file://${rendererDir.endsWith('/') ? rendererDir : `${rendererDir}/`}`)
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null
  return (url) => {
    if (!url) return false
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return false
    }
    if (parsed.protocol === 'file:') return parsed.pathname.startsWith(rendererRoot.pathname)
    return devOrigin !== null && parsed.origin === devOrigin
  }
}

export function isExternalLink(url: string): boolean {
  return externalUrlSchema.safeParse(url).success
}

type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>

/**
 * Locks a page in: no new windows (https links go to the system browser instead), no navigation
 * or redirect away from our own pages, no webviews.
 */
export function hardenWebContents(
  contents: HardenableContents,
  isOwnPage: (url: string | null) => boolean,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) openExternal(url)
    return { action: 'deny' }
  })
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!isOwnPage(url)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
