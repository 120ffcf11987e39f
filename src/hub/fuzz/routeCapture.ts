/**
 * Test support: records every route a Fastify app declares (method, url, schema), so the fuzz
 * suite covers a new route without being edited. Installed by mocking `fastify` in a test file.
 */
import type { RouteOptions } from 'fastify'

export interface DeclaredRoute {
  method: string
  url: string
  websocket: boolean
  schema: { body?: unknown; params?: unknown; querystring?: unknown }
}

let declared: DeclaredRoute[] = []

/** The routes of the newest app built since the mock was installed. */
export function declaredRoutes(): DeclaredRoute[] {
  return declared
}

/** Wraps the `fastify` module so each new app reports its routes through an onRoute hook. */
export function captureRoutes<M extends { default: (...args: never[]) => unknown }>(mod: M): M {
  const original = mod.default as unknown as (...args: unknown[]) => {
    addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown
  }
  const wrapped = (...args: unknown[]) => {
    const app = original(...args)
    const routes: DeclaredRoute[] = []
    declared = routes
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      for (const method of methods) {
        if (method === 'HEAD' || method === 'OPTIONS') continue
        routes.push({
          method,
          url: route.url,
          websocket: Boolean((route as { websocket?: boolean }).websocket),
          schema: (route.schema ?? {}) as DeclaredRoute['schema'],
        })
      }
    })
    return app
  }
  return { ...mod, default: Object.assign(wrapped, mod.default) }
}
