import {
  sessionCloseCodes,
  sessionServerMessageSchema,
  type JoinAuth,
  type SessionClientMessage,
  type SessionServerMessage,
} from '@shared/session/protocol'

export type SessionSocketStatus = 'connecting' | 'joined' | 'reconnecting' | 'closed'

/** The minimal WebSocket surface this module uses, so tests can hand in `ws` or a fake. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  onerror: ((event: unknown) => void) | null
}

export type OpenSocket = (url: string) => SocketLike

export interface SessionSocketOptions {
  hubUrl: string
  sessionId: string
  auth: JoinAuth
  onMessage(message: SessionServerMessage): void
  onStatus(status: SessionSocketStatus, detail?: { code?: number; reason?: string }): void
  /** A message from the hub that does not parse: it is dropped and reported, never acted on. */
  onInvalid?(problem: string): void
  openSocket?: OpenSocket
  heartbeatMs?: number
}

/** Close codes after which joining again cannot succeed: the answer would be the same. */
const finalCloseCodes: number[] = [
  sessionCloseCodes.badMessage,
  sessionCloseCodes.unauthorized,
  sessionCloseCodes.forbidden,
  sessionCloseCodes.ended,
  sessionCloseCodes.replaced,
  sessionCloseCodes.left,
]

const open = 1

/**
 * One participant's `/ws/session` socket: joins on every (re)connect, parses every message from
 * the hub, pings to keep the connection and measure the hub's round trip, and reconnects with
 * backoff (0.5 s doubling to 8 s) while the hub keeps the participant's place.
 */
export class SessionSocket {
  private socket: SocketLike | null = null
  private retryMs = 500
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private heartbeat: ReturnType<typeof setInterval> | null = null
  private stopped = false
  /** True once a join was welcomed; a hub that never answered is named as the failing hop. */
  everJoined = false
  hubRoundTripMs: number | null = null

  constructor(private readonly options: SessionSocketOptions) {}

  get url(): string {
    return `${this.options.hubUrl.replace(/^http/, 'ws')}/ws/session`
  }

  start(): void {
    this.stopped = false
    this.connect()
  }

  /** Closes for good; `leave` tells the hub first, so it ends the participant's place at once. */
  stop(leave = false): void {
    if (leave) this.send({ type: 'leave' })
    this.stopped = true
    this.clearTimers()
    this.socket?.close(1000, 'client stopped')
    this.socket = null
  }

  send(message: SessionClientMessage): boolean {
    if (this.socket?.readyState !== open) return false
    this.socket.send(JSON.stringify(message))
    return true
  }

  private connect(): void {
    const openSocket = this.options.openSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike)
    const socket = openSocket(this.url)
    this.socket = socket
    this.options.onStatus(this.everJoined ? 'reconnecting' : 'connecting')
    socket.onopen = () => {
      socket.send(
        JSON.stringify({
          type: 'join',
          sessionId: this.options.sessionId,
          auth: this.options.auth,
        } satisfies SessionClientMessage),
      )
    }
    socket.onmessage = (event) => this.receive(event.data)
    socket.onerror = () => undefined
    socket.onclose = (event) => {
      if (this.socket !== socket) return
      this.clearTimers()
      this.socket = null
      if (this.stopped) return
      if (finalCloseCodes.includes(event.code)) {
        this.stopped = true
        this.options.onStatus('closed', { code: event.code, reason: event.reason })
        return
      }
      this.options.onStatus('reconnecting', { code: event.code, reason: event.reason })
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs)
      this.retryMs = Math.min(this.retryMs * 2, 8000)
    }
  }

  private receive(data: unknown): void {
    let json: unknown
    try {
      json = JSON.parse(String(data))
    } catch {
      return this.options.onInvalid?.('The hub sent a message that is not JSON.')
    }
    const parsed = sessionServerMessageSchema.safeParse(json)
    if (!parsed.success) return this.options.onInvalid?.(`The hub sent an unknown message: ${parsed.error.message}`)
    const message = parsed.data
    if (message.type === 'welcome') {
      this.everJoined = true
      this.retryMs = 500
      this.startHeartbeat()
      this.options.onStatus('joined')
    }
    if (message.type === 'pong') this.hubRoundTripMs = Math.max(0, Date.now() - message.at)
    this.options.onMessage(message)
  }

  private startHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    const ping = () => this.send({ type: 'ping', at: Date.now() })
    ping()
    this.heartbeat = setInterval(ping, this.options.heartbeatMs ?? 10_000)
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.retryTimer = null
    this.heartbeat = null
  }
}
