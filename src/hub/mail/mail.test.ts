import { randomUUID } from 'node:crypto'
import { ImapFlow } from 'imapflow'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Delivery } from '@shared/mail/delivery'
import type { MailSettings, MailSettingsInput } from '@shared/mail/settings'
import { replyMarkers } from '@shared/mail/replyMarker'
import { startMailServer, type TestMailServer, type TestMailUser } from './mailServer.testing'
import { hashPassword } from '../auth/passwords'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { ensureGroups, seedDemoOrganisation } from '../seed'
import { processSecretBox } from '../signIn/secretBox'
import { createAccount, createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import type { OutboxRow } from './outbox'
import { sendMail } from './sender'
import { interruptedMessage, MailWorker } from './worker'

interface ReadMail {
  messageId: string
  inReplyTo: string | null
  references: string[]
  subject: string
  language: string | null
  text: string
  html: string
}

/** Everything in the user's Dovecot INBOX, read back over IMAP. */
async function inbox(server: TestMailServer, user: TestMailUser): Promise<ReadMail[]> {
  const client = new ImapFlow({
    host: server.imap.host,
    port: server.imap.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: user.address, pass: user.password },
    logger: false,
  })
  await client.connect()
  const mails: ReadMail[] = []
  const lock = await client.getMailboxLock('INBOX')
  try {
    const exists = client.mailbox ? client.mailbox.exists : 0
    if (exists > 0) {
      for await (const message of client.fetch('1:*', { source: true })) {
        const parsed = await simpleParser(message.source!)
        const references = parsed.references
        mails.push({
          messageId: parsed.messageId ?? '',
          inReplyTo: parsed.inReplyTo ?? null,
          references: references === undefined ? [] : Array.isArray(references) ? references : [references],
          subject: parsed.subject ?? '',
          language: (parsed.headers.get('content-language') as string | undefined) ?? null,
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
        })
      }
    }
  } finally {
    lock.release()
    await client.logout()
  }
  return mails
}

