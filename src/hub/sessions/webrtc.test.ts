import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testBackends } from '../storage/testDatabases'
import { connected, linkPeer, nextData, selectedCandidateType } from './peerLink'
import { startSessionHub, type SessionHub } from './testing'

for (const backend of testBackends()) {
  describe(`a real WebRTC connection signaled through the hub on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    })
    afterAll(() => hub.close())

    it('connects an agent and an end user in Node on loopback and carries a data-channel message', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      user.send({ type: 'consent', action: 'grant_view', participantId: agent.participantId })
      await agent.until((s) =>
        s.participants.some((p) => p.id === agent.participantId && p.permissions.includes('view')),
      )

      const agentPeer = linkPeer(agent, user.participantId, { initiator: true })
      const userPeer = linkPeer(user, agent.participantId, { initiator: false })
      try {
        await Promise.all([connected(agentPeer), connected(userPeer)])
        const received = nextData(userPeer)
        agentPeer.send('hello from the agent')
        expect(await received).toBe('hello from the agent')

        const candidateType = await selectedCandidateType(userPeer)
        expect(candidateType).toBe('host')
        user.send({
          type: 'connection_report',
          peer: agent.participantId,
          candidateType: candidateType!,
          protocol: 'udp',
        })
      } finally {
        agentPeer.destroy()
        userPeer.destroy()
      }
      user.send({ type: 'consent', action: 'stop' })
      await agent.next('ended')
      const summary = await hub.app.inject({
        method: 'GET',
        url: `/api/sessions/${access.sessionId}/summary`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
      })
      expect(summary.json()).toMatchObject({ connections: [{ from: 'Erika Enduser', candidateType: 'host' }] })
    })
  })
}
