import type { FirstlineApi } from '@shared/api/bridge'
import type { AppInfo, AppKind } from '@shared/api/contract'
import { appInfoSchema } from '@shared/api/contract'
import { webApi } from './web'

export type AppApi = Pick<FirstlineApi, 'app'>

/**
 * The one place that knows where the renderer runs: inside Electron the preload has put
 * `window.firstline` there; in a browser the web implementation serves instead.
 */
export function getPlatform(kind: AppKind): { runtime: 'electron' | 'web'; api: AppApi } {
  const bridge = window.firstline
  return bridge ? { runtime: 'electron', api: bridge } : { runtime: 'web', api: webApi(kind) }
}

/** App facts, checked against the contract even though they come from our own main process. */
export async function loadAppInfo(kind: AppKind): Promise<AppInfo> {
  const result = await getPlatform(kind).api.app.info()
  if (!result.ok) throw new Error(result.error)
  return appInfoSchema.parse(result.value)
}
