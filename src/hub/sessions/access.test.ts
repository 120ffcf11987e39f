import { createHmac, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EndUserAccess } from '@shared/session/api'
import { testBackends } from '../storage/testDatabases'
import {
  addressFailureLimit,
  codeLifetimeMs,
  nearMissLimit,
  prefixCautionLimit,
  prefixClosedLimit,
  prefixWindowMs,
} from './codes'
import { startSessionHub, TestPeer, type SessionHub } from './testing'

/**
 * A wrong code numbered `variant` that is never within one typo of `code`: its first and last
 * digits both differ, and those are not neighbours.
 */
function wrongCode(code: string, variant: number): string {
  const shift = (digit: string | undefined) => String((Number(digit) + 5) % 10)
  return shift(code[0]) + code.slice(1, 3) + String(variant).padStart(2, '0') + code.slice(5, 8) + shift(code[8])
}

for (const backend of testBackends()) {
  describe(`ways into a session on ${backend.name}`, () => {
    let hub: SessionHub
    const turnSecret = 'turn-secret-for-tests-0123456789'
    beforeAll(async () => {
      hub = await startSessionHub(backend, {
        stunUrls: ['stun:127.0.0.1:3478'],
        turnUrls: ['turn:127.0.0.1:3478?transport=udp'],
        turnSecret,
        turnTtlSeconds: 600,
        // Renewal is half the lifetime in production; a quick one keeps the test short.
        iceRenewMs: 300,
      })
    })
    afterAll(() => hub.close())
    const auth = async (role: 'agent' | 'specialist' = 'agent') => ({
      authorization: `Bearer ${await hub.token(role)}`,
    })

    it('issues a 9-digit code that opens a session for its ticket once and stores only its hash', async () => {
      const ticketId = randomUUID()
      const issued = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/codes',
        headers: await auth(),
        payload: { ticketId },
      })
      expect(issued.statusCode).toBe(201)
      const { code, expiresAt } = issued.json<{ code: string; expiresAt: string }>()
      expect(code).toMatch(/^\d{9}$/)
      expect(new Date(expiresAt).getTime() - hub.clock.now().getTime()).toBeLessThanOrEqual(codeLifetimeMs)
      const stored = await hub.db.query<{ code_hash: string }>(
        'select code_hash from remote_session_codes where ticket_id = $1',
        [ticketId],
      )
      expect(stored).toHaveLength(1)
      expect(stored[0]!.code_hash).not.toContain(code)

      const redeemed = await hub.redeem(
        `${code.slice(0, 3)} ${code.slice(3, 6)}-${code.slice(6)}`,
        'Erika Enduser',
        '10.1.0.1',
      )
      expect(redeemed.statusCode).toBe(201)
      expect(redeemed.json()).toMatchObject({
        ticketId,
        agent: { displayName: hub.login('agent').displayName },
        organisation: { name: 'Demo Organisation' },
      })
      const again = await hub.redeem(code, 'Erika Enduser', '10.1.0.2')
      expect(again.statusCode).toBe(410)
      expect(again.json()).toMatchObject({ error: 'code_used', message: expect.stringContaining('already been used') })
    })

    it('refuses a code after ten minutes', async () => {
      const code = await hub.issueCode(randomUUID())
      hub.clock.advance(codeLifetimeMs + 1000)
      const late = await hub.redeem(code, 'Erika Enduser', '10.2.0.1')
      expect(late.statusCode).toBe(410)
      expect(late.json()).toMatchObject({ error: 'code_expired', message: expect.stringContaining('expired') })
    })

    it('blocks an address after 5 failed entries, even for a correct code, until the window has passed', async () => {
      const code = await hub.issueCode(randomUUID())
      for (let i = 0; i < addressFailureLimit; i++) {
        const wrong = await hub.redeem(wrongCode(code, i), 'Mallory', '10.3.0.1')
        expect(wrong.json()).toMatchObject({ error: 'code_wrong' })
      }
      const blocked = await hub.redeem(code, 'Mallory', '10.3.0.1')
      expect(blocked.statusCode).toBe(429)
      expect(blocked.json()).toMatchObject({ error: 'too_many_attempts' })
      hub.clock.advance(9 * 60_000)
      expect((await hub.redeem(code, 'Mallory', '10.3.0.1')).statusCode).toBe(429)
      expect((await hub.redeem(code, 'Erika Enduser', '10.3.0.2')).statusCode).toBe(201)
      hub.clock.advance(61_000)
      const fresh = await hub.issueCode(randomUUID())
      expect((await hub.redeem(fresh, 'Erika Enduser', '10.3.0.1')).statusCode).toBe(201)
    })

    it('blocks a code after 5 near misses, whatever the addresses', async () => {
      const code = await hub.issueCode(randomUUID())
      for (let i = 0; i < nearMissLimit; i++) {
        const typo = code.slice(0, i) + String((Number(code[i]) + 1) % 10) + code.slice(i + 1)
        expect((await hub.redeem(typo, 'Mallory', `10.4.0.${i}`)).json()).toMatchObject({ error: 'code_wrong' })
      }
      const blocked = await hub.redeem(code, 'Erika Enduser', '10.4.1.1')
      expect(blocked.statusCode).toBe(410)
      expect(blocked.json()).toMatchObject({ error: 'code_blocked' })
    })

    it('keeps every other code working after 110 wrong entries from 22 addresses in a moment', async () => {
      const code = await hub.issueCode(randomUUID())
      const attempts = []
      for (let i = 0; i < 110; i++) {
        // Guesses all over the code space, as a scan would make them; none shares the code's prefix.
        const prefix = String((Number(code.slice(0, 3)) + 1 + i) % 1000).padStart(3, '0')
        attempts.push(hub.redeem(`${prefix}${String(i * 7919).padStart(6, '0')}`, 'Mallory', `10.5.${i % 22}.1`))
      }
      const answers = await Promise.all(attempts)
      expect(answers.every((answer) => [400, 429].includes(answer.statusCode))).toBe(true)
      expect((await hub.redeem(code, 'Erika Enduser', '10.5.200.1')).statusCode).toBe(201)
    })

    it('limits guessing per code prefix: the holder of a code still gets in, guessers are stopped', async () => {
      // The scan in the test before touched 110 of the 1,000 prefixes; let its window pass so this
      // code's prefix starts from no failures whichever prefix it drew.
      hub.clock.advance(prefixWindowMs + 1000)
      const code = await hub.issueCode(randomUUID())
      const prefix = code.slice(0, 3)
      // Wrong codes with the same prefix, never one typo from the code: the last four digits all differ.
      const sibling = (i: number) =>
        prefix + code.slice(3, 5) + [...code.slice(5)].map((d) => String((Number(d) + 1 + (i % 8)) % 10)).join('')
      for (let i = 0; i < prefixCautionLimit; i++) {
        const wrong = await hub.redeem(sibling(i), 'Mallory', `10.7.${Math.floor(i / 4)}.1`)
        expect(wrong.json()).toMatchObject({ error: 'code_wrong' })
      }
      // A guesser who already failed is refused before the code is even compared...
      const again = await hub.redeem(code, 'Mallory', '10.7.0.1')
      expect(again.statusCode).toBe(429)
      expect(again.json()).toMatchObject({ error: 'too_many_attempts', message: expect.stringContaining('new code') })
      // ...while the person who was told the code, on an address of their own, gets in.
      expect((await hub.redeem(code, 'Erika Enduser', '10.7.100.1')).statusCode).toBe(201)

      // Fresh addresses may try once each until the prefix is closed for everyone.
      for (let i = prefixCautionLimit; i < prefixClosedLimit; i++) {
        expect((await hub.redeem(sibling(i), 'Mallory', `10.7.${i}.2`)).json()).toMatchObject({ error: 'code_wrong' })
      }
      expect((await hub.redeem(sibling(0), 'Mallory', '10.7.250.3')).statusCode).toBe(429)
      hub.clock.advance(10 * 60_000 + 1000)
      expect((await hub.redeem(sibling(0), 'Mallory', '10.7.250.3')).json()).toMatchObject({ error: 'code_wrong' })
    })

    it('refuses malformed redeem bodies and code requests from non-agents', async () => {
      for (const payload of [
        { code: '12345', name: 'x' },
        { code: 'abcdefghi', name: 'x' },
        { code: '123456789', name: '' },
        {},
      ]) {
        const response = await hub.app.inject({
          method: 'POST',
          url: '/api/sessions/redeem',
          payload,
          remoteAddress: '10.6.0.1',
        })
        expect(response.statusCode).toBe(400)
        expect(response.json()).toMatchObject({ error: 'invalid_request' })
      }
      const specialist = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/codes',
        headers: await auth('specialist'),
        payload: { ticketId: randomUUID() },
      })
      expect(specialist.statusCode).toBe(403)
      const anonymous = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/codes',
        payload: { ticketId: randomUUID() },
      })
      expect(anonymous.statusCode).toBe(401)
      const badTicket = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/codes',
        headers: await auth(),
        payload: { ticketId: 'T-1' },
      })
      expect(badTicket.statusCode).toBe(400)
    })

    it('queues a Get Help request until an agent accepts it and records the time to pickup', async () => {
      const filed = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/requests',
        payload: {
          enrolment: hub.enrolment,
          name: 'Erika Enduser',
          description: 'The printer on floor 2 does not print.',
        },
      })
      expect(filed.statusCode).toBe(201)
      const access = filed.json<EndUserAccess>()
      expect(access).toMatchObject({ ticketId: null, agent: null })
      const user = await TestPeer.join(hub.wsUrl, access.sessionId, { kind: 'end_user', credential: access.credential })
      expect((await user.until((s) => s.participants.length === 1)).session.status).toBe('waiting')

      const queue = await hub.app.inject({ method: 'GET', url: '/api/sessions/requests', headers: await auth() })
      expect(queue.json()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sessionId: access.sessionId,
            requesterName: 'Erika Enduser',
            description: 'The printer on floor 2 does not print.',
          }),
        ]),
      )
      const early = await TestPeer.open(hub.wsUrl)
      early.send({
        type: 'join',
        sessionId: access.sessionId,
        auth: { kind: 'account', token: await hub.token('agent') },
      })
      expect(await early.next('error')).toMatchObject({
        error: 'forbidden',
        message: expect.stringContaining('accepted'),
      })

      hub.clock.advance(95_000)
      const ticketId = randomUUID()
      const accepted = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/accept`,
        headers: await auth(),
        payload: { ticketId },
      })
      expect(accepted.statusCode).toBe(200)
      expect(accepted.json()).toEqual({ sessionId: access.sessionId, ticketId, pickupSeconds: 95 })
      expect((await user.until((s) => s.session.status === 'active')).session.ticketId).toBe(ticketId)
      const twice = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/accept`,
        headers: await auth(),
        payload: {},
      })
      expect(twice.statusCode).toBe(409)
      const listed = await hub.app.inject({ method: 'GET', url: '/api/sessions/requests', headers: await auth() })
      expect(listed.json<Array<{ sessionId: string }>>().map((r) => r.sessionId)).not.toContain(access.sessionId)

      const agent = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'account',
        token: await hub.token('agent'),
      })
      await user.until((s) => s.participants.length === 2)
      user.send({ type: 'consent', action: 'stop' })
      await agent.next('ended')
      const summary = await hub.app.inject({
        method: 'GET',
        url: `/api/sessions/${access.sessionId}/summary`,
        headers: await auth(),
      })
      expect(summary.json()).toMatchObject({ origin: 'request', pickupSeconds: 95, endReason: 'stopped' })
    })

    it('refuses a help request without a description', async () => {
      const response = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/requests',
        payload: { enrolment: hub.enrolment, name: 'Erika', description: ' ' },
      })
      expect(response.statusCode).toBe(400)
    })

    it('hands out TURN only once an agent accepted and the user granted view, short-lived and renewed', async () => {
      type Ice = { iceServers: Array<{ urls: string[]; username?: string; credential?: string }>; expiresAt: string }
      const iceOf = async (sessionId: string, bearer: string) =>
        hub.app.inject({
          method: 'GET',
          url: `/api/sessions/${sessionId}/ice`,
          headers: { authorization: `Bearer ${bearer}` },
        })

      // An anonymous request nobody accepted yet: STUN at most, no relay.
      const filed = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/requests',
        payload: { enrolment: hub.enrolment, name: 'Mallory', description: 'Relay me for an hour, please.' },
      })
      const waiting = filed.json<EndUserAccess>()
      const waiter = await TestPeer.join(hub.wsUrl, waiting.sessionId, {
        kind: 'end_user',
        credential: waiting.credential,
      })
      await waiter.sync()
      expect(waiter.types()).not.toContain('ice')
      expect((await iceOf(waiting.sessionId, waiting.credential)).json()).toEqual({
        iceServers: [{ urls: ['stun:127.0.0.1:3478'] }],
        expiresAt: null,
      })
      waiter.close()

      // Accepted, but nobody may see the screen yet: still no relay, neither on the socket nor by HTTP.
      const { access, user, agent } = await hub.openSession(randomUUID())
      expect((await iceOf(access.sessionId, access.credential)).json<Ice>().iceServers).toEqual([
        { urls: ['stun:127.0.0.1:3478'] },
      ])
      expect((await iceOf(access.sessionId, (await auth()).authorization.slice(7))).json<Ice>().expiresAt).toBeNull()

      user.send({ type: 'consent', action: 'grant_view', participantId: agent.participantId })
      const toUser = await user.next('ice')
      const toAgent = await agent.next('ice')
      for (const [ice, participantId] of [
        [toUser, user.participantId],
        [toAgent, agent.participantId],
      ] as const) {
        expect(ice.iceServers[0]).toEqual({ urls: ['stun:127.0.0.1:3478'] })
        const turn = ice.iceServers[1]!
        const [expiry, owner] = turn.username!.split(':')
        expect(owner).toBe(participantId)
        expect(Number(expiry) * 1000).toBe(new Date(ice.expiresAt!).getTime())
        expect(Number(expiry) - Math.floor(hub.clock.now().getTime() / 1000)).toBe(600)
        expect(turn.credential).toBe(createHmac('sha1', turnSecret).update(turn.username!).digest('base64'))
      }
      const response = await iceOf(access.sessionId, access.credential)
      expect(response.json<Ice>().iceServers[1]!.username).toContain(user.participantId)

      // While the session runs the hub renews the credentials before they run out.
      hub.clock.advance(300_000)
      const renewed = await user.next('ice', (ice) => ice.expiresAt !== toUser.expiresAt)
      // Expiries are whole seconds of a clock that also runs in real time: the renewal lands 300 s later, or 301.
      const later = new Date(renewed.expiresAt!).getTime() - new Date(toUser.expiresAt!).getTime()
      expect(later).toBeGreaterThanOrEqual(300_000)
      expect(later).toBeLessThanOrEqual(301_000)

      const specialist = await iceOf(access.sessionId, (await auth('specialist')).authorization.slice(7))
      expect(specialist.statusCode).toBe(403)
      const nobody = await iceOf(access.sessionId, 'z'.repeat(43))
      expect(nobody.statusCode).toBe(401)
      user.close()
      agent.close()
    })

    it('keeps the summary back while the session runs and invitations to the session agent', async () => {
      const { access, user, agent } = await hub.openSession(randomUUID())
      const running = await hub.app.inject({
        method: 'GET',
        url: `/api/sessions/${access.sessionId}/summary`,
        headers: await auth(),
      })
      expect(running.statusCode).toBe(409)
      const bySpecialist = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/invite`,
        headers: await auth('specialist'),
        payload: { specialistAccountId: await hub.accountId('specialist') },
      })
      expect(bySpecialist.statusCode).toBe(403)
      const notSpecialist = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/invite`,
        headers: await auth(),
        payload: { specialistAccountId: await hub.accountId('agent') },
      })
      expect(notSpecialist.statusCode).toBe(404)
      user.close()
      agent.close()
    })
  })
}
