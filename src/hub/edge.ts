import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { FastifyInstance, FastifyRequest } from 'fastify'

/**
 * The web pages' policy: the Electron windows' CSP <meta> (console.html, gethelp.html), plus what
 * only a header can say (no framing). `connect-src` stays wide because the Console talks to the hub
 * it is given, by HTTP and WebSocket; Get Help's screen capture needs no directive.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'connect-src': ["'self'", 'http:', 'https:', 'ws:', 'wss:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
}

/**
 * Whether a browser page at `origin` may read the hub's answers: the hub's own pages, the desktop
 * app (`file://` pages send `Origin: null`) and the origins a deployment lists. Requests without
 * an Origin are not cross-origin browser requests and need no CORS headers.
 */
export function isAllowedOrigin(request: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return false
  if (origin === 'null' || allowedOrigins.includes(origin)) return true
  try {
    // Same host as the request was sent to: the web Console served by this hub, also behind a TLS proxy.
    return new URL(origin).host === request.headers.host
  } catch {
    return false
  }
}

/** Security headers on every answer and CORS limited to the allowed origins. */
export async function registerEdge(app: FastifyInstance, allowedOrigins: readonly string[]): Promise<void> {
  await app.register(helmet, {
    // Without helmet's defaults: they add upgrade-insecure-requests, which breaks a hub served on plain loopback HTTP.
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    frameguard: { action: 'deny' },
  })
  // Sign-in is by bearer token, never cookies: no credentials mode.
  await app.register(cors, {
    delegator: (request, callback) =>
      callback(null, {
        origin: isAllowedOrigin(request, allowedOrigins) ? request.headers.origin! : false,
        credentials: false,
        exposedHeaders: ['Retry-After'],
      }),
  })
}
