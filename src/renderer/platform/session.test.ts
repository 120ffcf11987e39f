import { randomUUID } from 'node:crypto'
import wrtc from '@roamhq/wrtc'
import SimplePeer from 'simple-peer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { EndUserAccess } from '@shared/session/api'
import type { RemoteInput } from '@shared/session/input'
import {
  sessionServerMessageSchema,
  type SessionClientMessage,
  type SessionServerMessage,
  type SessionState,
} from '@shared/session/protocol'
import { startTestHub } from '../../../test/support/testHub'
import {
  describeConnectFailure,
  pathOf,
  readStats,
  RemoteSession,
  turnExpiry,
  type CreatePeer,
  type PeerLike,
  type SessionView,
} from './session'
import type { SocketLike } from './sessionSocket'

// Tests reach loopback only: candidates on any other address are never signaled.
const onLoopback = (candidate: string) => / 127\.0\.0\.1 \d+ typ /.test(candidate)
const loopbackSdp = (sdp: string) =>
  sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || onLoopback(line))
    .join('\r\n')

function nodePeer(options: SimplePeer.Options): SimplePeer.Instance {
  const peer = new SimplePeer({ ...options, wrtc, sdpTransform: loopbackSdp })
  const on = peer.on.bind(peer)
  // Drop non-loopback candidates before anyone hears of them.
  peer.on = ((event: string, listener: (...args: unknown[]) => void) =>
    on(
      event,
      event === 'signal'
        ? (data: SimplePeer.SignalData) => {
            if ('candidate' in data && data.candidate && !onLoopback(data.candidate.candidate)) return
            listener(data)
          }
        : listener,
    )) as typeof peer.on
  return peer
}

const createNodePeer: CreatePeer = (options) => nodePeer(options as SimplePeer.Options) as unknown as PeerLike
const openNodeSocket = (url: string) => new WebSocket(url) as unknown as SocketLike

function until(session: RemoteSession, condition: (view: SessionView) => boolean): Promise<SessionView> {
  return new Promise((resolve) => {
    if (condition(session.snapshot)) return resolve(session.snapshot)
    const stop = session.subscribe((view) => {
      if (!condition(view)) return
      stop()
      resolve(view)
    })
  })
}

/**
 * An agent that follows no rules of the Console: its own socket and peer, so a test can send the
 * end user exactly the control messages it wants, including forged and late ones.
 */
class RawAgent {
  participantId = ''
  state: SessionState | null = null
  peer: SimplePeer.Instance | null = null
  connected: Promise<void> | null = null
  private readonly waiters: Array<() => void> = []
  readonly received: SessionServerMessage[] = []

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const message = sessionServerMessageSchema.parse(JSON.parse(String(raw)))
      this.received.push(message)
      if (message.type === 'welcome') this.participantId = message.participantId
      if (message.type === 'state') this.state = message
      if (message.type === 'signal') this.signal(message.from, message.data)
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  static async join(wsUrl: string, sessionId: string, token: string): Promise<RawAgent> {
    const socket = new WebSocket(wsUrl)
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    const agent = new RawAgent(socket)
    agent.send({ type: 'join', sessionId, auth: { kind: 'account', token } })
    await agent.until(() => agent.participantId !== '')
    return agent
  }

  send(message: SessionClientMessage): void {
    this.socket.send(JSON.stringify(message))
  }

  until(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const look = () => (condition() ? resolve() : this.waiters.push(look))
      look()
    })
  }

  control(message: unknown): void {
    this.peer!.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  close(): void {
    this.peer?.destroy()
    this.socket.close()
  }

  private signal(from: string, data: unknown): void {
    if (!this.peer) {
      const peer = nodePeer({ initiator: false })
      peer.on('signal', (signal) => this.send({ type: 'signal', to: from, data: signal as never }))
      this.connected = new Promise((resolve) => peer.once('connect', () => resolve()))
      this.peer = peer
    }
    this.peer.signal(data as SimplePeer.SignalData)
  }
}

