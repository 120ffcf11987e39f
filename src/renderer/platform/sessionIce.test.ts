import { randomUUID } from 'node:crypto'
import wrtc from '@roamhq/wrtc'
import SimplePeer from 'simple-peer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { EndUserAccess } from '@shared/session/api'
import type { IceServer } from '@shared/session/protocol'
import { startTestHub } from '../../../test/support/testHub'
import { RemoteSession, type CreatePeer, type PeerLike, type SessionView } from './session'
import type { SocketLike } from './sessionSocket'

const onLoopback = (candidate: string) => / 127\.0\.0\.1 \d+ typ /.test(candidate)
const loopbackSdp = (sdp: string) =>
  sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || onLoopback(line))
    .join('\r\n')
const openNodeSocket = (url: string) => new WebSocket(url) as unknown as SocketLike
const hasTurn = (servers: IceServer[]) => servers.some((s) => s.urls.some((url) => url.startsWith('turn:')))

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

describe('TURN for the peers of a session', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>
  let token: string
  beforeAll(async () => {
    // A TURN server nobody listens on: the peers connect on loopback, the test watches the credentials.
    hub = await startTestHub({
      stunUrls: [],
      turnTtlSeconds: 600,
      idleTimeoutMs: 30 * 60_000,
      reconnectGraceMs: 60_000,
      codeSecret: null,
      turnUrls: ['turn:127.0.0.1:9?transport=udp'],
      turnSecret: 'turn-secret-for-tests-0123456789',
    })
    token = (await hub.signIn('agent')).token
  }, 120_000)
  afterAll(() => hub?.close())

  it('reaches the user only after the grant, and the user’s connection starts over with it', async () => {
    const issued = await fetch(`${hub.url}/api/sessions/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ticketId: randomUUID() }),
    })
    const { code } = (await issued.json()) as { code: string }
    const access = (await (
      await fetch(`${hub.url}/api/sessions/redeem`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: 'Erika Enduser' }),
      })
    ).json()) as EndUserAccess

    const userConfigs: IceServer[][] = []
    const agentConfigs: IceServer[][] = []
    const peerFor =
      (configs: IceServer[][]): CreatePeer =>
      (options) => {
        configs.push((options.config.iceServers ?? []) as IceServer[])
        return new SimplePeer({
          ...(options as SimplePeer.Options),
          wrtc,
          sdpTransform: loopbackSdp,
        }) as unknown as PeerLike
      }
    const user = new RemoteSession({
      hubUrl: hub.url,
      sessionId: access.sessionId,
      auth: { kind: 'end_user', credential: access.credential },
      createPeer: peerFor(userConfigs),
      openSocket: openNodeSocket,
      captureScreen: async () => new wrtc.MediaStream() as unknown as MediaStream,
    })
    const agent = new RemoteSession({
      hubUrl: hub.url,
      sessionId: access.sessionId,
      auth: { kind: 'account', token },
      createPeer: peerFor(agentConfigs),
      openSocket: openNodeSocket,
    })
    user.start()
    agent.start()
    try {
      const joined = await until(user, (v) => v.state?.participants.some((p) => p.role === 'agent') ?? false)
      const agentId = joined.state!.participants.find((p) => p.role === 'agent')!.id
      await user.grantView(agentId)
      // The first connection goes out right behind the grant, before any relay was handed out...
      expect(hasTurn(userConfigs[0]!)).toBe(false)
      // ...and is made again with the relay the hub sends once the grant is in force.
      await until(user, (v) => v.connections[agentId]?.state === 'connected')
      expect(hasTurn(userConfigs.at(-1)!)).toBe(true)
      expect(agentConfigs.length).toBeGreaterThan(0)
      expect(hasTurn(agentConfigs.at(-1)!)).toBe(true)
    } finally {
      agent.close()
      user.close(false)
    }
  })
})
