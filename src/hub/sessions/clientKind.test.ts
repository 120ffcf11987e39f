import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testBackends } from '../storage/testDatabases'
import { clientKindOfSignIn } from './clientKind'
import { startSessionHub, TestPeer, type SessionHub } from './testing'

describe('the Console kind of a sign-in', () => {
  it('is the desktop Console only for a file:// page or a program that is no browser', () => {
    expect(clientKindOfSignIn({ origin: 'null', 'sec-fetch-site': 'cross-site' })).toBe('desktop')
    expect(clientKindOfSignIn({ origin: 'file://' })).toBe('desktop')
    expect(clientKindOfSignIn({})).toBe('desktop')
    expect(clientKindOfSignIn({ origin: 'http://127.0.0.1:4780', 'sec-fetch-site': 'same-origin' })).toBe('web')
    expect(clientKindOfSignIn({ origin: 'https://elsewhere.example' })).toBe('web')
    expect(clientKindOfSignIn({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' })).toBe('web')
  })
})

for (const backend of testBackends()) {
  describe(`a specialist's control follows the sign-in, not the join message, on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    })
    afterAll(() => hub.close())

    const signInSpecialist = async (headers: Record<string, string>, address: string) => {
      const login = hub.login('specialist')
      const response = await hub.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: login.email, password: login.password },
        headers,
        remoteAddress: address,
      })
      return response.json<{ token: string }>().token
    }

    /** A running session the specialist was invited to and the user approved. */
    const approvedSession = async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      const invite = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/invite`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: { specialistAccountId: await hub.accountId('specialist') },
      })
      const { invitationId } = invite.json<{ invitationId: string }>()
      const displayName = hub.login('specialist').displayName
      user.send({ type: 'consent', action: 'approve_join', invitationId, displayName })
      await user.sync()
      return { access, user, agent }
    }

    it('keeps a web Console sign-in view-only even when its join claims the desktop Console', async () => {
      const token = await signInSpecialist(
        { origin: 'http://127.0.0.1:4780', 'sec-fetch-site': 'same-origin' },
        '10.11.0.1',
      )
      const { access, user, agent } = await approvedSession()
      const specialist = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'account',
        token,
        client: 'desktop',
      } as never)
      const state = await user.until((s) => s.participants.some((p) => p.id === specialist.participantId))
      expect(state.participants.find((p) => p.id === specialist.participantId)).toMatchObject({ viewOnly: true })
      user.send({ type: 'consent', action: 'grant_control', participantId: specialist.participantId })
      expect(await user.next('error')).toMatchObject({
        error: 'forbidden',
        message: expect.stringContaining('web Console'),
      })
      for (const peer of [user, agent, specialist]) peer.close()
    })

    it('lets a desktop Console sign-in take control once granted', async () => {
      const token = await signInSpecialist({ origin: 'null', 'sec-fetch-site': 'cross-site' }, '10.11.0.2')
      const { access, user, agent } = await approvedSession()
      const specialist = await TestPeer.join(hub.wsUrl, access.sessionId, { kind: 'account', token })
      user.send({ type: 'consent', action: 'grant_control', participantId: specialist.participantId })
      const state = await user.until((s) =>
        s.participants.some((p) => p.id === specialist.participantId && p.permissions.includes('control')),
      )
      expect(state.participants.find((p) => p.id === specialist.participantId)?.viewOnly).toBeUndefined()
      for (const peer of [user, agent, specialist]) peer.close()
    })
  })
}
