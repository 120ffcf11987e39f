import { randomUUID } from 'node:crypto'
import { ImapFlow } from 'imapflow'
import { simpleParser, type ParsedMail } from 'mailparser'
import MailComposer from 'nodemailer/lib/mail-composer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMailServer, type TestMailServer } from '../mail/mailServer.testing'
import { intakeMessage } from '../mail/intake/service'
import { parseInbound } from '../mail/intake/parse'
import { MailWorker } from '../mail/worker'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { processSecretBox } from '../signIn/secretBox'
import { createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { signedInAccount } from '../storage/testAccounts'
import { testBackends } from '../storage/testDatabases'
import { listEvents } from '../tickets/repository'
import { pushCommands } from '../tickets/service'
import { ticketAttachments } from './repository'

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)
const deviceTime = '2026-11-29T09:00:00.000Z'
const limits = { maxFileBytes: 32 * 1024, maxTicketBytes: 1024 * 1024 }

const compose = (options: ConstructorParameters<typeof MailComposer>[0]) =>
  new Promise<Buffer>((resolve, reject) =>
    new MailComposer(options).compile().build((error, message) => (error ? reject(error) : resolve(message))),
  )

let server: TestMailServer | null = null
beforeAll(async () => {
  server = await startMailServer()
}, 120_000)
afterAll(async () => {
  await server?.stop()
})

/** Polls the user's INBOX over IMAP until the message with this Message-ID is there. */
async function receive(server: TestMailServer, messageId: string): Promise<ParsedMail> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const client = new ImapFlow({
      host: server.imap.host,
      port: server.imap.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: server.users.user.address, pass: server.users.user.password },
      logger: false,
    })
    await client.connect()
    const lock = await client.getMailboxLock('INBOX')
    try {
      if (client.mailbox && client.mailbox.exists > 0) {
        for await (const message of client.fetch('1:*', { source: true })) {
          const parsed = await simpleParser(message.source!)
          if (parsed.messageId === messageId) return parsed
        }
      }
    } finally {
      lock.release()
      await client.logout()
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${messageId} did not arrive\n${server.logs()}`)
}

for (const backend of testBackends()) {
  describe(`attachments by mail on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let organisationId: string
    const secrets = processSecretBox()

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      organisationId = (await createOrganisation(db, 'Contoso')).id
    })
    afterAll(async () => {
      await db.drop()
    })

    it('keeps a mail’s attachments with its ticket and names the one over the limit in an internal note', async () => {
      const raw = await compose({
        from: 'Anna Becker <anna@kunde.test>',
        to: 'support@desk.test',
        subject: 'Error on start',
        messageId: `<${randomUUID()}@kunde.test>`,
        text: 'The screenshot and the log are attached.',
        attachments: [
          { filename: 'screenshot.png', content: png, contentType: 'image/png' },
          { filename: 'huge.log', content: Buffer.alloc(limits.maxFileBytes + 1, 'a'), contentType: 'text/plain' },
          {
            filename: 'logo.png',
            content: png,
            contentType: 'image/png',
            cid: 'logo@kunde',
            contentDisposition: 'inline',
          },
        ],
        html: '<p>The screenshot and the log are attached.</p><img src="cid:logo@kunde">',
      })
      const message = await parseInbound(raw)
      const outcome = await intakeMessage(db, {
        organisationId,
        message,
        files: message.files,
        position: null,
        attachmentLimits: limits,
      })
      if (outcome.kind !== 'new') throw new Error(outcome.kind)
      const kept = await ticketAttachments(db, organisationId, outcome.ticketId)
      expect(kept).toEqual([
        expect.objectContaining({
          fileName: 'screenshot.png',
          contentType: 'image/png',
          source: 'mail',
          eventId: outcome.eventId,
          uploadedBy: { id: null, name: 'Anna Becker' },
        }),
      ])
      const note = (await listEvents(db, organisationId, outcome.ticketId)).find((e) => e.type === 'internal_note')
      expect(note?.payload.body).toContain('huge.log')
      expect(note?.payload.body).toContain('at most 32 KiB')
    })

    it('sends a reply’s attachments with the mail, read from the database when it goes out', async (context) => {
      if (!server) return context.skip()
      const mail = server
      const agent = await signedInAccount(db, 'anna', 'agent', organisationId)
      const app = await buildApp(db, new Realtime(), {
        webDir: '/nonexistent',
        logLevel: 'silent',
        secrets,
        smtp: { tlsCa: mail.ca },
        attachments: limits,
      })
      const admin = await signedInAccount(db, 'ida', 'admin', organisationId)
      const saved = await app.inject({
        method: 'PUT',
        url: '/api/admin/mail',
        headers: { authorization: `Bearer ${admin.token}` },
        payload: {
          enabled: true,
          host: '127.0.0.1',
          port: mail.smtp.port,
          security: 'starttls',
          user: mail.smtp.user,
          password: mail.smtp.pass,
          senderName: 'Contoso IT',
          senderAddress: 'support@desk.test',
          signature: '',
          language: 'en',
        },
      })
      expect(saved.statusCode).toBe(200)
      const ticketId = randomUUID()
      await pushCommands(db, agent, [
        {
          type: 'create_ticket',
          commandId: randomUUID(),
          ticketId,
          baseVersion: null,
          deviceTime,
          payload: {
            subject: 'Printer jam',
            description: 'Called in',
            channel: 'phone',
            requester: { name: 'Uwe User', email: mail.users.user.address, phone: null, device: null },
            type: 'incident',
            category: 'peripherals',
            impact: 'low',
            urgency: 'low',
          },
        },
      ])
      const upload = await app.inject({
        method: 'POST',
        url: `/api/tickets/${ticketId}/attachments?name=${encodeURIComponent('Anleitung Drucker.txt')}`,
        headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'text/plain' },
        payload: 'Open tray 2, remove the paper.',
      })
      const file = upload.json<{ id: string }>()
      const [result] = await pushCommands(db, agent, [
        {
          type: 'add_note',
          commandId: randomUUID(),
          ticketId,
          baseVersion: 1,
          deviceTime,
          payload: { visibility: 'public', body: 'The steps are attached.', attachmentIds: [file.id] },
        },
      ])
      expect(result).toMatchObject({ status: 'applied' })
      const [row] = await db.query<{ id: string; message_id: string; attachment_ids: string[] }>(
        "select id, message_id, attachment_ids from mail_outbox where ticket_id = $1 and kind = 'reply'",
        [ticketId],
      )
      expect(row!.attachment_ids).toEqual([file.id])

      const worker = new MailWorker(db, secrets, { tlsCa: mail.ca })
      for (let claimed = await worker.claim(); claimed; claimed = await worker.claim()) {
        expect((await worker.deliver(claimed)).ok).toBe(true)
      }
      const received = await receive(mail, row!.message_id)
      expect(received.attachments.map((a) => [a.filename, a.content.toString('utf8')])).toEqual([
        ['Anleitung Drucker.txt', 'Open tray 2, remove the paper.'],
      ])
      await app.close()
    })
  })
}
