import { externalUrlSchema, type AppKind } from '@shared/api/contract'
import { fail, ok } from '@shared/result'
import type { AppApi } from './index'

/** The browser stand-in for the preload API: the page was served by the hub it talks to. */
export function webApi(kind: AppKind): AppApi {
  return {
    app: {
      info: async () =>
        ok({
          kind,
          version: import.meta.env.VITE_APP_VERSION ?? 'web',
          platform: 'web',
          hubUrl: window.location.origin,
          locale: navigator.language,
        }),
      openExternal: async (url: string) => {
        if (!externalUrlSchema.safeParse(url).success) return fail('app.openExternal: only https links open')
        window.open(url, '_blank', 'noopener,noreferrer')
        return ok(null)
      },
    },
  }
}
