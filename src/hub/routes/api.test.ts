import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { closeCodes, type ServerMessage } from '@shared/hubProtocol'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation, type DemoLogin } from '../seed'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'

for (const backend of testBackends()) {
  describe(`hub API on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let logins: DemoLogin[]
    let wsUrl: string
    const agent = () => logins.find((l) => l.role === 'agent')!
    const sessionCount = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from auth_sessions'))[0]!.n
    const signIn = async () =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: agent().email, password: agent().password },
        })
      ).json<{ token: string }>().token

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      logins = await seedDemoOrganisation(db)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      await app.listen({ host: '127.0.0.1', port: 0 })
      const address = app.server.address()
      wsUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ws`
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('seeds the demo organisation once: an agent, a specialist and an admin', async () => {
      expect(logins.map((l) => l.role).sort()).toEqual(['admin', 'agent', 'specialist'])
      expect(await seedDemoOrganisation(db)).toEqual([])
    })

    it('reports health with the storage in use', async () => {
      const response = await app.inject({ method: 'GET', url: '/health' })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ status: 'ok', database: backend.name })
    })

    it('signs the demo agent in and knows who the token belongs to', async () => {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: agent().email, password: agent().password },
      })
      expect(login.statusCode).toBe(200)
      const body = login.json<{ token: string; account: { role: string; email: string } }>()
      expect(body.account).toMatchObject({ role: 'agent', email: agent().email })
      const me = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${body.token}` },
      })
      expect(me.json()).toMatchObject({ email: agent().email, organisation: { name: 'Demo Organisation' } })
    })

    it('refuses a wrong password or an unknown user with one clear message and creates no session', async () => {
      const before = await sessionCount()
      for (const payload of [
        { email: agent().email, password: 'wrong' },
        { email: 'nobody@demo.firstline.local', password: agent().password },
      ]) {
        const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload })
        expect(response.statusCode).toBe(401)
        expect(response.json()).toEqual({
          error: 'invalid_credentials',
          message: 'E-mail address or password is wrong.',
        })
      }
      expect(await sessionCount()).toBe(before)
    })

    it('refuses malformed login bodies with the reason and changes nothing', async () => {
      const before = await sessionCount()
      for (const payload of [
        {},
        { email: 'not-an-email', password: 'x' },
        { email: agent().email, password: '' },
        '{"email":',
      ]) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        })
        expect(response.statusCode).toBe(400)
        expect(response.json<{ message: string }>().message.length).toBeGreaterThan(5)
      }
      expect(await sessionCount()).toBe(before)
    })

    it('requires a live token for account routes and ends the session on sign-out', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401)
      expect(
        (
          await app.inject({
            method: 'GET',
            url: '/api/auth/me',
            headers: { authorization: `Bearer ${'x'.repeat(43)}` },
          })
        ).statusCode,
      ).toBe(401)
      const token = await signIn()
      const auth = { authorization: `Bearer ${token}` }
      expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode).toBe(204)
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(401)
    })

    it('welcomes a WebSocket that says hello with a live token, and answers pings', async () => {
      const token = await signIn()
      const socket = new WebSocket(wsUrl)
      const messages = collect(socket)
      await new Promise((resolve) => socket.once('open', resolve))
      socket.send(JSON.stringify({ type: 'hello', token }))
      expect(await messages.next()).toMatchObject({ type: 'welcome', account: { email: agent().email } })
      socket.send(JSON.stringify({ type: 'ping', at: 42 }))
      expect(await messages.next()).toEqual({ type: 'pong', at: 42 })
      socket.close()
    })

    it('answers malformed WebSocket messages with an error and keeps the socket usable', async () => {
      const socket = new WebSocket(wsUrl)
      const messages = collect(socket)
      await new Promise((resolve) => socket.once('open', resolve))
      socket.send('{not json')
      expect(await messages.next()).toMatchObject({ type: 'error', error: 'bad_message' })
      socket.send(JSON.stringify({ type: 'launch_missiles' }))
      expect(await messages.next()).toMatchObject({ type: 'error', error: 'bad_message' })
      socket.send(JSON.stringify({ type: 'ping', at: 1 }))
      expect(await messages.next()).toMatchObject({ type: 'error', error: 'unauthorized' })
      socket.send(JSON.stringify({ type: 'hello', token: await signIn() }))
      expect(await messages.next()).toMatchObject({ type: 'welcome' })
      socket.close()
    })

    it('closes a WebSocket whose hello carries a dead token', async () => {
      const socket = new WebSocket(wsUrl)
      await new Promise((resolve) => socket.once('open', resolve))
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
      socket.send(JSON.stringify({ type: 'hello', token: 'y'.repeat(43) }))
      expect(await closed).toBe(closeCodes.unauthorized)
    })
  })
}

/** Messages from a socket in arrival order. */
function collect(socket: WebSocket) {
  const queue: ServerMessage[] = []
  const waiting: Array<(message: ServerMessage) => void> = []
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage
    const next = waiting.shift()
    if (next) next(message)
    else queue.push(message)
  })
  return {
    next: () =>
      new Promise<ServerMessage>((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiting.push(resolve))),
  }
}