describe('the remote-session media module, end user side, against a real hub', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>
  let token: string

  beforeAll(async () => {
    hub = await startTestHub()
    token = (await hub.signIn('agent')).token
  }, 120_000)
  afterAll(() => hub?.close())

  async function openSession(): Promise<EndUserAccess> {
    const issued = await fetch(`${hub.url}/api/sessions/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ticketId: randomUUID() }),
    })
    const { code } = (await issued.json()) as { code: string }
    const redeemed = await fetch(`${hub.url}/api/sessions/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Erika Enduser' }),
    })
    return (await redeemed.json()) as EndUserAccess
  }

  it('applies control input only from the token holder while control is granted, and drops everything else', async () => {
    const access = await openSession()
    const applied: Array<{ input: RemoteInput; from: string }> = []
    const controlStates: Array<{ holder: string | null; granted: boolean }> = []
    const user = new RemoteSession({
      hubUrl: hub.url,
      sessionId: access.sessionId,
      auth: { kind: 'end_user', credential: access.credential },
      createPeer: createNodePeer,
      openSocket: openNodeSocket,
      // No camera in Node: an empty stream still makes the end user the side that offers.
      captureScreen: async () => new wrtc.MediaStream() as unknown as MediaStream,
      applyInput: (input, from) => applied.push({ input, from }),
      onControlState: (state) => controlStates.push(state),
    })
    user.start()
    const agent = await RawAgent.join(hub.url.replace('http', 'ws') + '/ws/session', access.sessionId, token)
    try {
      await until(user, (v) => v.state?.participants.some((p) => p.id === agent.participantId) ?? false)
      await user.grantView(agent.participantId)
      await agent.until(() => agent.connected !== null)
      await agent.connected
      await until(user, (v) => v.connections[agent.participantId]?.state === 'connected')

      const click = (seq: number, from = agent.participantId) => ({
        type: 'input',
        from,
        seq,
        sentAt: Date.now(),
        input: { kind: 'pointer_down', x: 0.25, y: 0.75, button: 'left' },
      })
      // Seeing is not controlling.
      agent.control(click(1))
      await until(user, (v) => v.input.dropped === 1)
      expect(applied).toEqual([])

      await user.grantControl(agent.participantId)
      agent.send({ type: 'control_request' })
      await until(user, (v) => v.state?.controlHolder === agent.participantId)
      expect(controlStates.at(-1)).toEqual({ holder: agent.participantId, granted: true })
      agent.control(click(2))
      await until(user, (v) => v.input.applied === 1)
      expect(applied).toEqual([
        { from: agent.participantId, input: { kind: 'pointer_down', x: 0.25, y: 0.75, button: 'left' } },
      ])

      // A replay, a forged sender, an oversized message, broken JSON and an out-of-range position.
      agent.control(click(2))
      agent.control(click(3, randomUUID()))
      agent.control({ ...click(4), padding: 'x'.repeat(1100) })
      agent.control('{"type":"input",')
      agent.control({ ...click(5), input: { kind: 'pointer_down', x: 2, y: 0.5, button: 'left' } })
      await until(user, (v) => v.input.dropped === 6)
      expect(applied).toHaveLength(1)

      // Taking control back works at once, before the hub has even answered.
      user.revokeControl(agent.participantId)
      expect(controlStates.at(-1)).toEqual({ holder: agent.participantId, granted: false })
      agent.control(click(6))
      await until(user, (v) => v.input.dropped === 7)
      await until(user, (v) => v.state?.controlHolder === null)
      agent.control(click(7))
      await until(user, (v) => v.input.dropped === 8)
      expect(applied).toHaveLength(1)

      // Revoking view closes the agent's connection.
      const closed = new Promise<void>((resolve) => agent.peer!.once('close', () => resolve()))
      user.revokeView(agent.participantId)
      await closed
      // Nobody may see the screen any more: the capture ends, so the bar no longer says it is shared.
      expect(user.snapshot.localStream).toBeNull()

      user.stop()
      await agent.until(() => agent.received.some((m) => m.type === 'ended'))
      await until(user, (v) => v.ended === 'stopped' || v.ended === 'closed')
      expect(controlStates.at(-1)).toEqual({ holder: null, granted: false })
    } finally {
      agent.close()
      user.close(false)
    }
  })

  it('offers right behind the grant, and the agent hears of the grant before any offer arrives', async () => {
    const access = await openSession()
    const user = new RemoteSession({
      hubUrl: hub.url,
      sessionId: access.sessionId,
      auth: { kind: 'end_user', credential: access.credential },
      createPeer: createNodePeer,
      openSocket: openNodeSocket,
      captureScreen: async () => new wrtc.MediaStream() as unknown as MediaStream,
    })
    user.start()
    const agent = await RawAgent.join(hub.url.replace('http', 'ws') + '/ws/session', access.sessionId, token)
    try {
      await until(user, (v) => v.state?.participants.some((p) => p.id === agent.participantId) ?? false)
      await user.grantView(agent.participantId)
      // The connection starts without waiting for the hub to confirm the grant.
      expect(user.snapshot.connections[agent.participantId]).toBeDefined()
      await agent.until(() => agent.connected !== null)
      await agent.connected
      const firstSignal = agent.received.findIndex((m) => m.type === 'signal')
      const firstGrant = agent.received.findIndex(
        (m) =>
          m.type === 'state' &&
          m.participants.some((p) => p.id === agent.participantId && p.permissions.includes('view')),
      )
      expect(firstGrant).toBeGreaterThanOrEqual(0)
      expect(firstGrant).toBeLessThan(firstSignal)
      expect(agent.received.some((m) => m.type === 'error')).toBe(false)
    } finally {
      agent.close()
      user.close(false)
    }
  })

  it('keeps the chat of both sides in arrival order', async () => {
    const access = await openSession()
    const user = new RemoteSession({
      hubUrl: hub.url,
      sessionId: access.sessionId,
      auth: { kind: 'end_user', credential: access.credential },
      createPeer: createNodePeer,
      openSocket: openNodeSocket,
    })
    user.start()
    const agent = await RawAgent.join(hub.url.replace('http', 'ws') + '/ws/session', access.sessionId, token)
    try {
      await until(user, (v) => v.me !== null)
      user.chat('  the printer beeps  ')
      agent.send({ type: 'chat', text: 'Which printer?' })
      const view = await until(user, (v) => v.chat.length === 2)
      expect(view.chat.map((line) => [line.role, line.text])).toEqual([
        ['end_user', 'the printer beeps'],
        ['agent', 'Which printer?'],
      ])
      expect(user.canControl).toBe(false)
      expect(await user.grantControl(agent.participantId)).toBe(false)
    } finally {
      agent.close()
      user.close(false)
    }
  })

  it('names the hub as the failing hop when its socket cannot be reached', async () => {
    const user = new RemoteSession({
      hubUrl: 'http://127.0.0.1:9',
      sessionId: randomUUID(),
      auth: { kind: 'end_user', credential: 'x'.repeat(40) },
      createPeer: createNodePeer,
      openSocket: openNodeSocket,
    })
    user.start()
    try {
      const view = await until(user, (v) => v.failure !== null)
      expect(view.failure).toMatch(/^Hub: ws:\/\/127\.0\.0\.1:9\/ws\/session cannot be reached/)
    } finally {
      user.close(false)
    }
  })
})

