import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { acceptedRequestSchema, endUserAccessSchema, sessionSummarySchema } from '@shared/session/api'
import { pullResponseSchema } from '@shared/sync'
import { timelineEventSchema } from '@shared/tickets/events'
import { testBackends } from '../storage/testDatabases'
import { startSessionHub, TestPeer, type SessionHub } from './testing'
import { appendSessionToTicket } from './ticketTimeline'

describe('session summaries stored before the summary grew', () => {
  it('still parse, with the new fields empty', () => {
    const old = {
      id: 'summary-1',
      ticketId: '6f1c1c3e-3b7a-4c55-9a63-5b2f3c1d2e4f',
      type: 'session_summary',
      author: { kind: 'system' },
      at: '2026-03-01T10:30:00.000Z',
      payload: {
        sessionId: 'a7d4e0b2-1c9f-4e3a-8b6d-2f5c7e9a1b3d',
        startedAt: '2026-03-01T10:00:00.000Z',
        endedAt: '2026-03-01T10:30:00.000Z',
        participants: [{ name: 'Erika Enduser', role: 'end_user' }],
        permissions: ['view'],
        connection: 'relay',
      },
    }
    const parsed = timelineEventSchema.parse(old)
    if (parsed.type !== 'session_summary') throw new Error('not a summary')
    expect(parsed.payload).toMatchObject({
      connection: 'relay',
      durationSeconds: null,
      endReason: null,
      grants: [],
      controlHandovers: [],
      connections: [],
      participants: [{ name: 'Erika Enduser', role: 'end_user', joinedAt: null, leftAt: null }],
    })
  })
})

