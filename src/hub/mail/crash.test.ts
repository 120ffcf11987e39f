import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, createServer, type AddressInfo, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Delivery } from '@shared/mail/delivery'
import type { Mailbox } from '@shared/mail/inboundMailbox'
import type { PullResponse } from '@shared/sync'
import type { Ticket } from '@shared/tickets/model'
import { spawnHub, signInOver, type DemoLoginLine, type HubProcess } from '../hubProcess.testing'
import { openDatabase, type Database } from '../storage/db'
import { countInbox, eventually, postfixQueueEmpty, readInbox, sendAll } from './mailLoad.testing'
import { mailServerAvailable, startMailServer, type TestMailServer } from './mailServer.testing'

/**
 * The hub's promises for mail, tested by ending a real hub process with SIGKILL in the middle of
 * the work and starting it again on the same data: intake takes each message in exactly once;
 * the outbox sends each mail at most once, and a mail it may have sent when it died is marked
 * `unknown` for an agent to decide, never lost without a mark.
 */

/** Where the hub keeps its data: a PGlite folder, or a PostgreSQL database of its own. */
interface Store {
  name: string
  env: Record<string, string>
  /** The hub's database, opened by the test while no hub runs. */
  open(): Promise<Database>
  drop(): Promise<void>
}

function pgliteStore(): Store {
  const dataDir = mkdtempSync(join(tmpdir(), 'firstline-crash-'))
  return {
    name: 'pglite',
    env: { FIRSTLINE_DATA_DIR: dataDir },
    open: () => openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

async function postgresStore(serverUrl: string): Promise<Store> {
  const name = `firstline_crash_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const dataDir = mkdtempSync(join(tmpdir(), 'firstline-crash-'))
  return {
    name: 'postgres',
    env: { FIRSTLINE_DATA_DIR: dataDir, DATABASE_URL: url.toString(), FIRSTLINE_DEMO: '1' },
    open: () => openDatabase({ kind: 'postgres', url: url.toString() }),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const stores: { name: string; make: () => Promise<Store> }[] = [{ name: 'pglite', make: async () => pgliteStore() }]
const postgresUrl = process.env.FIRSTLINE_TEST_DATABASE_URL
if (postgresUrl) stores.push({ name: 'postgres', make: () => postgresStore(postgresUrl) })

const count = 200

/** A hub's API as a demo account. */
function api(url: string, headers: { authorization: string }) {
  return async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }
}

async function allTickets(call: ReturnType<typeof api>): Promise<Ticket[]> {
  const tickets = new Map<string, Ticket>()
  let after = 0
  for (;;) {
    const page = await call<PullResponse>('GET', `/api/sync/changes?after=${after}&limit=2000`)
    for (const ticket of page.tickets) tickets.set(ticket.id, ticket)
    after = page.cursor
    if (!page.hasMore) return [...tickets.values()]
  }
}

/**
 * A loopback relay to Postfix that holds each new connection back a moment, so sending 200 mails
 * takes long enough for the kill to land in the middle of it on any machine.
 */
async function slowRelay(port: number, delayMs: number): Promise<Server> {
  const relay = createServer((socket) => {
    socket.on('error', () => socket.destroy())
    setTimeout(() => {
      const upstream = connect({ host: '127.0.0.1', port })
      upstream.on('error', () => socket.destroy())
      socket.on('close', () => upstream.destroy())
      upstream.on('close', () => socket.destroy())
      socket.pipe(upstream).pipe(socket)
    }, delayMs)
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  return relay
}

function login(logins: DemoLoginLine[], role: string): DemoLoginLine {
  const found = logins.find((l) => l.role === role)
  if (!found) throw new Error(`no ${role} among the demo logins`)
  return found
}

/** Occurrences of each value. */
function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

describe.skipIf(!mailServerAvailable())('a hub killed in the middle of mail work', () => {
  let server: TestMailServer
  const hubs: HubProcess[] = []
  const cleanups: (() => Promise<void>)[] = []

  beforeAll(async () => {
    server = (await startMailServer())!
  }, 60_000)
  afterAll(async () => {
    for (const hub of hubs) await hub.kill()
    for (const cleanup of cleanups) await cleanup()
    await server?.stop()
  }, 60_000)

  async function start(store: Store, firstStart = false) {
    const hub = await spawnHub({ ...store.env, FIRSTLINE_MAIL_NEW_TICKETS_PER_HOUR: '10000' }, { firstStart })
    hubs.push(hub)
    return hub
  }

  for (const { name, make: makeStore } of stores) {
    it(`${name}: takes in ${count} messages as ${count} tickets, none twice, when the hub is killed while reading them`, async () => {
      const store = await makeStore()
      cleanups.push(() => store.drop())
      const run = randomBytes(4).toString('hex')
      const messages = Array.from({ length: count }, (_, i) => ({
        from: `Person ${i} <person${i}.${run}@customer.test>`,
        subject: `Crash intake ${run} ${i}`,
        messageId: `crash-in-${i}.${run}@customer.test`,
        text: `Message ${i}: the printer on floor ${i % 7} is offline.`,
      }))
      // All of them wait in the support mailbox before the hub reads it, so the kill lands mid-catch-up.
      const before = await countInbox(server, server.users.support)
      await sendAll(server, server.users.support.address, messages)
      await eventually(
        async () => (await countInbox(server, server.users.support)) === before + count,
        'the messages in the support mailbox',
      )

      let hub = await start(store, true)
      const logins = hub.logins
      let admin = api(hub.url, await signInOver(hub.url, login(logins, 'admin')))
      const added = await admin<Mailbox>('POST', '/api/admin/mailboxes', {
        name: 'Support',
        address: server.users.support.address,
        host: server.imap.host,
        port: server.imap.port,
        security: 'none',
        username: server.users.support.address,
        password: server.users.support.password,
        folder: 'INBOX',
        enabled: true,
      })
      const position = async () =>
        (await admin<{ mailboxes: Mailbox[] }>('GET', '/api/admin/mailboxes')).mailboxes.find((m) => m.id === added.id)!
          .lastUid
      const deadline = Date.now() + 30_000
      let seen = 0
      while ((seen = await position()) < before + 20) {
        if (Date.now() > deadline) throw new Error(`intake did not start:\n${hub.output()}`)
      }
      await hub.kill()
      expect(seen, 'the hub was killed before it had read everything').toBeLessThan(before + count)

      hub = await start(store)
      admin = api(hub.url, await signInOver(hub.url, login(logins, 'admin')))
      await eventually(async () => (await position()) === before + count, 'the restarted hub reading to the end')
      const agent = api(hub.url, await signInOver(hub.url, login(logins, 'agent')))
      const tickets = (await allTickets(agent)).filter((t) => t.subject.startsWith(`Crash intake ${run} `))
      const bySubject = tally(tickets.map((t) => t.subject))
      expect(bySubject.size).toBe(count)
      expect([...bySubject.values()].every((n) => n === 1)).toBe(true)
      for (const ticket of tickets) {
        const i = Number(ticket.subject.split(' ').at(-1))
        expect(ticket).toMatchObject({ channel: 'email', requester: { email: `person${i}.${run}@customer.test` } })
      }
      await hub.stop()

      // Counted by Message-ID: one intake record each, each with a ticket of its own.
      const db = await store.open()
      try {
        const rows = await db.query<{ message_id: string; decision: string; ticket_id: string | null }>(
          'select message_id, decision, ticket_id from mail_intake where message_id like $1',
          [`crash-in-%.${run}@customer.test`],
        )
        const byMessage = tally(rows.map((r) => r.message_id))
        expect(byMessage.size).toBe(count)
        expect([...byMessage.values()].every((n) => n === 1)).toBe(true)
        expect(new Set(rows.map((r) => r.ticket_id)).size).toBe(count)
        expect(rows.every((r) => r.decision === 'new' && r.ticket_id !== null)).toBe(true)
        const [stored] = await db.query<{ n: number }>(
          `select count(*)::int as n from tickets
            where data->>'channel' = 'email' and id in (select ticket_id from mail_intake where message_id like $1)`,
          [`crash-in-%.${run}@customer.test`],
        )
        expect(stored!.n).toBe(count)
      } finally {
        await db.close()
      }
    }, 120_000)

    it(`${name}: sends ${count} queued replies each at most once when the hub is killed while sending, and marks what it cannot know`, async () => {
      const store = await makeStore()
      cleanups.push(() => store.drop())
      const run = randomBytes(4).toString('hex')
      let hub = await start(store, true)
      const logins = hub.logins
      const admin = api(hub.url, await signInOver(hub.url, login(logins, 'admin')))
      const agent = api(hub.url, await signInOver(hub.url, login(logins, 'agent')))
      const deviceTime = new Date().toISOString()
      const push = async (commands: Record<string, unknown>[]) => {
        for (let i = 0; i < commands.length; i += 100) {
          const answer = await agent<{ results: { status: string }[] }>('POST', '/api/sync/push', {
            commands: commands.slice(i, i + 100).map((c) => ({ commandId: randomUUID(), deviceTime, ...c })),
          })
          expect(answer.results.every((r) => r.status === 'applied')).toBe(true)
        }
      }
      // The tickets first, with e-mail still off (no acknowledgements), then e-mail on and the replies.
      const ticketIds = Array.from({ length: count }, () => randomUUID())
      await push(
        ticketIds.map((ticketId, i) => ({
          type: 'create_ticket',
          ticketId,
          baseVersion: null,
          payload: {
            subject: `Crash reply ${run} ${i}`,
            description: 'Reported on the phone',
            channel: 'phone',
            requester: { name: 'Uwe User', email: server.users.user.address, phone: null, device: null },
            type: 'incident',
            category: 'peripherals',
            impact: 'medium',
            urgency: 'high',
          },
        })),
      )
      const relay = await slowRelay(server.inbound.port, 40)
      cleanups.push(() => new Promise((resolve) => relay.close(() => resolve())))
      await admin('PUT', '/api/admin/mail', {
        enabled: true,
        host: '127.0.0.1',
        port: (relay.address() as AddressInfo).port,
        security: 'none',
        user: null,
        senderName: 'Contoso IT Support',
        senderAddress: 'support@desk.test',
        signature: '',
        language: 'en',
      })
      const inboxBefore = new Set((await readInbox(server, server.users.user)).map((m) => m.messageId))
      const postfixLog = join(server.folder, 'postfix.log')
      const acceptedFromHub = () =>
        existsSync(postfixLog)
          ? (readFileSync(postfixLog, 'utf8').match(/message-id=<[0-9a-f-]{36}@desk\.test>/g) ?? [])
          : []
      const acceptedBefore = acceptedFromHub().length
      // PostgreSQL can be watched while the hub runs; PGlite is the hub's alone, so Postfix's log tells.
      const watch = store.name === 'postgres' ? await store.open() : null
      await push(
        ticketIds.map((ticketId, i) => ({
          type: 'add_note',
          ticketId,
          baseVersion: 1,
          payload: { visibility: 'public', body: `Reply ${i}: please restart the printer.` },
        })),
      )
      const deadline = Date.now() + 30_000
      const sentSoFar = async () =>
        watch
          ? (await watch.query<{ n: number }>("select count(*)::int as n from mail_outbox where state = 'sent'"))[0]!.n
          : acceptedFromHub().length - acceptedBefore
      let accepted = 0
      while ((accepted = await sentSoFar()) < 20) {
        if (Date.now() > deadline) throw new Error(`the hub sent nothing:\n${hub.output()}\n${server.logs()}`)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      await hub.kill()
      await watch?.close()
      expect(accepted, 'the hub was killed before it had sent everything').toBeLessThan(count)

      if (store.name === 'postgres') {
        // Other hubs may share PostgreSQL, so a claim is taken as interrupted only after its lease
        // (10 minutes): this hub stays down that long.
        const db = await store.open()
        await db.query("update mail_outbox set claimed_at = claimed_at - interval '11 minutes' where state = 'sending'")
        await db.close()
      }
      hub = await start(store)
      const agentAgain = api(hub.url, await signInOver(hub.url, login(logins, 'agent')))
      const settled = new Set(['sent', 'unknown', 'failed', 'bounced'])
      const deliveriesOf = async (id: string) =>
        (await agentAgain<{ deliveries: Delivery[] }>('GET', `/api/tickets/${id}/deliveries`)).deliveries
      // One worker takes the queue in order, so the last reply settles last; asking only for it
      // keeps the test from slowing the hub it waits for.
      await eventually(
        async () => (await deliveriesOf(ticketIds.at(-1)!)).some((d) => settled.has(d.state)),
        () => `the last reply sent or marked\n${hub.output()}`,
        60_000,
      )
      const all = await Promise.all(ticketIds.map(deliveriesOf))
      expect(all.every((d) => d.length === 1 && settled.has(d[0]!.state))).toBe(true)
      const deliveries = all.map((d) => d[0]!)
      await hub.stop()
      const states = tally(deliveries.map((d) => d.state))
      expect(
        [...states.keys()].every((s) => s === 'sent' || s === 'unknown'),
        JSON.stringify([...states]),
      ).toBe(true)
      // What an agent sees for a mail marked unknown: why, and that it may have arrived.
      for (const d of deliveries.filter((d) => d.state === 'unknown'))
        expect(d.lastError).toMatch(/may have been delivered/)

      const db = await store.open()
      const rows = await db.query<{ message_id: string; state: string }>(
        'select message_id, state from mail_outbox where ticket_id = any($1::uuid[])',
        [ticketIds],
      )
      await db.close()
      const sent = rows.filter((r) => r.state === 'sent').map((r) => r.message_id.slice(1, -1))
      const unknown = rows.filter((r) => r.state === 'unknown').map((r) => r.message_id.slice(1, -1))
      expect(sent.length + unknown.length).toBe(count)
      // Everything Postfix took is in the user's mailbox before counting.
      await eventually(async () => postfixQueueEmpty(server), 'Postfix to hand everything to Dovecot')
      const inbox = await eventually(async () => {
        const found = (await readInbox(server, server.users.user)).filter((m) => !inboxBefore.has(m.messageId))
        const ids = new Set(found.map((m) => m.messageId))
        return sent.every((id) => ids.has(id)) ? found : null
      }, 'every sent reply in the user’s mailbox')
      const received = tally(inbox.map((m) => m.messageId))
      // No duplicates; nothing arrived that the outbox does not know.
      expect([...received.entries()].filter(([, n]) => n > 1)).toEqual([])
      expect([...received.keys()].every((id) => sent.includes(id) || unknown.includes(id))).toBe(true)
      // Each sent reply exactly once; each unknown one at most once (that is what "perhaps sent" means).
      expect(sent.every((id) => received.get(id) === 1)).toBe(true)
      const unknownArrived = unknown.filter((id) => received.has(id)).length
      console.info(
        `${store.name}: killed after ${accepted} accepted; ${sent.length} sent, ${unknown.length} unknown ` +
          `(${unknownArrived} of them had arrived)`,
      )
    }, 120_000)
  }
})
