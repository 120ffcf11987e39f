import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { closeCodes } from '@shared/hubProtocol'
import { sessionCloseCodes } from '@shared/session/protocol'
import { testBackends } from '../storage/testDatabases'
import { startSessionHub, TestPeer, type SessionHub } from './testing'

for (const backend of testBackends()) {
  describe(`signing out on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    })
    afterAll(() => hub.close())

    /** A sign-in of its own, so signing it out leaves the hub's cached tokens working. */
    const signIn = async (address: string) => {
      const login = hub.login('agent')
      const response = await hub.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: login.email, password: login.password },
        remoteAddress: address,
      })
      return response.json<{ token: string }>().token
    }

    it('closes the Console socket and every session socket of the token at once, and takes control away', async () => {
      const token = await signIn('10.8.0.1')
      const other = await signIn('10.8.0.2')
      const realtimeSocket = new WebSocket(hub.wsUrl.replace('/ws/session', '/ws'))
      const realtimeClosed = new Promise<number>((resolve) => realtimeSocket.once('close', resolve))
      await new Promise((resolve) => realtimeSocket.once('open', resolve))
      const welcomed = new Promise((resolve) => realtimeSocket.once('message', resolve))
      realtimeSocket.send(JSON.stringify({ type: 'hello', token }))
      await welcomed

      const access = (await hub.redeem(await hub.issueCode(randomUUID()), 'Erika Enduser', '10.8.1.1')).json<{
        sessionId: string
        credential: string
      }>()
      const user = await TestPeer.join(hub.wsUrl, access.sessionId, { kind: 'end_user', credential: access.credential })
      const agent = await TestPeer.join(hub.wsUrl, access.sessionId, { kind: 'account', token })
      user.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      await agent.until((s) => s.participants.some((p) => p.permissions.includes('control')))
      agent.send({ type: 'control_request' })
      await user.until((s) => s.controlHolder === agent.participantId)

      const out = await hub.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { authorization: `Bearer ${token}` },
      })
      expect(out.statusCode).toBe(204)
      expect(await realtimeClosed).toBe(closeCodes.unauthorized)
      expect(await agent.closed).toBe(sessionCloseCodes.unauthorized)
      const after = await user.until((s) => !s.participants.some((p) => p.id === agent.participantId))
      expect(after.controlHolder).toBeNull()

      // The same account signed in elsewhere keeps its own sockets, and may rejoin with that sign-in.
      const again = await TestPeer.join(hub.wsUrl, access.sessionId, { kind: 'account', token: other })
      expect((await user.until((s) => s.participants.some((p) => p.id === again.participantId))).controlHolder).toBe(
        null,
      )
      user.close()
      again.close()
    })
  })
}