describe('connection facts and failures', () => {
  it('reads the selected path, round trip and video rate from a stats report', () => {
    const report = new Map<string, { type: string; id: string; [key: string]: unknown }>([
      ['T', { type: 'transport', id: 'T', selectedCandidatePairId: 'P' }],
      [
        'P',
        { type: 'candidate-pair', id: 'P', localCandidateId: 'L', remoteCandidateId: 'R', currentRoundTripTime: 0.042 },
      ],
      ['Q', { type: 'candidate-pair', id: 'Q', localCandidateId: 'L2', remoteCandidateId: 'R', state: 'succeeded' }],
      ['L', { type: 'local-candidate', id: 'L', candidateType: 'relay', protocol: 'udp' }],
      ['L2', { type: 'local-candidate', id: 'L2', candidateType: 'host', protocol: 'udp' }],
      ['R', { type: 'remote-candidate', id: 'R', candidateType: 'srflx' }],
      ['V', { type: 'inbound-rtp', id: 'V', kind: 'video', bytesReceived: 12_000, framesPerSecond: 14.6 }],
    ])
    expect(readStats(report)).toEqual({
      local: 'relay',
      remote: 'srflx',
      protocol: 'udp',
      roundTripMs: 42,
      bytes: 12_000,
      frameRate: 15,
    })
    expect(pathOf('relay', 'host')).toBe('relay')
    expect(pathOf('host', 'host')).toBe('direct')
    expect(pathOf('srflx', 'host')).toBe('reflexive')
    expect(pathOf('host', 'prflx')).toBe('reflexive')
    expect(pathOf(null, null)).toBeNull()
  })

  it('names TURN with the expiry when the hub’s short-lived credential has run out', () => {
    const iceServers = [
      { urls: ['stun:127.0.0.1:3478'] },
      { urls: ['turn:127.0.0.1:3478'], username: '1700000000:someone', credential: 'secret' },
    ]
    expect(turnExpiry(iceServers)).toBe('2023-11-14T22:13:20.000Z')
    expect(
      describeConnectFailure({ gathered: ['host'], iceServers, relayOnly: true, now: new Date('2024-01-01') }),
    ).toMatch(/^TURN: the server refused the credential, which expired at 2023-11-14T22:13:20.000Z/)
    expect(
      describeConnectFailure({
        gathered: ['host'],
        iceServers: [{ urls: ['stun:127.0.0.1:3478'] }],
        relayOnly: false,
        now: new Date(),
      }),
    ).toMatch(/^STUN: /)
    expect(describeConnectFailure({ gathered: ['host'], iceServers: [], relayOnly: true, now: new Date() })).toMatch(
      /^TURN: the hub hands out no TURN server/,
    )
    expect(
      describeConnectFailure({ gathered: ['host', 'srflx'], iceServers: [], relayOnly: false, now: new Date() }),
    ).toMatch(/^TURN: a direct connection failed/)
  })
})
