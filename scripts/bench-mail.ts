/**
 * Mail intake benchmark: 1,000 messages into the support mailbox of a real Postfix + Dovecot on
 * loopback, read by a hub in a child process (PGlite in a temporary folder).
 *
 * Live: the hub waits in IMAP IDLE while the messages are sent; per message, the time from Postfix
 * accepting it to the ticket showing in an agent's sync (`/api/sync/changes`, polled every 100 ms
 * as a Console's socket-woken pull would fetch it); total time and throughput.
 * Catch-up: a fresh hub given the mailbox with all 1,000 waiting; time until all are tickets.
 * Baseline, same run: the reader's own IMAP fetch of the 1,000 messages (and with parsing), no
 * tickets written. Prints figures, then one JSON object on the last line. Needs root, postfix and
 * dovecot-imapd/dovecot-lmtpd.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import type { Mailbox } from '@shared/mail/inboundMailbox'
import type { PullResponse } from '@shared/sync'
import { spawnHub, signInOver, type DemoLoginLine } from '../src/hub/hubProcess.testing'
import { parseInbound } from '../src/hub/mail/intake/parse'
import { countInbox, eventually, sendAll } from '../src/hub/mail/mailLoad.testing'
import { startMailServer, type TestMailServer } from '../src/hub/mail/mailServer.testing'

const total = 1_000
/** After the burst: messages at a steady rate the hub keeps up with, for the latency of one mail. */
const steady = { count: 100, perSecond: 5 }

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** A hub on a fresh PGlite folder with the support mailbox added; answers how to watch it. */
async function hubReading(server: TestMailServer) {
  const dataDir = mkdtempSync(join(tmpdir(), 'firstline-bench-mail-'))
  const hub = await spawnHub(
    { FIRSTLINE_DATA_DIR: dataDir, FIRSTLINE_MAIL_NEW_TICKETS_PER_HOUR: '10000' },
    { firstStart: true },
  )
  const as = async (role: string) => {
    const login = hub.logins.find((l: DemoLoginLine) => l.role === role)!
    const headers = await signInOver(hub.url, login)
    return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${hub.url}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
      return (await response.json()) as T
    }
  }
  const admin = await as('admin')
  const agent = await as('agent')
  /** First time each ticket subject showed in the agent's sync. */
  const seen = new Map<string, number>()
  let cursor = 0
  let polling = true
  const poller = (async () => {
    while (polling) {
      const page = await agent<PullResponse>('GET', `/api/sync/changes?after=${cursor}&limit=2000`)
      const now = Date.now()
      for (const ticket of page.tickets) if (!seen.has(ticket.subject)) seen.set(ticket.subject, now)
      cursor = page.cursor
      if (!page.hasMore) await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  const addMailbox = () =>
    admin<Mailbox>('POST', '/api/admin/mailboxes', {
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
  return {
    seen,
    addMailbox,
    async close() {
      polling = false
      await poller
      await hub.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The reader's fetch of every message in the support INBOX; with `parse`, also what intake parses. */
async function fetchAll(server: TestMailServer, parse: boolean): Promise<{ ms: number; messages: number }> {
  const client = new ImapFlow({
    host: server.imap.host,
    port: server.imap.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: server.users.support.address, pass: server.users.support.password },
    logger: false,
  })
  await client.connect()
  try {
    await client.mailboxOpen('INBOX')
    const started = performance.now()
    let messages = 0
    for await (const fetched of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
      if (parse && fetched.source) await parseInbound(fetched.source)
      messages++
    }
    return { ms: performance.now() - started, messages }
  } finally {
    await client.logout()
  }
}

async function main() {
  const server = await startMailServer()
  if (!server) throw new Error('needs root, postfix, dovecot-imapd and dovecot-lmtpd')
  try {
    const run = Date.now().toString(36)
    const messages = Array.from({ length: total }, (_, i) => ({
      from: `Person ${i} <person${i}@customer.test>`,
      subject: `Bench ${run} ${i}`,
      messageId: `bench-${i}.${run}@customer.test`,
      text: `Message ${i}: the VPN drops every ${(i % 50) + 1} minutes since the update.\n\nRegards\nPerson ${i}`,
    }))

    // Live: the hub reads in IDLE while the messages arrive.
    const live = await hubReading(server)
    await live.addMailbox()
    const sendStarted = Date.now()
    const accepted = await sendAll(server, server.users.support.address, messages)
    const sendMs = Date.now() - sendStarted
    console.log(`sent ${total} messages through Postfix in ${sendMs} ms`)
    await eventually(
      async () => messages.every((m) => live.seen.has(m.subject)),
      () => `all tickets in the sync (${messages.filter((m) => live.seen.has(m.subject)).length} of ${total})`,
      15 * 60_000,
    )
    const latencies = messages.map((m) => live.seen.get(m.subject)! - accepted.get(m.messageId)!).sort((a, b) => a - b)
    const liveMs = Math.max(...messages.map((m) => live.seen.get(m.subject)!)) - sendStarted

    // Steady: one message every 200 ms, each on its own connection, as mail from many people arrives.
    const trickle = Array.from({ length: steady.count }, (_, i) => ({
      from: `Steady ${i} <steady${i}@customer.test>`,
      subject: `Steady ${run} ${i}`,
      messageId: `steady-${i}.${run}@customer.test`,
      text: `Steady message ${i}: Outlook asks for the password again and again.`,
    }))
    const steadyAccepted = new Map<string, number>()
    await Promise.all(
      trickle.map(async (m, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * 1000) / steady.perSecond))
        for (const [id, at] of await sendAll(server, server.users.support.address, [m], 1)) steadyAccepted.set(id, at)
      }),
    )
    await eventually(async () => trickle.every((m) => live.seen.has(m.subject)), 'the steady messages', 5 * 60_000)
    const steadyLatencies = trickle
      .map((m) => live.seen.get(m.subject)! - steadyAccepted.get(m.messageId)!)
      .sort((a, b) => a - b)
    await live.close()
    const steadyP50 = percentile(steadyLatencies, 50)
    const steadyP95 = percentile(steadyLatencies, 95)
    const liveP50 = percentile(latencies, 50)
    const liveP95 = percentile(latencies, 95)
    const livePerMinute = Math.round((total / liveMs) * 60_000)
    console.log(
      `live: all ${total} tickets ${liveMs} ms after the first send (${livePerMinute}/min); ` +
        `delivery → ticket in sync p50 ${liveP50} ms, p95 ${liveP95} ms, max ${latencies.at(-1)} ms`,
    )
    console.log(
      `steady ${steady.perSecond}/s: delivery → ticket in sync p50 ${steadyP50} ms, p95 ${steadyP95} ms, ` +
        `max ${steadyLatencies.at(-1)} ms (${steady.count} messages)`,
    )

    const inMailbox = await countInbox(server, server.users.support)
    if (inMailbox !== total + steady.count)
      throw new Error(`the support mailbox holds ${inMailbox} messages, not ${total + steady.count}`)

    // Catch-up: a fresh hub finds all 1,000 (and the steady ones) waiting.
    const catchUp = await hubReading(server)
    const catchUpStarted = Date.now()
    await catchUp.addMailbox()
    await eventually(
      async () => [...messages, ...trickle].every((m) => catchUp.seen.has(m.subject)),
      'all tickets after catching up',
      15 * 60_000,
    )
    const waiting = total + steady.count
    const catchUpMs = Math.max(...[...messages, ...trickle].map((m) => catchUp.seen.get(m.subject)!)) - catchUpStarted
    await catchUp.close()
    const catchUpPerMinute = Math.round((waiting / catchUpMs) * 60_000)
    console.log(`catch-up: ${waiting} waiting messages → tickets in ${catchUpMs} ms (${catchUpPerMinute}/min)`)

    // Baseline: the same IMAP fetch without tickets (best of three, after a warm-up).
    await fetchAll(server, false)
    const fetchRuns = [await fetchAll(server, false), await fetchAll(server, false), await fetchAll(server, false)]
    const parseRuns = [await fetchAll(server, true), await fetchAll(server, true), await fetchAll(server, true)]
    const fetchMs = Math.round(Math.min(...fetchRuns.map((r) => r.ms)))
    const fetchParseMs = Math.round(Math.min(...parseRuns.map((r) => r.ms)))
    console.log(
      `baseline: IMAP fetch of ${fetchRuns[0]!.messages} messages ${fetchMs} ms, with parsing ${fetchParseMs} ms`,
    )
    console.log(
      `intake costs ${(catchUpMs / fetchMs).toFixed(1)}× the bare fetch, ${(catchUpMs / fetchParseMs).toFixed(1)}× fetch + parse`,
    )
    console.log(
      JSON.stringify({
        messages: total,
        sendMs,
        liveMs,
        livePerMinute,
        liveP50Ms: liveP50,
        liveP95Ms: liveP95,
        liveMaxMs: latencies.at(-1),
        steadyPerSecond: steady.perSecond,
        steadyP50Ms: steadyP50,
        steadyP95Ms: steadyP95,
        catchUpMessages: waiting,
        catchUpMs,
        catchUpPerMinute,
        baselineMessages: fetchRuns[0]!.messages,
        baselineFetchMs: fetchMs,
        baselineFetchParseMs: fetchParseMs,
        catchUpOverFetch: Number((catchUpMs / fetchMs).toFixed(1)),
        catchUpOverFetchParse: Number((catchUpMs / fetchParseMs).toFixed(1)),
        node: process.versions.node,
      }),
    )
  } finally {
    await server.stop()
  }
}

await main()
