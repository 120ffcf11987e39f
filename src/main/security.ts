import type { WebContents, WebPreferences } from 'electron'
import { consoleOnlyChannels, getHelpOnlyChannels } from '@shared/api/bridge'
import { externalUrlSchema, type AppKind, type IpcChannel } from '@shared/api/contract'

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

/** Whether a URL is one of our own pages and the page of the given app kind. */
export function isAppPage(url: string | null, kind: AppKind, isOwnPage: (url: string | null) => boolean): boolean {
  if (!url || !isOwnPage(url)) return false
  return new URL(url).pathname.endsWith(`/${kind}.html`)
}

/**
 * Who may call a channel: every channel needs one of our own pages, the channels that reach the
 * user's screen and input need the Get Help page itself, and signing in needs the Console page.
 */
export function createSenderCheck(
  isOwnPage: (url: string | null) => boolean,
): (url: string | null, channel: IpcChannel) => boolean {
  return (url, channel) =>
    isOwnPage(url) &&
    (!getHelpOnlyChannels.includes(channel) || isAppPage(url, 'gethelp', isOwnPage)) &&
    (!consoleOnlyChannels.includes(channel) || isAppPage(url, 'console', isOwnPage))
}

interface PermissionDetails {
  requestingUrl?: string
  isMainFrame: boolean
  mediaTypes?: Array<'video' | 'audio'>
  mediaType?: 'video' | 'audio' | 'unknown'
}

/**
 * The one permission Firstline grants: screen capture (video only) for the Get Help page's own
 * top frame. Everything else, for every page, is denied. Which screen is shared is decided by the
 * display-media handler, after the user picked it.
 */
export function createPermissionRules(isGetHelpPage: (url: string | null) => boolean) {
  const allowed = (permission: string, details: PermissionDetails, fallbackUrl: string | null) =>
    permission === 'display-capture' &&
    details.isMainFrame &&
    isGetHelpPage(details.requestingUrl ?? fallbackUrl) &&
    !(details.mediaTypes ?? []).includes('audio') &&
    details.mediaType !== 'audio'
  return {
    request(
      contents: Pick<WebContents, 'getURL'>,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionDetails,
    ): void {
      callback(allowed(permission, details, contents.getURL()))
    },
    check(
      contents: Pick<WebContents, 'getURL'> | null,
      permission: string,
      _origin: string,
      details: PermissionDetails,
    ): boolean {
      return allowed(permission, details, contents?.getURL() ?? null)
    },
  }
}
