/** Test support: a session hub and signaling clients for the session tests. */
import WebSocket from 'ws'
import type { EndUserAccess } from '@shared/session/api'
import type { SessionClientMessage, SessionServerMessage, SessionState } from '@shared/session/protocol'
import type { Role } from '@shared/auth'
import { demoEnrolmentCode } from '../enrolment/demo'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation } from '../seed'
import { migrate } from '../storage/migrate'
import type { TestBackend } from '../storage/testDatabases'
import { defaultSessionSettings, type SessionSettings } from './settings'

/** A hub on a free loopback port with a settable clock, for session tests. */
export async function startSessionHub(backend: TestBackend, settings: Partial<SessionSettings> = {}) {
  const db = await backend.open()
  await migrate(db)
  const logins = await seedDemoOrganisation(db)
  let offsetMs = 0
  const clock = {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms: number) => void (offsetMs += ms),
  }
  const app = await buildApp(db, new Realtime(), {
    webDir: '/nonexistent',
    logLevel: 'silent',
    sessions: { ...defaultSessionSettings, ...settings, now: clock.now },
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const tokens = new Map<Role, string>()

  const hub = {
    app,
    db,
    clock,
    wsUrl: `ws://127.0.0.1:${port}/ws/session`,
    /** The demo customer's Get Help enrolment code, which anonymous help requests carry. */
    enrolment: await demoEnrolmentCode(db),
    login: (role: Role) => logins.find((l) => l.role === role)!,
    /** A sign-in token per role, fetched once: the login route is rate-limited. */
    async token(role: Role): Promise<string> {
      const known = tokens.get(role)
      if (known) return known
      const login = hub.login(role)
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: login.email, password: login.password },
      })
      const token = response.json<{ token: string }>().token
      tokens.set(role, token)
      return token
    },
    async accountId(role: Role): Promise<string> {
      const response = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${await hub.token(role)}` },
      })
      return response.json<{ id: string }>().id
    },
    async issueCode(ticketId: string): Promise<string> {
      const response = await app.inject({
        method: 'POST',
        url: '/api/sessions/codes',
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: { ticketId },
      })
      if (response.statusCode !== 201) throw new Error(`issuing a code failed: ${response.body}`)
      return response.json<{ code: string }>().code
    },
    async redeem(code: string, name = 'Erika Enduser', remoteAddress = '127.0.0.1') {
      return app.inject({ method: 'POST', url: '/api/sessions/redeem', payload: { code, name }, remoteAddress })
    },
    /** A running session opened the phone way: code issued, redeemed, end user and agent joined. */
    async openSession(ticketId: string) {
      const access = (await hub.redeem(await hub.issueCode(ticketId))).json<EndUserAccess>()
      const user = await TestPeer.join(hub.wsUrl, access.sessionId, { kind: 'end_user', credential: access.credential })
      const agent = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'account',
        token: await hub.token('agent'),
      })
      return { access, user, agent }
    },
    async close() {
      await app.close()
      await db.drop()
    },
  }
  return hub
}

export type SessionHub = Awaited<ReturnType<typeof startSessionHub>>

type MessageOf<T extends SessionServerMessage['type']> = Extract<SessionServerMessage, { type: T }>

/** A signaling client: messages are kept in arrival order and taken out by type. */
export class TestPeer {
  readonly buffer: SessionServerMessage[] = []
  /** The newest session state this peer has seen. */
  state: SessionState | null = null
  participantId = ''
  readonly closed: Promise<number>
  private waiters: Array<() => void> = []

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as SessionServerMessage
      if (message.type === 'state') this.state = message
      this.buffer.push(message)
      for (const wake of this.waiters.splice(0)) wake()
    })
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)))
  }

  static async open(url: string): Promise<TestPeer> {
    const socket = new WebSocket(url)
    const peer = new TestPeer(socket)
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    return peer
  }

  /** Opens a socket, joins and waits for the welcome. */
  static async join(
    url: string,
    sessionId: string,
    auth: Extract<SessionClientMessage, { type: 'join' }>['auth'],
  ): Promise<TestPeer> {
    const peer = await TestPeer.open(url)
    peer.send({ type: 'join', sessionId, auth })
    const welcome = await peer.next('welcome', undefined, ['error'])
    peer.participantId = welcome.participantId
    return peer
  }

  send(message: SessionClientMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message))
  }

  sendRaw(data: string): void {
    this.socket.send(data)
  }

  /**
   * The first buffered message of this type that matches, removed from the buffer; waits for
   * one if none is there. A message of a `failOn` type arriving first rejects with its content.
   */
  next<T extends SessionServerMessage['type']>(
    type: T,
    match: (message: MessageOf<T>) => boolean = () => true,
    failOn: Array<SessionServerMessage['type']> = [],
  ): Promise<MessageOf<T>> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const index = this.buffer.findIndex(
          (message) => (message.type === type && match(message as MessageOf<T>)) || failOn.includes(message.type),
        )
        if (index < 0) return void this.waiters.push(look)
        const [found] = this.buffer.splice(index, 1)
        if (found!.type !== type) reject(new Error(`expected ${type}, got ${JSON.stringify(found)}`))
        else resolve(found as MessageOf<T>)
      }
      look()
    })
  }

  /** Waits until the newest session state this peer has seen satisfies the condition. */
  until(condition: (state: SessionState) => boolean): Promise<SessionState> {
    return new Promise((resolve) => {
      const look = () => {
        if (this.state && condition(this.state)) resolve(this.state)
        else this.waiters.push(look)
      }
      look()
    })
  }

  /** A round trip through the hub: every message sent before it has been handled when this resolves. */
  async sync(): Promise<void> {
    const at = Math.random()
    this.send({ type: 'ping', at })
    await this.next('pong', (pong) => pong.at === at)
  }

  types(): string[] {
    return this.buffer.map((message) => message.type)
  }

  close(): void {
    this.socket.close()
  }
}
