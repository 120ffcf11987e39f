import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { SessionServerMessage } from '@shared/session/protocol'
import { startSessionHub, TestPeer, type SessionHub } from '../sessions/testing'
import { testBackends } from '../storage/testDatabases'
import { changedTables, tableDigest } from './digest'
import { createTicketCommand } from './fixtures'
import { applyMutation, fuzzRuns, fuzzSeed, hostileBodyText, mutationOf, type Hostile, type Mutation } from './hostile'

/** The WebSocket close code for a frame past the socket's size limit: the protocol's own refusal. */
const tooBig = 1009

type Fuzz = { kind: 'mutated'; sample: number; mutation: Mutation } | { kind: 'whole'; json: Hostile }

/** A case: one valid sample with one field changed, or hostile text as the whole message. */
function fuzzOf(samples: unknown[]): fc.Arbitrary<Fuzz> {
  const mutated = fc
    .nat({ max: samples.length - 1 })
    .chain((sample) => mutationOf(samples[sample]).map((mutation): Fuzz => ({ kind: 'mutated', sample, mutation })))
  return fc.oneof(mutated, mutated, mutated, fc.record({ kind: fc.constant('whole' as const), json: hostileBodyText }))
}

const textOf = (fuzz: Fuzz, samples: unknown[]) =>
  fuzz.kind === 'whole' ? fuzz.json.text : applyMutation(samples[fuzz.sample], fuzz.mutation)

/** Messages of one socket, with a way to wait for the next one or the close, whichever comes first. */
function listen(socket: WebSocket) {
  const messages: Array<Record<string, unknown>> = []
  let closeCode: number | null = null
  let wake: (() => void) | null = null
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as Record<string, unknown>)
    wake?.()
  })
  socket.on('close', (code) => {
    closeCode = code
    wake?.()
  })
  return {
    messages,
    get closeCode() {
      return closeCode
    },
    /** Resolves once a message matches or the socket has closed. */
    until(match: (message: Record<string, unknown>) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const look = () => {
          if (closeCode !== null || messages.some(match)) {
            wake = null
            resolve()
          } else wake = look
        }
        look()
      })
    },
  }
}

