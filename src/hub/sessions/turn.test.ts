import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IceConfig } from '@shared/session/api'
import { describeGatheringFailure } from '@shared/session/connectionFailure'
import { testBackends } from '../storage/testDatabases'
import { connected, gatherCandidateTypes, linkPeer, nextData, selectedCandidateType } from './peerLink'
import { startSessionHub, type SessionHub } from './testing'
import { startTurnServer, turnServerBinary } from './turnServer'

const [backend] = testBackends()
const ttlSeconds = 600

describe.skipIf(!existsSync(turnServerBinary))('sessions relayed through a real coturn on loopback', () => {
  const secret = randomBytes(24).toString('base64url')
  let turn: Awaited<ReturnType<typeof startTurnServer>>
  let hub: SessionHub
  beforeAll(async () => {
    turn = await startTurnServer(secret)
    hub = await startSessionHub(backend!, { turnUrls: [turn.url], turnSecret: secret, turnTtlSeconds: ttlSeconds })
  })
  afterAll(async () => {
    await hub?.close()
    await turn?.stop()
  })

  const iceFor = async (sessionId: string, bearer: string) =>
    (
      await hub.app.inject({
        method: 'GET',
        url: `/api/sessions/${sessionId}/ice`,
        headers: { authorization: `Bearer ${bearer}` },
      })
    ).json<IceConfig>()

  it('connects two peers through the relay only, with the hub’s short-lived credentials', async () => {
    const { access, user, agent } = await hub.openSession(randomUUID())
    user.send({ type: 'consent', action: 'grant_view', participantId: agent.participantId })
    await agent.until((s) => s.participants.some((p) => p.id === agent.participantId && p.permissions.includes('view')))
    const userIce = await iceFor(access.sessionId, access.credential)
    const agentIce = await iceFor(access.sessionId, await hub.token('agent'))
    expect(userIce.iceServers).toEqual([
      expect.objectContaining({ urls: [turn.url], username: expect.stringMatching(/^\d+:/) }),
    ])

    const agentPeer = linkPeer(agent, user.participantId, {
      initiator: true,
      iceServers: agentIce.iceServers,
      relayOnly: true,
    })
    const userPeer = linkPeer(user, agent.participantId, {
      initiator: false,
      iceServers: userIce.iceServers,
      relayOnly: true,
    })
    try {
      await Promise.all([connected(agentPeer), connected(userPeer)])
      const received = nextData(agentPeer)
      userPeer.send('relayed hello')
      expect(await received).toBe('relayed hello')
      // The stats name the chosen pair a moment after data first flows; wait for them rather than read once.
      await expect.poll(() => selectedCandidateType(userPeer), { timeout: 5000 }).toBe('relay')
    } finally {
      agentPeer.destroy()
      userPeer.destroy()
      user.close()
      agent.close()
    }
  })

  it('gets no relay with an expired credential, and says that TURN refused it because it expired', async () => {
    const { access, user, agent } = await hub.openSession(randomUUID())
    // Relay credentials exist only once the user lets someone see the screen.
    user.send({ type: 'consent', action: 'grant_view', participantId: agent.participantId })
    await user.next('ice')
    const fresh = await iceFor(access.sessionId, access.credential)
    expect(await gatherCandidateTypes(fresh.iceServers, true)).toContain('relay')

    hub.clock.advance(-(ttlSeconds + 60) * 1000)
    const expired = await iceFor(access.sessionId, access.credential)
    hub.clock.advance((ttlSeconds + 60) * 1000)
    const gathered = await gatherCandidateTypes(expired.iceServers, true)
    expect(gathered).not.toContain('relay')
    const failure = describeGatheringFailure({
      gathered,
      relayOnly: true,
      turnConfigured: true,
      turnExpiresAt: expired.expiresAt,
      now: new Date(),
    })
    expect(failure).toMatch(/^TURN: .*expired/)
    expect(
      describeGatheringFailure({
        gathered: ['relay'],
        relayOnly: true,
        turnConfigured: true,
        turnExpiresAt: fresh.expiresAt,
        now: new Date(),
      }),
    ).toBeNull()
    user.close()
    agent.close()
  })
})
