import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loopbackCodeParam, loopbackErrorParam, oidcExchangeRequestSchema, ssoErrors } from '@shared/admin/signIn'
import type { SsoOutcome, SsoSignInRequest } from '@shared/api/contract'
import { closingPage } from './closingPage'

/** How long the system browser has to come back; the hub keeps a started sign-in for ten minutes. */
export const defaultSignInTimeoutMs = 5 * 60_000

export interface LoopbackSignInOptions {
  /** The hub the Console talks to; its start URL is where the browser goes. */
  hubUrl: string
  /** Opens the system browser (Electron's `shell.openExternal`). */
  openExternal(url: string): Promise<void>
  timeoutMs?: number
}

export interface LoopbackSignIn {
  /** Answers when the browser came back, the attempt was cancelled or replaced, or it timed out. */
  signIn(request: SsoSignInRequest): Promise<SsoOutcome>
  /** Ends the waiting attempt, if any: its listener closes and it answers `cancelled`. */
  cancel(): void
}

/** The hub's start URL with the listener as the return address (the hub accepts only loopback ones). */
export function startUrl(hubUrl: string, providerId: string, returnTo: string): string {
  const url = new URL(`${hubUrl.replace(/\/+$/, '')}/api/auth/oidc/${encodeURIComponent(providerId)}/start`)
  url.searchParams.set('return_to', returnTo)
  return url.href
}

/** What the hub put on the return address: the one-time code, or why it refused. */
function outcomeOf(query: URLSearchParams): SsoOutcome {
  const code = oidcExchangeRequestSchema.shape.code.safeParse(query.get(loopbackCodeParam))
  if (code.success) return { kind: 'code', code: code.data }
  const reason = ssoErrors.find((known) => known === query.get(loopbackErrorParam))
  return { kind: 'refused', reason: reason ?? 'provider' }
}

/**
 * Desktop single sign-on (RFC 8252 §7.3): for each attempt a one-shot HTTP listener on
 * 127.0.0.1 with a port the system picks and a random path, which only the hub learns (it
 * keeps the address with the started sign-in). The listener answers exactly one request on
 * that path, shows the browser a page saying where to go next, and closes. Anything else on
 * the port — another path, a probe, the browser's favicon request — gets a 404 and changes
 * nothing. One attempt at a time: a new one ends the waiting one.
 */
export function createLoopbackSignIn(options: LoopbackSignInOptions): LoopbackSignIn {
  const timeoutMs = options.timeoutMs ?? defaultSignInTimeoutMs
  let waiting: ((outcome: SsoOutcome) => void) | null = null

  return {
    async signIn(request) {
      waiting?.({ kind: 'cancelled' })
      const path = `/firstline-sign-in/${randomBytes(32).toString('base64url')}`
      const server = createServer()
      let settle: (outcome: SsoOutcome) => void = () => undefined
      let settled = false
      const done = new Promise<SsoOutcome>((resolve) => {
        const timer = setTimeout(() => settle({ kind: 'timed_out' }), timeoutMs)
        settle = (outcome) => {
          if (settled) return
          settled = true
          if (waiting === settle) waiting = null
          clearTimeout(timer)
          // Not listening yet: the start below sees `settled` and closes it once it is.
          if (server.listening) {
            server.close()
            // Keep-alive sockets would hold the port open; the answer page has been flushed by now.
            server.closeAllConnections()
          }
          resolve(outcome)
        }
      })
      waiting = settle

      server.on('request', (incoming: IncomingMessage, response: ServerResponse) => {
        const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
        if (incoming.method !== 'GET' || url.pathname !== path || settled) {
          response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
          response.end('Not found')
          return
        }
        const outcome = outcomeOf(url.searchParams)
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          'referrer-policy': 'no-referrer',
          connection: 'close',
        })
        response.end(closingPage(request.language, outcome.kind === 'code'), () => settle(outcome))
      })

      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject)
          server.listen(0, '127.0.0.1', () => resolve())
        })
        // Cancelled or replaced while the listener was starting: no browser for a dead attempt.
        if (settled) {
          server.close()
          return done
        }
        const { port } = server.address() as AddressInfo
        await options.openExternal(startUrl(options.hubUrl, request.providerId, `http://127.0.0.1:${port}${path}`))
      } catch (error) {
        settle({ kind: 'cancelled' })
        throw error
      }
      return done
    },

    cancel() {
      waiting?.({ kind: 'cancelled' })
    },
  }
}
