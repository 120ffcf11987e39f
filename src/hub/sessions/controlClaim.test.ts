import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testBackends } from '../storage/testDatabases'
import { startSessionHub, type SessionHub } from './testing'

for (const backend of testBackends()) {
  describe(`who holds control, as Get Help's main process asks it, on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    })
    afterAll(() => hub.close())

    it('answers the end user’s credential with the holder and whether control stands, and nobody else', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      const ask = async (bearer: string) =>
        hub.app.inject({
          method: 'GET',
          url: `/api/sessions/${access.sessionId}/control`,
          headers: { authorization: `Bearer ${bearer}` },
        })
      expect((await ask(access.credential)).json()).toEqual({ holder: null, granted: false })

      user.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      await agent.until((s) => s.participants.some((p) => p.permissions.includes('control')))
      agent.send({ type: 'control_request' })
      await user.until((s) => s.controlHolder === agent.participantId)
      expect((await ask(access.credential)).json()).toEqual({ holder: agent.participantId, granted: true })

      user.send({ type: 'consent', action: 'pause' })
      await user.until((s) => s.session.paused)
      expect((await ask(access.credential)).json()).toEqual({ holder: agent.participantId, granted: false })

      expect((await ask(await hub.token('agent'))).statusCode).toBe(401)
      expect((await ask('x'.repeat(43))).statusCode).toBe(401)
      user.close()
      agent.close()
    })
  })
}
