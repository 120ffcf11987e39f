import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EndUserAccess, WaitingRequest } from '@shared/session/api'
import { testBackends } from '../storage/testDatabases'
import { startSessionHub, TestPeer, type SessionHub } from './testing'

for (const backend of testBackends()) {
  describe(`a repeated Get Help session request on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    })
    afterAll(() => hub.close())

    const ask = (payload: Record<string, unknown>) =>
      hub.app.inject({
        method: 'POST',
        url: '/api/sessions/requests',
        payload: { enrolment: hub.enrolment, ...payload },
      })
    const waitingWith = async (description: string) => {
      const queue = await hub.app.inject({
        method: 'GET',
        url: '/api/sessions/requests',
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
      })
      return queue.json<WaitingRequest[]>().filter((waiting) => waiting.description === description)
    }
    const sessionsWith = async (description: string) =>
      hub.db.query<{ id: string }>('select id from remote_sessions where description = $1', [description])

    it('answers a retry with the same session and a credential that still joins it, and queues it once', async () => {
      const requestKey = randomUUID()
      const body = { requestKey, name: 'Erika Enduser', description: 'Retry: the printer is offline.' }
      const first = await ask(body)
      expect(first.statusCode).toBe(201)
      // The answer was lost; Get Help sends the same request again.
      const again = await ask({ ...body, requestKey: requestKey.toUpperCase() })
      expect(again.statusCode).toBe(201)
      const access = again.json<EndUserAccess>()
      expect(access).toEqual(first.json<EndUserAccess>())
      expect(await waitingWith(body.description)).toHaveLength(1)

      const user = await TestPeer.join(hub.wsUrl, access.sessionId, { kind: 'end_user', credential: access.credential })
      expect((await user.until((s) => s.participants.length === 1)).session.status).toBe('waiting')
      user.close()

      const stored = await hub.db.query<{ end_user_credential_hash: string }>(
        'select end_user_credential_hash from remote_sessions where id = $1',
        [access.sessionId],
      )
      expect(stored[0]!.end_user_credential_hash).not.toContain(access.credential)
    })

    it('gives a new key its own session and credential', async () => {
      const description = 'Two requests: the scanner is offline.'
      const one = (await ask({ requestKey: randomUUID(), name: 'Erika Enduser', description })).json<EndUserAccess>()
      const two = (await ask({ requestKey: randomUUID(), name: 'Erika Enduser', description })).json<EndUserAccess>()
      expect(two.sessionId).not.toBe(one.sessionId)
      expect(two.credential).not.toBe(one.credential)
      expect(await waitingWith(description)).toHaveLength(2)
    })

    it('makes one session of two copies sent at the same moment', async () => {
      const body = { requestKey: randomUUID(), name: 'Erika Enduser', description: 'At once: no sound.' }
      const answers = await Promise.all([ask(body), ask(body), ask(body)])
      expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201])
      const accesses = answers.map((answer) => answer.json<EndUserAccess>())
      expect(new Set(accesses.map((access) => access.sessionId)).size).toBe(1)
      expect(new Set(accesses.map((access) => access.credential)).size).toBe(1)
      expect(await sessionsWith(body.description)).toHaveLength(1)
    })

    it('answers a retry after an agent accepted with the session as it is now', async () => {
      const body = { requestKey: randomUUID(), name: 'Erika Enduser', description: 'Accepted: the mouse is slow.' }
      const first = (await ask(body)).json<EndUserAccess>()
      const accepted = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${first.sessionId}/accept`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: {},
      })
      expect(accepted.statusCode).toBe(200)
      const again = (await ask(body)).json<EndUserAccess>()
      expect(again).toMatchObject({
        sessionId: first.sessionId,
        credential: first.credential,
        ticketId: accepted.json<{ ticketId: string }>().ticketId,
        agent: { displayName: hub.login('agent').displayName },
      })
      expect(await sessionsWith(body.description)).toHaveLength(1)
    })

    it('refuses a malformed key with a 400 and stores nothing', async () => {
      const description = 'Bad key: the screen is black.'
      const refused = await ask({ requestKey: 'not-a-uuid', name: 'Erika Enduser', description })
      expect(refused.statusCode).toBe(400)
      expect(refused.body).toContain('requestKey')
      expect(await sessionsWith(description)).toHaveLength(0)
    })

    it('still queues a request without a key, as Get Help apps installed before it send', async () => {
      const description = 'No key: the keyboard is stuck.'
      await ask({ name: 'Erika Enduser', description })
      await ask({ name: 'Erika Enduser', description })
      expect(await sessionsWith(description)).toHaveLength(2)
    })
  })
}
