import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation, type DemoLogin } from '../seed'
import { createAuthSession, findAccountBySession } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { hashToken } from './tokens'

for (const backend of testBackends()) {
  describe(`token idle expiry on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let logins: DemoLogin[]
    const agent = () => logins.find((l) => l.role === 'agent')!
    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      logins = await seedDemoOrganisation(db)
    })
    afterAll(async () => {
      await db.drop()
    })

    it('keeps a token alive while it is used and ends it after the idle time, within its lifetime', async () => {
      const [{ id }] = (await db.query<{ id: string }>('select id from accounts where email = $1', [
        agent().email,
      ])) as [{ id: string }]
      const tokenHash = hashToken('idle-test-token-'.padEnd(43, 'x'))
      const t0 = Date.parse('2030-01-01T08:00:00Z')
      const at = (minutes: number) => new Date(t0 + minutes * 60_000)
      await createAuthSession(db, id, tokenHash, at(3 * 60), { seconds: 30 * 60, now: at(0) })
      expect(await findAccountBySession(db, tokenHash, at(25))).not.toBeNull()
      expect(await findAccountBySession(db, tokenHash, at(50))).not.toBeNull()
      expect(await findAccountBySession(db, tokenHash, at(75))).not.toBeNull()
      // 31 minutes without use.
      expect(await findAccountBySession(db, tokenHash, at(106))).toBeNull()
      expect(await findAccountBySession(db, tokenHash, at(107))).toBeNull()

      const busy = hashToken('busy-test-token-'.padEnd(43, 'x'))
      await createAuthSession(db, id, busy, at(60), { seconds: 30 * 60, now: at(0) })
      for (let minute = 20; minute < 60; minute += 20) {
        expect(await findAccountBySession(db, busy, at(minute))).not.toBeNull()
      }
      // Used all along, but past its lifetime.
      expect(await findAccountBySession(db, busy, at(61))).toBeNull()
    })

    it('gives tokens the configured idle time at sign-in and refuses an idle one with a clear message', async () => {
      const app = await buildApp(db, new Realtime(), {
        webDir: '/nonexistent',
        logLevel: 'silent',
        tokenIdleMinutes: 5,
      })
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: agent().email, password: agent().password },
      })
      const { token } = login.json<{ token: string }>()
      const auth = { authorization: `Bearer ${token}` }
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(200)
      const [row] = await db.query<{ idle_seconds: number }>(
        'select idle_seconds from auth_sessions where token_hash = $1',
        [hashToken(token)],
      )
      expect(row?.idle_seconds).toBe(300)
      await db.query(`update auth_sessions set last_used_at = now() - interval '6 minutes' where token_hash = $1`, [
        hashToken(token),
      ])
      const idle = await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })
      expect(idle.statusCode).toBe(401)
      expect(idle.json()).toEqual({
        error: 'unauthorized',
        message: 'Sign in first: the session is missing or expired.',
      })
      await app.close()
    })
  })
}
