import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionCloseCodes } from '@shared/session/protocol'
import { testBackends } from '../storage/testDatabases'
import { startSessionHub, TestPeer, type SessionHub } from './testing'

const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } as const

for (const backend of testBackends()) {
  describe(`session signaling on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    })
    afterAll(() => hub.close())

    it('welcomes the end user and the agent and shows both in the participant list', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      const state = await user.until((s) => s.participants.length === 2)
      expect(state.session).toMatchObject({ id: access.sessionId, status: 'active', paused: false })
      expect(state.participants).toEqual(
        expect.arrayContaining([
          { id: user.participantId, role: 'end_user', displayName: 'Erika Enduser', permissions: [], connected: true },
          {
            id: agent.participantId,
            role: 'agent',
            displayName: hub.login('agent').displayName,
            permissions: [],
            connected: true,
          },
        ]),
      )
      expect(state.controlHolder).toBeNull()
      user.close()
      agent.close()
    })

    it('relays signals between the two peers of a session once the user allows viewing', async () => {
      const { user, agent } = await hub.openSession(randomUUID())
      agent.send({ type: 'signal', to: user.participantId, data: offer })
      expect(await agent.next('error')).toMatchObject({ error: 'not_permitted' })
      user.send({ type: 'consent', action: 'grant_view', participantId: agent.participantId })
      await agent.until((s) =>
        s.participants.some((p) => p.id === agent.participantId && p.permissions.includes('view')),
      )
      agent.send({ type: 'signal', to: user.participantId, data: offer })
      expect(await user.next('signal')).toEqual({ type: 'signal', from: agent.participantId, data: offer })
      const candidate = {
        type: 'candidate',
        candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMLineIndex: 0, sdpMid: '0' },
      } as const
      user.send({ type: 'signal', to: agent.participantId, data: candidate })
      expect(await agent.next('signal')).toEqual({ type: 'signal', from: user.participantId, data: candidate })
      user.close()
      agent.close()
    })

    it('keeps peers of another session out: their signals are refused and reach nobody', async () => {
      const first = await hub.openSession(randomUUID())
      const second = await hub.openSession(randomUUID())
      first.user.send({ type: 'consent', action: 'grant_view', participantId: first.agent.participantId })
      second.user.send({ type: 'consent', action: 'grant_view', participantId: second.agent.participantId })
      await second.agent.until((s) => s.participants.some((p) => p.permissions.includes('view')))
      await first.user.sync()
      second.agent.send({ type: 'signal', to: first.user.participantId, data: offer })
      expect(await second.agent.next('error')).toMatchObject({ error: 'unknown_participant' })
      second.user.send({ type: 'signal', to: first.agent.participantId, data: offer })
      expect(await second.user.next('error')).toMatchObject({ error: 'unknown_participant' })
      await Promise.all([first.user.sync(), first.agent.sync()])
      expect(first.user.types()).not.toContain('signal')
      expect(first.agent.types()).not.toContain('signal')
      for (const peer of [first.user, first.agent, second.user, second.agent]) peer.close()
    })

    it('answers malformed and out-of-turn messages with an error and changes nothing', async () => {
      const stranger = await TestPeer.open(hub.wsUrl)
      stranger.send({ type: 'signal', to: randomUUID(), data: offer })
      expect(await stranger.next('error')).toMatchObject({ error: 'not_joined' })

      const { user, agent } = await hub.openSession(randomUUID())
      await user.until((s) => s.participants.length === 2)
      user.buffer.length = 0
      const before = JSON.stringify(user.state)
      const bad: unknown[] = [
        '{not json',
        { type: 'launch_missiles' },
        { type: 'signal', to: agent.participantId, data: { type: 'offer', sdp: 'x'.repeat(60_000) } },
        { type: 'signal', to: agent.participantId, data: { type: 'offer', sdp: 'v=0', extra: 'field' } },
        { type: 'signal', to: 'not-a-uuid', data: offer },
        { type: 'consent', action: 'grant_control' },
        { type: 'consent', action: 'approve_join', invitationId: randomUUID() },
        { type: 'chat', text: '   ' },
        { type: 'join', sessionId: randomUUID(), auth: { kind: 'end_user', credential: 'x'.repeat(43) } },
      ]
      for (const message of bad) {
        if (typeof message === 'string') user.sendRaw(message)
        else user.send(message as Record<string, unknown>)
        const error = await user.next('error')
        expect(error.error).toMatch(/bad_message|already_joined/)
        expect(error.message.length).toBeGreaterThan(5)
      }
      user.sendRaw('x'.repeat(70_000))
      expect(await user.next('error')).toMatchObject({ error: 'bad_message', message: expect.stringContaining('KiB') })
      agent.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      expect(await agent.next('error')).toMatchObject({ error: 'forbidden' })
      agent.send({ type: 'control_request' })
      expect(await agent.next('error')).toMatchObject({ error: 'not_permitted' })
      await Promise.all([user.sync(), agent.sync()])
      expect(user.types()).not.toContain('state')
      expect(JSON.stringify(user.state)).toBe(before)
      for (const peer of [stranger, user, agent]) peer.close()
    })

    it('refuses joins with a wrong credential, a stranger agent, or to an unknown session', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      const wrong = await TestPeer.open(hub.wsUrl)
      wrong.send({ type: 'join', sessionId: access.sessionId, auth: { kind: 'end_user', credential: 'x'.repeat(43) } })
      expect(await wrong.next('error')).toMatchObject({ error: 'unauthorized' })
      expect(await wrong.closed).toBe(sessionCloseCodes.unauthorized)
      const specialist = await TestPeer.open(hub.wsUrl)
      specialist.send({
        type: 'join',
        sessionId: access.sessionId,
        auth: { kind: 'account', token: await hub.token('specialist') },
      })
      expect(await specialist.next('error')).toMatchObject({ error: 'forbidden' })
      expect(await specialist.closed).toBe(sessionCloseCodes.forbidden)
      const lost = await TestPeer.open(hub.wsUrl)
      lost.send({ type: 'join', sessionId: randomUUID(), auth: { kind: 'account', token: await hub.token('agent') } })
      expect(await lost.next('error')).toMatchObject({ error: 'not_found' })
      await user.sync()
      expect(user.state?.participants).toHaveLength(2)
      user.close()
      agent.close()
    })

    it('takes the control token away the moment the user revokes control, and tells every peer', async () => {
      const { user, agent } = await hub.openSession(randomUUID())
      agent.send({ type: 'permission_request', permission: 'control' })
      await user.until((s) =>
        s.permissionRequests.some((r) => r.participantId === agent.participantId && r.permission === 'control'),
      )
      user.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      await agent.until((s) =>
        s.participants.some((p) => p.id === agent.participantId && p.permissions.includes('control')),
      )
      agent.send({ type: 'control_request' })
      await user.until((s) => s.controlHolder === agent.participantId)
      user.send({ type: 'consent', action: 'revoke_control', participantId: agent.participantId })
      for (const peer of [user, agent]) {
        const state = await peer.until((s) => s.controlHolder === null)
        expect(state.participants.find((p) => p.id === agent.participantId)?.permissions).toEqual(['view'])
      }
      agent.send({ type: 'control_request' })
      expect(await agent.next('error')).toMatchObject({ error: 'not_permitted' })
      user.close()
      agent.close()
    })

    it('lets a specialist join only after the user approves them by name, hands control over only with approval, and goes on after the agent leaves', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      const specialistId = await hub.accountId('specialist')
      const specialistName = hub.login('specialist').displayName
      const invite = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/invite`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: { specialistAccountId: specialistId },
      })
      expect(invite.statusCode).toBe(201)
      const { invitationId } = invite.json<{ invitationId: string }>()
      const asked = await user.until((s) => s.invitations.length === 1)
      expect(asked.invitations[0]).toEqual({
        id: invitationId,
        displayName: specialistName,
        invitedBy: hub.login('agent').displayName,
      })

      const early = await TestPeer.open(hub.wsUrl)
      early.send({
        type: 'join',
        sessionId: access.sessionId,
        auth: { kind: 'account', token: await hub.token('specialist') },
      })
      expect(await early.next('error')).toMatchObject({
        error: 'forbidden',
        message: expect.stringContaining('not approved'),
      })

      user.send({ type: 'consent', action: 'approve_join', invitationId, displayName: 'Someone Else' })
      expect(await user.next('error')).toMatchObject({ error: 'bad_message' })
      user.send({ type: 'consent', action: 'approve_join', invitationId, displayName: specialistName })
      await user.until((s) => s.invitations.length === 0)
      const specialist = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'account',
        token: await hub.token('specialist'),
      })
      await user.until((s) => s.participants.some((p) => p.id === specialist.participantId && p.role === 'specialist'))

      user.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      await agent.until((s) =>
        s.participants.some((p) => p.id === agent.participantId && p.permissions.includes('control')),
      )
      agent.send({ type: 'control_request' })
      await agent.until((s) => s.controlHolder === agent.participantId)
      specialist.send({ type: 'control_request' })
      expect(await specialist.next('error')).toMatchObject({ error: 'not_permitted' })
      agent.send({ type: 'control_handover', to: specialist.participantId })
      const proposed = await user.until((s) => s.handover !== null)
      expect(proposed.handover).toEqual({
        from: agent.participantId,
        to: specialist.participantId,
        toName: specialistName,
      })
      expect(proposed.controlHolder).toBe(agent.participantId)
      user.send({ type: 'consent', action: 'approve_handover', to: specialist.participantId })
      await specialist.until((s) => s.controlHolder === specialist.participantId && s.handover === null)

      agent.send({ type: 'leave' })
      expect(await agent.closed).toBe(sessionCloseCodes.left)
      const after = await user.until((s) => s.participants.length === 2)
      expect(after.controlHolder).toBe(specialist.participantId)
      user.send({ type: 'consent', action: 'grant_view', participantId: specialist.participantId })
      specialist.send({ type: 'signal', to: user.participantId, data: offer })
      expect(await user.next('signal')).toMatchObject({ from: specialist.participantId })

      const audit = await hub.db.query<{ action: string }>(
        'select action from remote_session_audit where session_id = $1 order by id',
        [access.sessionId],
      )
      expect(audit.map((row) => row.action)).toEqual(
        expect.arrayContaining([
          'code_redeemed',
          'specialist_invited',
          'join_approved',
          'control_granted',
          'control_taken',
          'handover_proposed',
          'handover_approved',
          'left',
        ]),
      )
      user.close()
      specialist.close()
    })

    it('keeps a dropped participant in place with its permissions when it rejoins within the grace period', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      user.send({ type: 'consent', action: 'grant_view', participantId: agent.participantId })
      await agent.until((s) => s.participants.some((p) => p.permissions.includes('view')))
      agent.socket.terminate()
      await user.until((s) => s.participants.some((p) => p.id === agent.participantId && !p.connected))
      const back = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'account',
        token: await hub.token('agent'),
      })
      expect(back.participantId).toBe(agent.participantId)
      const state = await user.until((s) => s.participants.some((p) => p.id === agent.participantId && p.connected))
      expect(state.participants.find((p) => p.id === agent.participantId)?.permissions).toEqual(['view'])
      user.close()
      back.close()
    })

    it('ends the session when the user stops it, and writes the summary with permissions and chat', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      user.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      agent.send({ type: 'chat', text: 'I can see the printer settings now.' })
      const chat = await user.next('chat')
      expect(chat).toMatchObject({
        from: agent.participantId,
        role: 'agent',
        text: 'I can see the printer settings now.',
      })
      user.send({ type: 'connection_report', peer: agent.participantId, candidateType: 'host', protocol: 'udp' })
      user.send({ type: 'consent', action: 'stop' })
      for (const peer of [user, agent]) {
        expect(await peer.next('ended')).toEqual({ type: 'ended', reason: 'stopped' })
        expect(await peer.closed).toBe(sessionCloseCodes.ended)
      }
      const response = await hub.app.inject({
        method: 'GET',
        url: `/api/sessions/${access.sessionId}/summary`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
      })
      expect(response.statusCode).toBe(200)
      const summary = response.json()
      expect(summary).toMatchObject({
        sessionId: access.sessionId,
        ticketId: access.ticketId,
        origin: 'code',
        endReason: 'stopped',
        chat: [{ from: hub.login('agent').displayName, role: 'agent', text: 'I can see the printer settings now.' }],
        connections: [
          { from: 'Erika Enduser', to: hub.login('agent').displayName, candidateType: 'host', protocol: 'udp' },
        ],
      })
      expect(summary.participants.map((p: { role: string }) => p.role).sort()).toEqual(['agent', 'end_user'])
      expect(summary.permissions.map((p: { permission: string }) => p.permission).sort()).toEqual(['control', 'view'])
      for (const permission of summary.permissions) expect(permission.revokedAt).toBe(summary.endedAt)

      const again = await TestPeer.open(hub.wsUrl)
      again.send({
        type: 'join',
        sessionId: access.sessionId,
        auth: { kind: 'end_user', credential: access.credential },
      })
      expect(await again.next('error')).toMatchObject({ error: 'session_ended' })
    })

    it('keeps the audit log append-only', async () => {
      await expect(hub.db.query('delete from remote_session_audit')).rejects.toThrow(/append-only/)
      await expect(hub.db.query("update remote_session_audit set action = 'x'")).rejects.toThrow(/append-only/)
    })
  })

  describe(`session timeouts on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend, { idleTimeoutMs: 1000, reconnectGraceMs: 300 })
    })
    afterAll(() => hub.close())

    it('removes a dropped participant once the grace period has passed, freeing its token', async () => {
      const { user, agent } = await hub.openSession(randomUUID())
      user.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      await agent.until((s) => s.participants.some((p) => p.permissions.includes('control')))
      agent.send({ type: 'control_request' })
      await user.until((s) => s.controlHolder === agent.participantId)
      agent.socket.terminate()
      const state = await user.until((s) => s.participants.length === 1)
      expect(state.controlHolder).toBeNull()
      user.send({ type: 'consent', action: 'stop' })
      await user.closed
    })

    it('ends an idle session and says why', async () => {
      const { user, agent } = await hub.openSession(randomUUID())
      expect(await user.next('ended')).toEqual({ type: 'ended', reason: 'idle' })
      expect(await agent.next('ended')).toEqual({ type: 'ended', reason: 'idle' })
    })
  })
}