for (const backend of testBackends()) {
  describe(`an ended session is written into its ticket's timeline, on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    }, 120_000)
    afterAll(() => hub.close())

    const get = async (url: string) => {
      const response = await hub.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
      })
      expect(response.statusCode).toBe(200)
      return response.json<unknown>()
    }
    const changes = async (after = 0) => pullResponseSchema.parse(await get(`/api/sync/changes?after=${after}`))

    /** A Console's realtime socket, collecting the cursors the hub announces. */
    const listen = async () => {
      const port = new URL(hub.wsUrl).port
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`)
      const cursors: number[] = []
      await new Promise((resolve, reject) => {
        socket.once('open', resolve)
        socket.once('error', reject)
      })
      const welcomed = new Promise((resolve) =>
        socket.on('message', (data) => {
          const message = JSON.parse(String(data)) as { type: string; cursor?: number }
          if (message.type === 'welcome') resolve(null)
          if (message.type === 'changed' && message.cursor) cursors.push(message.cursor)
        }),
      )
      socket.send(JSON.stringify({ type: 'hello', token: await hub.token('agent') }))
      await welcomed
      return { cursors, close: () => socket.close() }
    }

    it('accepting a request without a ticket makes the ticket on the hub and shows the user its number', async () => {
      const filed = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/requests',
        payload: {
          enrolment: hub.enrolment,
          name: 'Rita Requester',
          description: 'Outlook keeps asking for my password\nsince Monday',
        },
      })
      const access = endUserAccessSchema.parse(filed.json())
      const accepted = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/accept`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: {},
      })
      expect(accepted.statusCode).toBe(200)
      const { ticketId } = acceptedRequestSchema.parse(accepted.json())
      const pulled = await changes()
      const ticket = pulled.tickets.find((t) => t.id === ticketId)
      expect(ticket).toMatchObject({
        subject: 'Outlook keeps asking for my password',
        channel: 'gethelp',
        requester: { name: 'Rita Requester' },
      })
      const user = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'end_user',
        credential: access.credential,
      })
      const state = await user.until((s) => s.session.ticketNumber !== null)
      expect(state.session.ticketNumber).toBe(ticket!.number)
      // A second accept of the same request is refused and makes no second ticket.
      const again = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/accept`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: {},
      })
      expect(again.statusCode).toBe(409)
      const after = await changes(pulled.cursor)
      expect(after.tickets.filter((t) => t.requester.name === 'Rita Requester')).toEqual([])
      user.send({ type: 'consent', action: 'stop' })
      await user.closed
    })

    it('adds exactly one summary with the chat when the session ends, announced to the Consoles', async () => {
      const filed = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/requests',
        payload: { enrolment: hub.enrolment, name: 'Erika Enduser', description: 'The printer prints blank pages' },
      })
      const access = endUserAccessSchema.parse(filed.json())
      const accepted = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/accept`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: {},
      })
      const { ticketId } = acceptedRequestSchema.parse(accepted.json())
      const before = (await changes()).cursor

      const user = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'end_user',
        credential: access.credential,
      })
      const agent = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'account',
        token: await hub.token('agent'),
      })
      user.send({ type: 'consent', action: 'grant_view', participantId: agent.participantId })
      await user.until((s) =>
        s.participants.some((p) => p.id === agent.participantId && p.permissions.includes('view')),
      )
      agent.send({ type: 'connection_report', peer: user.participantId, candidateType: 'host', protocol: 'udp' })
      agent.send({ type: 'chat', text: 'Can you open the print queue?' })
      await user.next('chat')
      user.send({ type: 'chat', text: 'It is open now' })
      await agent.next('chat', (m) => m.text === 'It is open now')

      const consoleSocket = await listen()
      user.send({ type: 'consent', action: 'stop' })
      await Promise.all([user.closed, agent.closed])

      const pulled = await changes(before)
      const summaries = pulled.events.filter((e) => e.type === 'session_summary' && e.ticketId === ticketId)
      const chats = pulled.events.filter((e) => e.type === 'session_chat' && e.ticketId === ticketId)
      expect(summaries).toHaveLength(1)
      expect(chats).toHaveLength(1)
      const summary = summaries[0]!
      if (summary.type !== 'session_summary') throw new Error('not a summary')
      expect(summary.author).toEqual({ kind: 'system' })
      expect(summary.payload.sessionId).toBe(access.sessionId)
      expect(summary.payload.participants.map((p) => p.role).sort()).toEqual(['agent', 'end_user'])
      expect(summary.payload.permissions).toEqual(['view'])
      expect(summary.payload.grants).toEqual([
        expect.objectContaining({ permission: 'view', name: expect.any(String), revokedAt: summary.payload.endedAt }),
      ])
      expect(summary.payload.connection).toBe('direct')
      expect(summary.payload.endReason).toBe('stopped')
      expect(summary.payload.durationSeconds).toBeGreaterThanOrEqual(0)
      const chat = chats[0]!
      if (chat.type !== 'session_chat') throw new Error('not a chat')
      expect(chat.payload.messages.map((m) => [m.role, m.text])).toEqual([
        ['agent', 'Can you open the print queue?'],
        ['end_user', 'It is open now'],
      ])
      // The Consoles were told of the change, with a cursor that covers the new events.
      await expect.poll(() => consoleSocket.cursors.at(-1) ?? 0).toBeGreaterThanOrEqual(pulled.cursor)
      consoleSocket.close()

      // The session row keeps the full summary; ending it again, as after a restart, adds nothing.
      const [row] = await hub.db.query<{ summary: unknown; organisation_id: string }>(
        'select summary, organisation_id from remote_sessions where id = $1',
        [access.sessionId],
      )
      const stored = sessionSummarySchema.parse(
        typeof row!.summary === 'string' ? JSON.parse(row!.summary) : row!.summary,
      )
      const addedAgain = await hub.db.transaction((tx) => appendSessionToTicket(tx, row!.organisation_id, stored))
      expect(addedAgain).toBe(false)
      const rejoin = await TestPeer.open(hub.wsUrl)
      rejoin.send({
        type: 'join',
        sessionId: access.sessionId,
        auth: { kind: 'end_user', credential: access.credential },
      })
      await rejoin.next('error')
      rejoin.close()
      const later = await changes(pulled.cursor)
      expect(later.events.filter((e) => e.ticketId === ticketId)).toEqual([])
    })
  })
}
