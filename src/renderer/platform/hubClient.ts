import { z } from 'zod'
import { storedDiagnosticsSchema, type StoredDiagnostics } from '@shared/gethelp'
import {
  accountSchema,
  hubErrorSchema,
  loginResponseSchema,
  publicOrganisationSchema,
  type Account,
  type LoginResponse,
  type PublicOrganisation,
} from '@shared/auth'
import { pullResponseSchema, pushResponseSchema, type PullResponse, type PushResponse } from '@shared/sync'
import { serverMessageSchema, type ClientMessage, type ServerMessage } from '@shared/hubProtocol'

export type HubFailure =
  | { kind: 'unreachable' }
  | { kind: 'rejected'; status: number; error: string; message: string; body?: unknown }
  | { kind: 'invalidResponse'; message: string }

export class HubRequestError extends Error {
  constructor(readonly failure: HubFailure) {
    super(failure.kind === 'unreachable' ? 'hub unreachable' : failure.message)
  }
}

export async function request<T>(
  hubUrl: string,
  path: string,
  parse: (json: unknown) => T,
  init: RequestInit & { token?: string } = {},
): Promise<T> {
  const headers = new Headers(init.headers)
  if (init.body) headers.set('content-type', 'application/json')
  if (init.token) headers.set('authorization', `Bearer ${init.token}`)
  let response: Response
  try {
    response = await fetch(`${hubUrl}${path}`, { ...init, headers })
  } catch {
    throw new HubRequestError({ kind: 'unreachable' })
  }
  const json: unknown = response.status === 204 ? null : await response.json().catch(() => null)
  if (!response.ok) {
    const body = hubErrorSchema.safeParse(json)
    throw new HubRequestError({
      kind: 'rejected',
      status: response.status,
      error: body.success ? body.data.error : 'http_error',
      message: body.success ? body.data.message : `HTTP ${response.status}`,
      // The whole answer, for refusals that carry more than a message (a contract's code and parameters).
      body: json,
    })
  }
  try {
    return parse(json)
  } catch (error) {
    throw new HubRequestError({ kind: 'invalidResponse', message: String(error) })
  }
}

export function login(hubUrl: string, email: string, password: string): Promise<LoginResponse> {
  return request(hubUrl, '/api/auth/login', (json) => loginResponseSchema.parse(json), {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  })
}

export function fetchMe(hubUrl: string, token: string): Promise<Account> {
  return request(hubUrl, '/api/auth/me', (json) => accountSchema.parse(json), { token })
}

export function logout(hubUrl: string, token: string): Promise<null> {
  return request(hubUrl, '/api/auth/logout', () => null, { method: 'POST', token })
}

export function fetchOrganisation(hubUrl: string): Promise<PublicOrganisation> {
  return request(hubUrl, '/api/public/organisation', (json) => publicOrganisationSchema.parse(json))
}

export type ConnectionState = 'connecting' | 'online' | 'offline'

/**
 * Keeps one authenticated WebSocket to the hub open, reconnecting with backoff (1 s doubling
 * to 30 s). Every message from the hub is parsed before listeners see it.
 */
export class HubSocket {
  private socket: WebSocket | null = null
  private retryMs = 1000
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private stopped = false

  constructor(
    private readonly hubUrl: string,
    private readonly token: string,
    private readonly onState: (state: ConnectionState) => void,
    private readonly onMessage: (message: ServerMessage) => void = () => undefined,
  ) {}

  start(): void {
    this.stopped = false
    this.open()
  }

  stop(): void {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.socket?.close(1000, 'client stopped')
    this.socket = null
  }

  send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message))
  }

  private open(): void {
    this.onState('connecting')
    const socket = new WebSocket(`${this.hubUrl.replace(/^http/, 'ws')}/ws`)
    this.socket = socket
    socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', token: this.token } satisfies ClientMessage))
    socket.onmessage = (event) => {
      let json: unknown
      try {
        json = JSON.parse(String(event.data))
      } catch {
        return
      }
      const parsed = serverMessageSchema.safeParse(json)
      if (!parsed.success) return
      if (parsed.data.type === 'welcome') {
        this.retryMs = 1000
        this.onState('online')
      }
      this.onMessage(parsed.data)
    }
    socket.onclose = () => {
      if (this.socket !== socket || this.stopped) return
      this.onState('offline')
      this.retryTimer = setTimeout(() => this.open(), this.retryMs)
      this.retryMs = Math.min(this.retryMs * 2, 30_000)
    }
  }
}

/** The sync endpoints, as the Console's sync engine uses them. */
export function syncTransport(hubUrl: string, token: string) {
  return {
    push: (commands: unknown[]): Promise<PushResponse> =>
      request(hubUrl, '/api/sync/push', (json) => pushResponseSchema.parse(json), {
        method: 'POST',
        token,
        body: JSON.stringify({ commands }),
      }),
    pull: (after: number, limit: number): Promise<PullResponse> =>
      request(hubUrl, `/api/sync/changes?after=${after}&limit=${limit}`, (json) => pullResponseSchema.parse(json), {
        token,
      }),
  }
}

export function fetchTicketDiagnostics(hubUrl: string, token: string, ticketId: string): Promise<StoredDiagnostics[]> {
  return request(
    hubUrl,
    `/api/tickets/${ticketId}/diagnostics`,
    (json) => z.array(storedDiagnosticsSchema).parse(json),
    { token },
  )
}

export function askForFreshDiagnostics(hubUrl: string, token: string, ticketId: string): Promise<null> {
  return request(hubUrl, `/api/tickets/${ticketId}/diagnostics/request`, () => null, { method: 'POST', token })
}
