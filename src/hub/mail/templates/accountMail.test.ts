import { ImapFlow } from 'imapflow'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvitationCreated, LinkCreated } from '@shared/accounts/accounts'
import type { Delivery } from '@shared/mail/delivery'
import type { MailSettingsInput } from '@shared/mail/settings'
import { AccountsService } from '../../accounts/service'
import { Realtime } from '../../realtime'
import { buildApp } from '../../server'
import { processSecretBox } from '../../signIn/secretBox'
import { createOrganisation } from '../../storage/accounts'
import type { Database } from '../../storage/db'
import { migrate } from '../../storage/migrate'
import { signedInAccount } from '../../storage/testAccounts'
import { testBackends } from '../../storage/testDatabases'
import { startMailServer, type TestMailServer, type TestMailUser } from '../mailServer.testing'
import { MailWorker } from '../worker'

interface ReadMail {
  messageId: string
  subject: string
  language: string | null
  text: string
  html: string
}

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
    if (client.mailbox && client.mailbox.exists > 0) {
      for await (const message of client.fetch('1:*', { source: true })) {
        const parsed = await simpleParser(message.source!)
        mails.push({
          messageId: parsed.messageId ?? '',
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

/** Polls the mailbox for the mail the delivery wrote (both backends' runs share the mailbox). */
async function waitForMail(server: TestMailServer, user: TestMailUser, messageId: string): Promise<ReadMail> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const found = (await inbox(server, user)).find((mail) => mail.messageId === messageId)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${messageId} did not reach ${user.address}\n${server.logs()}`)
}

let server: TestMailServer | null = null
beforeAll(async () => {
  server = await startMailServer()
})
afterAll(async () => {
  await server?.stop()
})

for (const backend of testBackends()) {
  describe(`account mails on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let worker: MailWorker
    let organisationId: string
    const secrets = processSecretBox()
    const logLines: string[] = []
    const auth = new Map<string, { authorization: string }>()
    const mail = () => server!

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
      tlsCa: mail().ca,
      ...overrides,
    })
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, who = 'admin') =>
      app.inject({
        method,
        url,
        headers: auth.get(who)!,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      })
    const messageIdOf = async (deliveryId: string) =>
      (await db.query<{ message_id: string }>('select message_id from mail_outbox where id = $1', [deliveryId]))[0]!
        .message_id
    const outboxCount = async () =>
      Number((await db.query<{ n: string }>('select count(*) as n from mail_outbox'))[0]!.n)

    beforeAll(async () => {
      if (!server) return
      db = await backend.open()
      await migrate(db)
      // No hub-wide CA here: the organisation's own setting is what lets the hub trust the server.
      app = await buildApp(db, new Realtime(), {
        webDir: '/nonexistent',
        logLevel: 'info',
        secrets,
        logStream: { write: (line) => void logLines.push(line) },
      })
      organisationId = (await createOrganisation(db, 'Contoso')).id
      const admin = await signedInAccount(db, 'mail-admin', 'admin', organisationId)
      auth.set('admin', { authorization: `Bearer ${admin.token}` })
      const agent = await signedInAccount(db, 'mail-agent', 'agent', organisationId)
      auth.set('agent', { authorization: `Bearer ${agent.token}` })
      const other = await signedInAccount(db, 'mail-other', 'admin', (await createOrganisation(db, 'Fabrikam')).id)
      auth.set('other', { authorization: `Bearer ${other.token}` })
      worker = new MailWorker(db, secrets, { log: (line) => logLines.push(line) })
    })
    afterAll(async () => {
      if (!server) return
      await worker.stop()
      await app.close()
      await db.drop()
    })

    it('has a real mail server to send to', () => {
      expect(server, 'startMailServer answered null: postfix/dovecot missing or not root').not.toBeNull()
    })

    it('queues no mail while the organisation has no SMTP server; the link is shown as before', async () => {
      const created = await call('POST', '/api/admin/invitations', { email: 'early@example.org', role: 'agent' })
      expect(created.statusCode).toBe(201)
      expect(created.json<InvitationCreated>().mail).toBeNull()
      expect(await outboxCount()).toBe(0)
    })

    it('trusts the SMTP server through the organisation’s private CA, or any certificate only when allowed', async () => {
      const bad = await call('PUT', '/api/admin/mail', settings({ tlsCa: 'not a certificate' }))
      expect(bad.statusCode).toBe(400)
      const garbled = await call(
        'PUT',
        '/api/admin/mail',
        settings({ tlsCa: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }),
      )
      expect(garbled.statusCode).toBe(400)
      expect(garbled.json<{ message: string }>().message).toContain('cannot be read')

      const test = async () =>
        (await call('POST', '/api/admin/mail/test', { to: mail().users.user.address })).json<{
          ok: boolean
          response: string
        }>()
      expect((await call('PUT', '/api/admin/mail', settings({ tlsCa: null }))).statusCode).toBe(200)
      const untrusted = await test()
      expect(untrusted.ok).toBe(false)
      expect(untrusted.response).toMatch(/certificate/i)

      expect((await call('PUT', '/api/admin/mail', settings({ tlsCa: null, allowSelfSigned: true }))).statusCode).toBe(
        200,
      )
      expect((await test()).ok).toBe(true)

      const saved = await call('PUT', '/api/admin/mail', settings())
      expect(saved.json()).toMatchObject({ settings: { tlsCa: mail().ca.trim(), allowSelfSigned: false } })
      expect((await test()).ok).toBe(true)
    })

    it('writes the invitation mail in the transaction that makes the link, and nothing when it fails', async () => {
      const before = await outboxCount()
      const admin = (await call('GET', '/api/auth/me')).json()
      // The same service on a database whose transactions fail after their work: no link, no mail.
      const failing: Database = Object.assign(Object.create(db) as Database, {
        transaction: async <T>(work: (tx: Database) => Promise<T>) =>
          db.transaction(async (tx) => {
            await work(tx as Database)
            throw new Error('commit refused')
          }),
      })
      await expect(
        new AccountsService(failing, undefined).invite(admin, { email: 'lost@example.org', role: 'agent' }, 'http://x'),
      ).rejects.toThrow('commit refused')
      expect(await outboxCount()).toBe(before)
      const links = await db.query("select 1 from account_links where email = 'lost@example.org'")
      expect(links).toHaveLength(0)

      // A refused invitation (address taken) queues nothing either.
      const taken = await call('POST', '/api/admin/invitations', { email: 'mail-agent@example.org', role: 'agent' })
      expect(taken.statusCode).toBe(409)
      expect(await outboxCount()).toBe(before)
    })

    it('mails the invitation with the link; the link in the mail opens the desk', async () => {
      const user = mail().users.user
      const created = await call('POST', '/api/admin/invitations', { email: user.address, role: 'specialist' })
      expect(created.statusCode).toBe(201)
      const invitation = created.json<InvitationCreated>()
      expect(invitation.mail).not.toBeNull()
      const deliveryId = invitation.mail!.deliveryId
      const state = async (who = 'admin') => call('GET', `/api/admin/account-mails/${deliveryId}`, undefined, who)
      expect((await state()).json<Delivery>()).toMatchObject({ kind: 'invitation', state: 'queued', ticketId: null })
      expect((await state('other')).statusCode).toBe(404)
      expect((await state('agent')).statusCode).toBe(403)

      expect(await worker.drain()).toBe(1)
      expect((await state()).json<Delivery>().state).toBe('sent')
      // The mail carries a one-time link: an agent cannot have it sent again, not even learn it exists.
      expect((await call('POST', `/api/deliveries/${deliveryId}/retry`, undefined, 'agent')).statusCode).toBe(404)
      expect((await call('POST', `/api/deliveries/${deliveryId}/retry`)).statusCode).toBe(409)
      const received = await waitForMail(mail(), user, await messageIdOf(deliveryId))
      expect(received.subject).toBe('Your invitation to the Contoso support desk')
      expect(received.language).toBe('en')
      const link = `http://localhost:80/#/invite/${invitation.token}`
      expect(received.text).toContain(link)
      expect(received.text).toContain('mail-admin has invited you to the Contoso support desk as 2nd-level specialist.')
      expect(received.text).not.toContain('##-')
      expect(received.html).toContain(`<a href="${link}">`)

      // The person follows the mailed link.
      const token = /#\/invite\/([A-Za-z0-9_-]{43})/.exec(received.text)![1]!
      const accepted = await app.inject({
        method: 'POST',
        url: '/api/account-links/accept-invitation',
        payload: { token, displayName: 'Uwe User', password: 'a long and fine passphrase 42' },
      })
      expect(accepted.statusCode).toBe(200)
    })

    it('mails a password reset in the account’s language, with the organisation’s own template', async () => {
      const user = mail().users.user
      await db.query("update accounts set language = 'de' where email = $1", [user.address])
      const template = {
        subject: 'Neues Passwort für {{recipientName}}',
        body: 'Hallo {{recipientName}},\n\nhier ist Ihr Link: {{link}}\n\nGültig bis {{expiresAt}}.\n\n{{signature}}',
      }
      expect((await call('PUT', '/api/admin/mail/templates/password_reset/de', template)).statusCode).toBe(200)
      const [account] = await db.query<{ id: string }>('select id from accounts where email = $1', [user.address])
      const created = await call('POST', `/api/admin/accounts/${account!.id}/reset-link`)
      expect(created.statusCode).toBe(201)
      const link = created.json<LinkCreated>()
      expect(link.mail).not.toBeNull()

      worker.start()
      const received = await waitForMail(mail(), user, await messageIdOf(link.mail!.deliveryId))
      expect(received.subject).toBe('Neues Passwort für Uwe User')
      expect(received.language).toBe('de')
      expect(received.text).toContain(`hier ist Ihr Link: http://localhost:80/#/reset/${link.token}`)
      expect(received.text).toMatch(/Gültig bis \d+\. \w+ \d{4}.* UTC\./)
      expect(received.text).toContain('Contoso IT · +49 30 1234')

      // The one-time tokens never reach a log line or the audit log.
      const [invitationMail] = await db.query<{ text_body: string }>(
        "select text_body from mail_outbox where kind = 'invitation'",
      )
      const invitationToken = /#\/invite\/([A-Za-z0-9_-]{43})/.exec(invitationMail!.text_body)![1]!
      const audit = JSON.stringify(await db.query('select * from admin_audit'))
      for (const token of [link.token, invitationToken]) {
        expect(logLines.join('\n')).not.toContain(token)
        expect(audit).not.toContain(token)
      }
    })
  })
}
