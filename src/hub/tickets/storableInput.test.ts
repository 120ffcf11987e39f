import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation, type DemoLogin } from '../seed'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { findAccountForLogin } from '../storage/accounts'
import type { Database } from '../storage/db'
import { pushCommands } from './service'

const deviceTime = '2026-11-23T09:00:00.000Z'

const createCommand = (description: string) => ({
  type: 'create_ticket',
  commandId: randomUUID(),
  ticketId: randomUUID(),
  baseVersion: null,
  deviceTime,
  payload: {
    subject: 'VPN drops every ten minutes',
    description,
    channel: 'phone',
    requester: { name: 'Jana Nowak', email: 'jana@example.org', phone: null, device: null },
    type: 'incident',
    category: 'network',
    impact: 'medium',
    urgency: 'high',
  },
})

const note = (ticketId: string, body: string) => ({
  type: 'add_note',
  commandId: randomUUID(),
  ticketId,
  baseVersion: 1,
  deviceTime,
  payload: { visibility: 'internal', body },
})

/**
 * Text PostgreSQL cannot store (U+0000, a lone surrogate) and documents nested without end once
 * made the hub answer 500 for a whole push, which stopped an agent's Console from syncing for good.
 */
for (const backend of testBackends()) {
  describe(`unstorable input on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let token: string
    let logins: DemoLogin[]
    const rowCounts = async () =>
      (
        await db.query<{ tickets: number; events: number; applied: number }>(
          `select (select count(*)::int from tickets) as tickets, (select count(*)::int from ticket_events) as events,
                  (select count(*)::int from applied_commands) as applied`,
        )
      )[0]!
    const push = (commands: unknown[]) =>
      app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { authorization: `Bearer ${token}` },
        payload: { commands },
      })

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      logins = await seedDemoOrganisation(db)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      const agent = logins.find((l) => l.role === 'agent')!
      token = (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: agent.email, password: agent.password },
        })
      ).json<{ token: string }>().token
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('refuses only the command with a NUL or a lone surrogate and applies the rest of the batch', async () => {
      const good = createCommand('Since this morning')
      const before = await rowCounts()
      const response = await push([
        createCommand('pasted\u0000text'),
        good,
        note(good.ticketId, 'half an emoji \uD83D'),
        note(good.ticketId, 'The user restarted the router 🛜'),
      ])
      expect(response.statusCode).toBe(200)
      const { results } = response.json<{ results: { status: string; message?: string }[] }>()
      expect(results.map((r) => r.status)).toEqual(['rejected', 'applied', 'rejected', 'applied'])
      expect(results[0]!.message).toMatch(/payload\.description: contains the NUL character/)
      expect(results[2]!.message).toMatch(/payload\.body: .*surrogate/)
      const after = await rowCounts()
      expect(after.tickets - before.tickets).toBe(1)
      expect(after.applied - before.applied).toBe(2)
    })

    it('refuses unstorable text on anonymous routes with 400 and stores nothing', async () => {
      const before = await rowCounts()
      const getHelp = await app.inject({
        method: 'POST',
        url: '/api/gethelp/requests',
        payload: {
          requester: { name: 'Jana\u0000', email: null },
          description: 'Printer is offline',
          category: null,
          missingDevices: null,
          diagnostics: null,
        },
      })
      expect(getHelp.statusCode).toBe(400)
      expect(getHelp.json()).toMatchObject({
        error: 'invalid_request',
        message: expect.stringMatching(/requester\.name/),
      })
      const sessionRequest = await app.inject({
        method: 'POST',
        url: '/api/sessions/requests',
        payload: { name: 'x\uDC00', description: 'help' },
      })
      expect(sessionRequest.statusCode).toBe(400)
      expect(await rowCounts()).toEqual(before)
    })

    it('refuses a 250,000-deep Get Help snapshot with 400', async () => {
      const deep = '['.repeat(250_000) + ']'.repeat(250_000)
      const body = `{"requester":{"name":"Jana","email":null},"description":"Slow PC","category":null,"missingDevices":null,"diagnostics":{"kind":"desktop","snapshot":${deep}}}`
      const response = await app.inject({
        method: 'POST',
        url: '/api/gethelp/requests',
        headers: { 'content-type': 'application/json' },
        payload: body,
      })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ message: expect.stringMatching(/nested deeper than/) })
    })

    it("answers a storage failure per command, holds back that ticket's later edits and applies the rest", async () => {
      const agent = logins.find((l) => l.role === 'agent')!
      const account = (await findAccountForLogin(db, agent.email))!.account
      const first = createCommand('Printer jams')
      const other = createCommand('Monitor flickers')
      let failOnce = true
      // Storage that fails the first transaction it is asked for, as a dropped connection would.
      const flaky = new Proxy(db, {
        get(target, key, receiver) {
          if (key === 'transaction' && failOnce) {
            failOnce = false
            return () => Promise.reject(Object.assign(new Error('connection lost'), { code: '08006' }))
          }
          const value = Reflect.get(target, key, receiver) as unknown
          return typeof value === 'function' ? value.bind(target) : value
        },
      }) as Database
      const logged: string[] = []
      const results = await pushCommands(
        flaky,
        account,
        [first, note(first.ticketId, 'tried another tray'), other],
        undefined,
        (message) => logged.push(message),
      )
      expect(results.map((r) => [r.status, 'error' in r ? r.error : null])).toEqual([
        ['failed', 'storage_failed'],
        ['failed', 'held_back'],
        ['applied', null],
      ])
      expect(logged.join('\n')).not.toMatch(/Printer jams/)
      // Sent again, the same commands apply once.
      const again = await pushCommands(db, account, [first, note(first.ticketId, 'tried another tray'), other])
      expect(again.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
      expect(again[2]).toMatchObject({ duplicate: true })
    })

    it('refuses a NUL in a path or query with 400', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/kb/search?q=printer%00',
        headers: { authorization: `Bearer ${token}` },
      })
      expect(response.statusCode).toBe(400)
    })
  })
}
