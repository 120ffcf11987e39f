import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation, type DemoLogin } from '../seed'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { SignInThrottle } from './signInThrottle'

describe('sign-in throttle per account', () => {
  it('lets the first attempts through, then asks for waits that double up to a minute', () => {
    let now = 0
    const throttle = new SignInThrottle(() => now)
    for (let i = 0; i < 5; i++) expect(throttle.attempt('ana@x.example', `10.0.0.${i}`)).toBe(0)
    const waits: number[] = []
    for (let i = 0; i < 8; i++) {
      expect(throttle.attempt('ANA@x.example', '10.0.1.1')).toBe(0)
      const wait = throttle.attempt('ana@x.example', '10.0.1.2')
      waits.push(wait)
      now += wait
    }
    expect(waits).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000])
    // Other accounts are not slowed down.
    expect(throttle.attempt('ben@x.example', '10.0.1.1')).toBe(0)
  })

  it('starts afresh after a right password and after a quiet quarter of an hour', () => {
    let now = 0
    const throttle = new SignInThrottle(() => now)
    for (let i = 0; i < 6; i++) throttle.attempt('ana@x.example', '10.0.0.1')
    expect(throttle.attempt('ana@x.example', '10.0.0.1')).toBeGreaterThan(0)
    now += 15 * 60_000
    expect(throttle.attempt('ana@x.example', '10.0.0.1')).toBe(0)
    throttle.succeeded('ana@x.example', '10.0.0.1')
    for (let i = 0; i < 5; i++) expect(throttle.attempt('ana@x.example', '10.0.0.9')).toBe(0)
  })
})

for (const backend of testBackends()) {
  describe(`sign-in limits on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let logins: DemoLogin[]
    let now = Date.parse('2030-01-01T08:00:00Z')
    const agent = () => logins.find((l) => l.role === 'agent')!
    const sessionCount = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from auth_sessions'))[0]!.n

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      logins = await seedDemoOrganisation(db)
    })
    afterAll(async () => {
      await db.drop()
    })

    const open = (options: { trustedProxies?: string[] } = {}) =>
      buildApp(db, new Realtime(), {
        webDir: '/nonexistent',
        logLevel: 'silent',
        signInThrottle: new SignInThrottle(() => now),
        ...options,
      })

    const signIn = (
      app: Awaited<ReturnType<typeof open>>,
      password: string,
      from: { remoteAddress?: string; forwardedFor?: string; email?: string } = {},
    ) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: from.email ?? agent().email, password },
        ...(from.remoteAddress ? { remoteAddress: from.remoteAddress } : {}),
        ...(from.forwardedFor ? { headers: { 'x-forwarded-for': from.forwardedFor } } : {}),
      })

    it('makes guesses on one account from many addresses wait, says how long, and then lets the owner in', async () => {
      const app = await open()
      for (let i = 1; i <= 6; i++) {
        expect((await signIn(app, 'guess', { remoteAddress: `192.0.2.${i}` })).statusCode).toBe(401)
      }
      const before = await sessionCount()
      const refused = await signIn(app, agent().password, { remoteAddress: '192.0.2.50' })
      expect(refused.statusCode).toBe(429)
      const retryAfter = Number(refused.headers['retry-after'])
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(60)
      expect(refused.json()).toEqual({
        error: 'too_many_requests',
        message: `Too many failed sign-ins for this account. Try again in ${retryAfter} seconds.`,
      })
      expect(await sessionCount()).toBe(before)
      now += retryAfter * 1000
      expect((await signIn(app, agent().password, { remoteAddress: '192.0.2.50' })).statusCode).toBe(200)
      await app.close()
    })

    it('keeps an address that signed in to the account before out of strangers’ waits', async () => {
      const app = await open()
      expect((await signIn(app, agent().password, { remoteAddress: '198.51.100.7' })).statusCode).toBe(200)
      for (let i = 1; i <= 7; i++) await signIn(app, 'guess', { remoteAddress: `192.0.2.${100 + i}` })
      expect((await signIn(app, agent().password, { remoteAddress: '192.0.2.120' })).statusCode).toBe(429)
      expect((await signIn(app, agent().password, { remoteAddress: '198.51.100.7' })).statusCode).toBe(200)
      await app.close()
    })

    it('still limits one address across accounts', async () => {
      const app = await open()
      for (let i = 0; i < 10; i++) {
        const response = await signIn(app, 'guess', { email: `nobody${i}@demo.firstline.local` })
        expect(response.statusCode).toBe(401)
      }
      const limited = await signIn(app, 'guess', { email: 'nobody-else@demo.firstline.local' })
      expect(limited.statusCode).toBe(429)
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
      await app.close()
    })

    it('gives clients behind a trusted proxy buckets of their own by X-Forwarded-For', async () => {
      const app = await open({ trustedProxies: ['127.0.0.1', '10.0.0.0/8'] })
      const from = (client: string, i: number) => ({
        forwardedFor: client,
        email: `nobody${i}@demo.firstline.local`,
        remoteAddress: '10.1.2.3',
      })
      for (let i = 0; i < 10; i++) expect((await signIn(app, 'guess', from('203.0.113.1', i))).statusCode).toBe(401)
      expect((await signIn(app, 'guess', from('203.0.113.1', 10))).statusCode).toBe(429)
      expect((await signIn(app, 'guess', from('203.0.113.2', 11))).statusCode).toBe(401)
      await app.close()
    })

    it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
      const app = await open({ trustedProxies: ['10.0.0.0/8'] })
      const from = (client: string, i: number) => ({
        forwardedFor: client,
        email: `nobody${i}@demo.firstline.local`,
        remoteAddress: '192.0.2.77',
      })
      for (let i = 0; i < 10; i++) await signIn(app, 'guess', from(`203.0.113.${i}`, i))
      expect((await signIn(app, 'guess', from('203.0.113.99', 10))).statusCode).toBe(429)
      await app.close()
    })
  })
}