/** Polls the mailbox until the mail is there (Postfix hands it to Dovecot on its own time). */
async function waitForMail(server: TestMailServer, user: TestMailUser, messageId: string): Promise<ReadMail> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const found = (await inbox(server, user)).find((mail) => mail.messageId === messageId)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${messageId} did not reach ${user.address}\n${server.logs()}`)
}

async function waitForState(read: () => Promise<Delivery[]>, id: string, state: Delivery['state']) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const delivery = (await read()).find((d) => d.id === id)
    if (delivery?.state === state) return delivery
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`delivery ${id} did not become ${state}`)
}

const deviceTime = '2026-03-02T09:00:00.000Z'

let server: TestMailServer | null = null
beforeAll(async () => {
  server = await startMailServer()
})
afterAll(async () => {
  await server?.stop()
})

for (const backend of testBackends()) {
  describe(`outbound mail on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let worker: MailWorker
    const headers = new Map<string, { authorization: string }>()
    const secrets = processSecretBox()
    const as = (who: string) => headers.get(who)!
    const mail = () => server!

    async function signIn(email: string, password: string) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
      return { authorization: `Bearer ${response.json<{ token: string }>().token}` }
    }

    const settings = (overrides: Partial<MailSettingsInput> = {}): MailSettingsInput => ({
      enabled: true,
      host: '127.0.0.1',
      port: mail().smtp.port,
      security: 'starttls',
      user: mail().smtp.user,
      password: mail().smtp.pass,
      senderName: 'Contoso IT Support',
      senderAddress: 'support@desk.test',
      signature: 'Contoso IT · +49 30 1234',
      language: 'en',
      ...overrides,
    })
    const saveSettings = (input: MailSettingsInput, who = 'admin') =>
      app.inject({ method: 'PUT', url: '/api/admin/mail', headers: as(who), payload: input })

    async function push(who: string, command: Record<string, unknown>) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: as(who),
        payload: { commands: [{ commandId: randomUUID(), deviceTime, ...command }] },
      })
      const [result] = response.json<{ results: { status: string; ticketVersion: number }[] }>().results
      expect(result?.status).toBe('applied')
      return result!.ticketVersion
    }

    async function createTicket(subject: string, email = mail().users.user.address) {
      const ticketId = randomUUID()
      await push('agent', {
        type: 'create_ticket',
        ticketId,
        baseVersion: null,
        payload: {
          subject,
          description: 'Reported on the phone',
          channel: 'phone',
          requester: { name: 'Uwe User', email, phone: null, device: null },
          type: 'incident',
          category: 'peripherals',
          impact: 'medium',
          urgency: 'high',
        },
      })
      return ticketId
    }
    const reply = (ticketId: string, baseVersion: number, body: string) =>
      push('agent', { type: 'add_note', ticketId, baseVersion, payload: { visibility: 'public', body } })
    const deliveries = async (ticketId: string, who = 'agent') =>
      (await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}/deliveries`, headers: as(who) })).json<{
        deliveries: Delivery[]
      }>().deliveries
    const row = async (id: string) => (await db.query<OutboxRow>('select * from mail_outbox where id = $1', [id]))[0]!

    beforeAll(async () => {
      if (!server) return
      db = await backend.open()
      await migrate(db)
      const logins = await seedDemoOrganisation(db)
      await ensureGroups(db)
      app = await buildApp(db, new Realtime(), {
        webDir: '/nonexistent',
        logLevel: 'silent',
        secrets,
        smtp: { tlsCa: server.ca },
      })
      for (const login of logins) headers.set(login.role, await signIn(login.email, login.password))
      const other = await createOrganisation(db, 'Fabrikam')
      for (const role of ['admin', 'agent'] as const) {
        await createAccount(db, {
          organisationId: other.id,
          email: `${role}@fabrikam.example`,
          displayName: `Fabrikam ${role}`,
          role,
          passwordHash: await hashPassword('correct horse battery staple'),
        })
        headers.set(`other ${role}`, await signIn(`${role}@fabrikam.example`, 'correct horse battery staple'))
      }
      worker = new MailWorker(db, secrets, { tlsCa: server.ca })
    })
    afterAll(async () => {
      if (!server) return
      await worker.stop()
      await app.close()
      await db.drop()
    })

    it('has a real mail server to send to', () => {
      // Postfix, Dovecot and root are part of the test machine (.ci/run installs them).
      expect(server, 'startMailServer answered null: postfix/dovecot missing or not root').not.toBeNull()
    })

    it('keeps SMTP settings per organisation, the password sealed and never shown, every change audited', async () => {
      const bad = await saveSettings({ ...settings(), port: 0, senderAddress: 'nobody' })
      expect(bad.statusCode).toBe(400)
      expect((await app.inject({ method: 'GET', url: '/api/admin/mail', headers: as('admin') })).json()).toEqual({
        settings: null,
      })
      expect((await saveSettings(settings(), 'agent')).statusCode).toBe(403)

      const saved = await saveSettings(settings())
      expect(saved.statusCode).toBe(200)
      const shown = saved.json<{ settings: MailSettings }>().settings
      expect(shown).toMatchObject({ host: '127.0.0.1', user: 'support@desk.test', passwordSet: true })
      expect(JSON.stringify(shown)).not.toContain(mail().smtp.pass)
      const [stored] = await db.query<{ smtp_password: string }>('select smtp_password from mail_settings')
      expect(stored!.smtp_password.startsWith('enc1:')).toBe(true)
      expect(stored!.smtp_password).not.toContain(mail().smtp.pass)
      // Leaving the password out keeps it.
      const { password: _kept, ...withoutPassword } = settings({ signature: 'Contoso IT' })
      void _kept
      const kept = await saveSettings(withoutPassword)
      expect(kept.json<{ settings: MailSettings }>().settings).toMatchObject({
        signature: 'Contoso IT',
        passwordSet: true,
      })
      const audit = await db.query<{ action: string; details: { passwordChanged: boolean } }>(
        "select action, details from admin_audit where action = 'mail.settings_saved' order by seq",
      )
      expect(audit.map((a) => a.details.passwordChanged)).toEqual([true, false])
      expect(JSON.stringify(audit)).not.toContain(mail().smtp.pass)

      // Another organisation sees only its own (none) and cannot test with ours.
      const theirs = await app.inject({ method: 'GET', url: '/api/admin/mail', headers: as('other admin') })
      expect(theirs.json()).toEqual({ settings: null })
      const theirTest = await app.inject({
        method: 'POST',
        url: '/api/admin/mail/test',
        headers: as('other admin'),
        payload: { to: mail().users.user.address },
      })
      expect(theirTest.statusCode).toBe(409)
    })

    it("sends a test mail and reports the server's exact answer", async () => {
      const test = await app.inject({
        method: 'POST',
        url: '/api/admin/mail/test',
        headers: as('admin'),
        payload: { to: mail().users.user.address },
      })
      expect(test.statusCode).toBe(200)
      const ok = test.json<{ ok: boolean; response: string }>()
      expect(ok.ok).toBe(true)
      expect(ok.response).toMatch(/^250 2\.0\.0 Ok: queued as [0-9A-F]+/)

      await saveSettings(settings({ password: 'wrong password' }))
      const refused = (
        await app.inject({
          method: 'POST',
          url: '/api/admin/mail/test',
          headers: as('admin'),
          payload: { to: mail().users.user.address },
        })
      ).json<{ ok: boolean; response: string }>()
      expect(refused).toEqual({ ok: false, response: expect.stringMatching(/^535 5\.7\.8 .*authentication failed/) })
      await saveSettings(settings())
    })

    it("sends the acknowledgement and an agent's public reply to the requester's mailbox, threaded, in their language", async () => {
      // The requester's contact record says German.
      const [org] = await db.query<{ organisation_id: string }>(
        "select organisation_id from accounts where role = 'agent' limit 1",
      )
      const customerId = randomUUID()
      await db.query("insert into customers (id, organisation_id, name, data) values ($1, $2, 'Customer Test', '{}')", [
        customerId,
        org!.organisation_id,
      ])
      await db.query(
        `insert into contacts (id, organisation_id, customer_id, name, email, language, data)
         values ($1, $2, $3, 'Uwe User', $4, 'de', '{}')`,
        [randomUUID(), org!.organisation_id, customerId, mail().users.user.address],
      )
      worker.start()
      try {
        const ticketId = await createTicket('Drucker druckt leere Seiten <b>sofort</b>')
        const version = await reply(ticketId, 1, 'Bitte starten Sie den Drucker neu & melden Sie sich.')
        expect(version).toBe(2)
        const [ack, answer] = await deliveries(ticketId)
        expect([ack?.kind, answer?.kind]).toEqual(['acknowledgement', 'reply'])
        // The worker woke on the insert: no one called it.
        await waitForState(() => deliveries(ticketId), answer!.id, 'sent')
        await waitForState(() => deliveries(ticketId), ack!.id, 'sent')

        const ackRow = await row(ack!.id)
        const answerRow = await row(answer!.id)
        const received = await waitForMail(mail(), mail().users.user, answerRow.message_id)
        const receivedAck = await waitForMail(mail(), mail().users.user, ackRow.message_id)
        const [ticket] = await db.query<{ number: number }>(
          "select (data->>'number')::int as number from tickets where id = $1",
          [ticketId],
        )
        const token = `[T-${String(ticket!.number).padStart(6, '0')}]`
        expect(received.subject).toBe(`${token} Drucker druckt leere Seiten <b>sofort</b>`)
        expect(receivedAck.subject).toBe(received.subject)
        expect(received.language).toBe('de')
        expect(received.text).toContain(replyMarkers.de)
        expect(received.text).toContain('Bitte starten Sie den Drucker neu & melden Sie sich.')
        expect(received.text).toContain('Contoso IT')
        expect(received.html).toContain('neu &amp; melden')
        expect(received.inReplyTo).toBe(receivedAck.messageId)
        expect(received.references).toEqual([receivedAck.messageId])
        expect(receivedAck.inReplyTo).toBeNull()
        expect(receivedAck.text).toContain(`Ticket ${token.slice(1, -1)}`)
      } finally {
        await worker.stop()
      }
    })

    it("marks a mail the server refuses as failed with the server's reason, and sends it once when retried after the fix", async () => {
      await saveSettings(settings({ password: 'wrong password' }))
      const ticketId = await createTicket('VPN drops every hour', 'someone@elsewhere.test')
      await reply(ticketId, 1, 'Which VPN client version do you use?')
      // Only the reply goes to the user's mailbox in this test.
      await db.query('update mail_outbox set to_address = $2 where ticket_id = $1', [
        ticketId,
        mail().users.user.address,
      ])
      await worker.drain()
      const failed = await deliveries(ticketId)
      expect(failed.map((d) => d.state)).toEqual(['failed', 'failed'])
      expect(failed[1]!.lastError).toMatch(/^535 5\.7\.8 .*authentication failed/)
      expect(failed[1]!.attempts).toBe(1)

      await saveSettings(settings())
      // Another organisation cannot see or retry it.
      expect(
        (await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}/deliveries`, headers: as('other agent') }))
          .statusCode,
      ).toBe(404)
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/api/deliveries/${failed[1]!.id}/retry`,
            headers: as('other agent'),
          })
        ).statusCode,
      ).toBe(404)
      const retried = await app.inject({
        method: 'POST',
        url: `/api/deliveries/${failed[1]!.id}/retry`,
        headers: as('agent'),
      })
      expect(retried.statusCode).toBe(200)
      expect(retried.json<Delivery>().state).toBe('queued')
      expect(await worker.drain()).toBe(1)
      const sent = (await deliveries(ticketId))[1]!
      expect(sent).toMatchObject({ state: 'sent', lastError: null, attempts: 1 })
      const again = await app.inject({ method: 'POST', url: `/api/deliveries/${sent.id}/retry`, headers: as('agent') })
      expect(again.statusCode).toBe(409)

      const messageId = (await row(sent.id)).message_id
      await waitForMail(mail(), mail().users.user, messageId)
      expect(await worker.drain()).toBe(0)
      expect((await inbox(mail(), mail().users.user)).filter((m) => m.messageId === messageId)).toHaveLength(1)
    })

    it('does not send twice when the worker dies between sending and recording', async () => {
      const ticketId = await createTicket('Monitor flickers')
      await reply(ticketId, 1, 'Please try another cable.')
      const replyId = (await deliveries(ticketId))[1]!.id
      // Send the acknowledgement normally, so only the reply is in question.
      await db.query("update mail_outbox set next_attempt_at = now() + interval '1 hour' where id = $1", [replyId])
      await worker.drain()
      await db.query('update mail_outbox set next_attempt_at = now() where id = $1', [replyId])

      // The first worker claims the reply and sends it, then the hub dies before it records that.
      const doomed = new MailWorker(db, secrets, { tlsCa: mail().ca })
      const claimed = await doomed.claim()
      expect(claimed?.id).toBe(replyId)
      expect((await doomed.attempt(claimed!)).ok).toBe(true)
      await waitForMail(mail(), mail().users.user, claimed!.message_id)

      // A worker of the next hub start, after the claim's lease ran out, does not send it again.
      let sends = 0
      const later = new Date(Date.now() + 11 * 60_000)
      const next = new MailWorker(db, secrets, {
        tlsCa: mail().ca,
        now: () => later,
        send: async (...args) => {
          sends++
          return sendMail(...args)
        },
      })
      await next.drain()
      expect(sends).toBe(0)
      const delivery = (await deliveries(ticketId))[1]!
      expect(delivery).toMatchObject({ state: 'unknown', lastError: interruptedMessage })
      expect((await inbox(mail(), mail().users.user)).filter((m) => m.messageId === claimed!.message_id)).toHaveLength(
        1,
      )
      // Within the lease (another hub may still be sending it) a row is left alone.
      await db.query("update mail_outbox set state = 'sending', claimed_at = now() where id = $1", [replyId])
      await worker.drain()
      expect((await deliveries(ticketId))[1]!.state).toBe('sending')
    })

    it('retries a passing refusal later, and stops after the last attempt', async () => {
      await saveSettings(settings({ port: 9, security: 'none', user: null }))
      const ticketId = await createTicket('Laptop fan is loud', 'someone@elsewhere.test')
      let now = new Date(Date.now() + 1000)
      const clocked = new MailWorker(db, secrets, { now: () => now })
      await clocked.drain()
      const [first] = await deliveries(ticketId)
      expect(first).toMatchObject({ state: 'queued', attempts: 1 })
      expect(first!.lastError).toMatch(/ECONNREFUSED|connect/i)
      expect(await clocked.drain()).toBe(0)
      for (const minutes of [1, 5, 15, 60]) {
        now = new Date(now.getTime() + minutes * 60_000 + 1000)
        expect(await clocked.drain()).toBe(1)
      }
      expect((await deliveries(ticketId))[0]).toMatchObject({ state: 'failed', attempts: 5 })
      await saveSettings(settings())
    })

    it('lets two workers drain one outbox at once without sending any mail twice', async () => {
      const tickets = []
      for (let i = 0; i < 6; i++) tickets.push(await createTicket(`Shared drive slow ${i}`, 'many@elsewhere.test'))
      const sent: string[] = []
      const fake = (): MailWorker =>
        new MailWorker(db, secrets, {
          send: async (_settings, _password, outgoing) => {
            sent.push(outgoing.messageId)
            // Let the other worker claim meanwhile.
            await new Promise((resolve) => setImmediate(resolve))
            return { ok: true, response: '250 2.0.0 Ok' }
          },
        })
      const [a, b] = await Promise.all([fake().drain(), fake().drain()])
      expect(a + b).toBe(6)
      expect(new Set(sent).size).toBe(6)
      expect(sent).toHaveLength(6)
      for (const ticketId of tickets) expect((await deliveries(ticketId))[0]!.state).toBe('sent')
    })

    it('asks the requester when waiting for them, tells them how to reopen when resolved, and writes nothing for internal notes', async () => {
      const ticketId = await createTicket('Outlook asks for the password again and again', 'nora@elsewhere.test')
      const status = (baseVersion: number, to: string, note: string) =>
        push('agent', { type: 'change_status', ticketId, baseVersion, payload: { status: to, note } })
      await push('agent', {
        type: 'add_note',
        ticketId,
        baseVersion: 1,
        payload: { visibility: 'internal', body: 'Probably the expired token' },
      })
      await status(2, 'waiting_for_user', 'Which Outlook version do you use?')
      await status(3, 'resolved', 'We renewed your mailbox token.')
      const written = await db.query<OutboxRow>('select * from mail_outbox where ticket_id = $1 order by seq', [
        ticketId,
      ])
      expect(written.map((r) => r.kind)).toEqual(['acknowledgement', 'question', 'resolved'])
      expect(written.map((r) => r.language)).toEqual(['en', 'en', 'en'])
      expect(written[1]!.text_body).toContain('Which Outlook version do you use?')
      expect(written[2]!.text_body).toContain('reply to this mail and the ticket opens again')
      expect(written[2]!.reference_ids.split(' ')).toEqual([written[0]!.message_id, written[1]!.message_id])
      expect(written.some((r) => r.text_body.includes('expired token'))).toBe(false)

      // With e-mail switched off, nothing is written.
      await saveSettings(settings({ enabled: false }))
      await createTicket('Mouse is broken', 'nora@elsewhere.test')
      expect(await db.query("select id from mail_outbox where subject like '%Mouse is broken'")).toEqual([])
      await saveSettings(settings())
    })

    it('writes ticket mails with the organisation’s own text, the agent’s name filled in and the HTML escaped', async () => {
      const own = {
        subject: 'Re: [{{ticketNumber}}] {{ticketSubject}}',
        body: 'Hi {{requesterName}},\n\n{{body}}\n\n{{agentName}} for <Contoso>',
      }
      const saved = await app.inject({
        method: 'PUT',
        url: '/api/admin/mail/templates/reply/en',
        headers: as('admin'),
        payload: own,
      })
      expect(saved.statusCode).toBe(200)
      try {
        const ticketId = await createTicket('Mouse double-clicks', 'someone@elsewhere.test')
        await reply(ticketId, 1, 'Please try the other USB port.')
        const delivery = (await deliveries(ticketId)).find((d) => d.kind === 'reply')!
        const stored = await row(delivery.id)
        expect(stored.subject).toMatch(/^Re: \[T-\d{6}\] Mouse double-clicks$/)
        expect(stored.text_body).toContain('Hi Uwe User,\n\nPlease try the other USB port.\n\nAlex Agent for <Contoso>')
        expect(stored.html_body).toContain('Alex Agent for &lt;Contoso&gt;')
        // The acknowledgement of the same ticket keeps the built-in text.
        const ack = (await deliveries(ticketId)).find((d) => d.kind === 'acknowledgement')!
        expect((await row(ack.id)).text_body).toContain('thank you for your request')
      } finally {
        await app.inject({ method: 'DELETE', url: '/api/admin/mail/templates/reply/en', headers: as('admin') })
      }
    })
  })
}