for (const backend of testBackends()) {
  describe(`fuzzed WebSocket messages on ${backend.name}`, () => {
    let hub: SessionHub
    let ticketId: string
    let consoleUrl: string

    beforeAll(async () => {
      hub = await startSessionHub(backend, { idleTimeoutMs: 86_400_000, reconnectGraceMs: 86_400_000 })
      consoleUrl = hub.wsUrl.replace(/\/ws\/session$/, '/ws')
      for (const role of ['agent', 'specialist', 'admin'] as const) await hub.token(role)
      const command = createTicketCommand()
      await hub.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: { commands: [command] },
      })
      ticketId = command.ticketId
    })
    afterAll(async () => {
      await hub?.close()
    })

    it(
      'the Console socket answers every malformed message with a refusal, keeps answering and changes no row',
      { timeout: 120_000 },
      async () => {
        const token = await hub.token('agent')
        const samples = [
          { type: 'hello', token },
          { type: 'ping', at: 42 },
        ]
        await fc.assert(
          fc.asyncProperty(fuzzOf(samples), async (fuzz) => {
            const before = await tableDigest(hub.db)
            const socket = new WebSocket(consoleUrl)
            const inbox = listen(socket)
            await new Promise((resolve) => socket.once('open', resolve))
            socket.send(JSON.stringify({ type: 'hello', token }))
            await inbox.until((m) => m.type === 'welcome')
            socket.send(textOf(fuzz, samples))
            const at = Math.random()
            socket.send(JSON.stringify({ type: 'ping', at }))
            await inbox.until((m) => m.type === 'pong' && m.at === at)
            const errors = inbox.messages.filter((m) => m.type === 'error')
            expect(
              errors.filter((m) => m.error === 'internal'),
              JSON.stringify(errors),
            ).toEqual([])
            if (inbox.closeCode !== null && inbox.closeCode !== tooBig) {
              expect(inbox.closeCode, 'a socket closes only with a 4xxx refusal').toBeGreaterThanOrEqual(4000)
              expect(errors.length, 'a closed socket was told why').toBeGreaterThan(0)
            }
            expect(changedTables(before, await tableDigest(hub.db)).join(', ')).toBe('')
            socket.close()
          }),
          { seed: fuzzSeed, numRuns: fuzzRuns(120) },
        )
      },
    )

    describe('the session socket', () => {
      let user: TestPeer
      let agent: TestPeer
      let sessionId: string
      let credential: string

      const open = async () => {
        const session = await hub.openSession(ticketId)
        user = session.user
        agent = session.agent
        sessionId = session.access.sessionId
        credential = session.access.credential
      }
      const alive = (peer: TestPeer | undefined) => peer?.socket.readyState === WebSocket.OPEN

      /** One valid message of every type, with who sends it: consent is the end user's, the rest staff's. */
      const samples = (): Array<{ from: 'user' | 'agent'; message: Record<string, unknown> }> => [
        { from: 'agent', message: { type: 'signal', to: user.participantId, data: { type: 'offer', sdp: 'v=0\r\n' } } },
        {
          from: 'agent',
          message: {
            type: 'signal',
            to: user.participantId,
            data: {
              type: 'candidate',
              candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMLineIndex: 0, sdpMid: '0' },
            },
          },
        },
        { from: 'user', message: { type: 'consent', action: 'grant_view', participantId: agent.participantId } },
        { from: 'user', message: { type: 'consent', action: 'revoke_control', participantId: agent.participantId } },
        {
          from: 'user',
          message: {
            type: 'consent',
            action: 'approve_join',
            invitationId: randomUUID(),
            displayName: 'Sam Specialist',
          },
        },
        { from: 'user', message: { type: 'consent', action: 'deny_handover', to: agent.participantId } },
        { from: 'user', message: { type: 'consent', action: 'pause' } },
        { from: 'user', message: { type: 'consent', action: 'stop' } },
        { from: 'agent', message: { type: 'permission_request', permission: 'control' } },
        { from: 'agent', message: { type: 'control_request' } },
        { from: 'agent', message: { type: 'control_release' } },
        { from: 'agent', message: { type: 'control_handover', to: user.participantId } },
        { from: 'agent', message: { type: 'chat', text: 'Can you see my pointer?' } },
        { from: 'user', message: { type: 'chat', text: 'Yes' } },
        {
          from: 'agent',
          message: {
            type: 'connection_report',
            peer: user.participantId,
            candidateType: 'relay',
            protocol: 'udp',
            roundTripMs: 12,
          },
        },
        { from: 'agent', message: { type: 'ping', at: 1 } },
        { from: 'agent', message: { type: 'leave' } },
      ]

      beforeAll(open)

      it(
        'refuses every malformed message of a joined participant, keeps answering and changes no row',
        { timeout: 180_000 },
        async () => {
          const shapes = samples()
          await fc.assert(
            fc.asyncProperty(fuzzOf(shapes.map((s) => s.message)), async (fuzz) => {
              if (!alive(user) || !alive(agent)) await open()
              // Ids change with every new session: build the samples again around the live participants.
              const current = samples()
              const from = fuzz.kind === 'mutated' ? current[fuzz.sample]!.from : 'agent'
              const peer = from === 'user' ? user : agent
              peer.buffer.length = 0
              const before = await tableDigest(hub.db)
              peer.sendRaw(
                textOf(
                  fuzz,
                  current.map((s) => s.message),
                ),
              )
              const at = Math.random()
              peer.send({ type: 'ping', at })
              await Promise.race([peer.next('pong', (pong) => pong.at === at), peer.closed])
              const errors = peer.buffer.filter(
                (m): m is Extract<SessionServerMessage, { type: 'error' }> => m.type === 'error',
              )
              expect(
                errors.filter((m) => m.error === 'internal'),
                JSON.stringify(errors),
              ).toEqual([])
              if (errors.length > 0) expect(changedTables(before, await tableDigest(hub.db)).join(', ')).toBe('')
            }),
            { seed: fuzzSeed, numRuns: fuzzRuns(200) },
          )
          if (!alive(agent)) await open()
          await agent.sync()
        },
      )

      it('refuses every malformed join with a reason and changes no row', { timeout: 120_000 }, async () => {
        const joins = () => [
          { type: 'join', sessionId, auth: { kind: 'end_user', credential } },
          { type: 'join', sessionId, auth: { kind: 'account', token: 'x'.repeat(43), client: 'web' } },
        ]
        await fc.assert(
          fc.asyncProperty(fuzzOf(joins()), async (fuzz) => {
            if (!alive(user) || !alive(agent)) await open()
            const before = await tableDigest(hub.db)
            const socket = new WebSocket(hub.wsUrl)
            const inbox = listen(socket)
            await new Promise((resolve) => socket.once('open', resolve))
            socket.send(textOf(fuzz, joins()))
            await inbox.until(() => true)
            const first = inbox.messages[0]
            if (inbox.closeCode === tooBig) return
            expect(first, `closed with ${inbox.closeCode} and no word why`).toBeDefined()
            if (first!.type === 'error') {
              expect(first!.error).not.toBe('internal')
              expect(changedTables(before, await tableDigest(hub.db)).join(', ')).toBe('')
            }
            socket.close()
          }),
          { seed: fuzzSeed, numRuns: fuzzRuns(80) },
        )
      })
    })
  })
}
