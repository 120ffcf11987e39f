import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activeSessionsSchema, type EndUserAccess } from '@shared/session/api'
import { testBackends } from '../storage/testDatabases'
import { startSessionHub, TestPeer, type SessionHub } from './testing'

for (const backend of testBackends()) {
  describe(`an agent finds the sessions its codes opened, on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    }, 120_000)
    afterAll(() => hub.close())
    const active = async (role: 'agent' | 'specialist') => {
      const response = await hub.app.inject({
        method: 'GET',
        url: '/api/sessions/active',
        headers: { authorization: `Bearer ${await hub.token(role)}` },
      })
      expect(response.statusCode).toBe(200)
      return activeSessionsSchema.parse(response.json())
    }

    it('lists a redeemed code’s session for the agent who issued it, and no longer once it ended', async () => {
      const ticketId = randomUUID()
      const code = await hub.issueCode(ticketId)
      expect((await active('agent')).some((s) => s.ticketId === ticketId)).toBe(false)
      const access = (await hub.redeem(code)).json<EndUserAccess>()

      const listed = (await active('agent')).find((s) => s.ticketId === ticketId)
      expect(listed).toMatchObject({ sessionId: access.sessionId, requesterName: 'Erika Enduser' })
      expect(await active('specialist')).toEqual([])

      const user = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'end_user',
        credential: access.credential,
      })
      user.send({ type: 'consent', action: 'stop' })
      await user.closed
      expect((await active('agent')).some((s) => s.sessionId === access.sessionId)).toBe(false)
    })

    it('lists a session for a specialist only once the user approved their invitation', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      const invited = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/invite`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: { specialistAccountId: await hub.accountId('specialist') },
      })
      expect(invited.statusCode).toBe(201)
      const { invitationId, specialist } = invited.json<{ invitationId: string; specialist: { displayName: string } }>()
      expect((await active('specialist')).some((s) => s.sessionId === access.sessionId)).toBe(false)

      user.send({ type: 'consent', action: 'approve_join', invitationId, displayName: specialist.displayName })
      await user.sync()
      expect((await active('specialist')).map((s) => s.sessionId)).toContain(access.sessionId)
      user.close()
      agent.close()
    })

    it('refuses without a sign-in', async () => {
      const response = await hub.app.inject({ method: 'GET', url: '/api/sessions/active' })
      expect(response.statusCode).toBe(401)
    })
  })
}
