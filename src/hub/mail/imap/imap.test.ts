import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IntakeOutcome } from '../intake/service'
import { insertCustomer } from '../../people/customers'
import { processSecretBox } from '../../signIn/secretBox'
import { createOrganisation } from '../../storage/accounts'
import { migrate } from '../../storage/migrate'
import { testBackends } from '../../storage/testDatabases'
import { listEvents } from '../../tickets/repository'
import { testMailbox } from './connection'
import { mailServerAvailable, startMailServer, type TestMailServer } from '../mailServer.testing'
import { createMailbox, findMailbox } from './mailboxes'
import { appendMail, dropConnections } from './mailbox.testing'
import { MailIntake } from './reader'

const mail = (headers: Record<string, string>, body: string) =>
  `${Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`

/** Polls until `check` gives a value, or fails after the deadline. */
async function eventually<T>(check: () => Promise<T | null | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const backend = testBackends()[0]!
describe.skipIf(!mailServerAvailable())('reading a real Dovecot mailbox over IMAP', () => {
  let server: TestMailServer
  let support: TestMailServer['users']['support']
  let db: Awaited<ReturnType<typeof backend.open>>
  let organisationId: string
  let customerId: string
  let mailboxId: string
  let intake: MailIntake
  const outcomes: IntakeOutcome[] = []
  const secrets = processSecretBox()
  const ticketWithSubject = async (subject: string) =>
    (
      await db.query<{ id: string; data: { links: { customerId: string; contactId: string } } }>(
        `select id, data from tickets where organisation_id = $1 and data->>'subject' = $2`,
        [organisationId, subject],
      )
    )[0]

  beforeAll(async () => {
    server = (await startMailServer())!
    support = server.users.support
    db = await backend.open()
    await migrate(db)
    organisationId = (await createOrganisation(db, 'Desk')).id
    customerId = (
      await insertCustomer(db, organisationId, {
        name: 'Kunde GmbH',
        domains: ['kunde-gmbh.de'],
        locations: [],
        calendar: null,
        notes: '',
      })
    ).id
    mailboxId = await createMailbox(db, secrets, organisationId, {
      name: 'Support',
      address: support.address,
      host: server.imap.host,
      port: server.imap.port,
      security: 'none',
      username: support.address,
      password: support.password,
      folder: 'INBOX',
      enabled: true,
    })
    intake = new MailIntake(db, secrets, {
      onIntake: (_organisation, outcome) => outcomes.push(outcome),
      backoff: { initialMs: 50, maxMs: 500 },
    })
  }, 90_000)
  afterAll(async () => {
    await intake?.stop()
    await db?.drop()
    await server?.stop()
  })

  it('reports the server’s answer when testing the mailbox', async () => {
    const mailbox = (await findMailbox(db, secrets, mailboxId))!
    expect(await testMailbox(mailbox)).toMatchObject({ ok: true, stage: 'done', messages: 0 })
    expect(await testMailbox({ ...mailbox, password: 'wrong' })).toMatchObject({
      ok: false,
      stage: 'login',
      serverResponse: expect.stringMatching(/AUTHENTICATIONFAILED|Authentication failed/i) as unknown as string,
    })
    expect(await testMailbox({ ...mailbox, folder: 'Nowhere' })).toMatchObject({ ok: false, stage: 'open' })
  })

  it('makes a delivered message a ticket with contact and customer, and threads the reply onto it', async () => {
    await intake.start()
    const subject = `Drucker ${randomUUID()}`
    const firstId = `<${randomUUID()}@kunde-gmbh.de>`
    await appendMail(
      server,
      support,
      mail(
        {
          From: 'Anna Becker <anna.becker@kunde-gmbh.de>',
          To: support.address,
          Subject: subject,
          'Message-ID': firstId,
        },
        'Der Drucker zeigt Papierstau.',
      ),
    )
    const ticket = await eventually(() => ticketWithSubject(subject), 'the ticket')
    expect(ticket.data.links.customerId).toBe(customerId)
    const [contact] = await db.query<{ email: string }>('select email from contacts where id = $1', [
      ticket.data.links.contactId,
    ])
    expect(contact!.email).toBe('anna.becker@kunde-gmbh.de')

    await appendMail(
      server,
      support,
      mail(
        {
          From: 'Anna Becker <anna.becker@kunde-gmbh.de>',
          To: support.address,
          Subject: `AW: ${subject}`,
          'Message-ID': `<${randomUUID()}@kunde-gmbh.de>`,
          'In-Reply-To': firstId,
          References: firstId,
        },
        'Geht wieder, danke.\n\nAm 24.11.2026 um 16:20 schrieb Support:\n> Papierstau?',
      ),
    )
    const reply = await eventually(
      async () => (await listEvents(db, organisationId, ticket.id)).find((event) => event.type === 'public_reply'),
      'the reply',
    )
    expect(reply.payload).toEqual({ body: 'Geht wieder, danke.' })
  })

  it('goes on after a restart where it stopped, and reads a renumbered folder without doubling a ticket', async () => {
    await intake.stop()
    const subject = `While stopped ${randomUUID()}`
    await appendMail(
      server,
      support,
      mail(
        { From: 'jonas@kunde-gmbh.de', To: support.address, Subject: subject, 'Message-ID': `<${randomUUID()}@k>` },
        'x',
      ),
    )
    await intake.start()
    await eventually(() => ticketWithSubject(subject), 'the ticket of mail that came while the hub was down')
    const tickets = async () =>
      (
        await db.query<{ n: number }>('select count(*)::int as n from tickets where organisation_id = $1', [
          organisationId,
        ])
      )[0]!.n
    const before = await tickets()
    const read = outcomes.length
    // As if the server had renumbered the folder: the whole folder is read again.
    await intake.stop()
    await db.query(`update mailboxes set uid_validity = '1', last_uid = 0 where id = $1`, [mailboxId])
    await intake.start()
    await eventually(async () => outcomes.length >= read + 3 || null, 'the folder read again')
    expect(outcomes.slice(read).every((outcome) => outcome.kind === 'duplicate')).toBe(true)
    expect(await tickets()).toBe(before)
    const stored = (await findMailbox(db, secrets, mailboxId))!
    expect(stored.uidValidity).not.toBe('1')
    expect(stored.lastUid).toBe(3)
  })
  it('reconnects after the server dropped the connection, and reads what came meanwhile', async () => {
    dropConnections(server, support)
    const subject = `After restart ${randomUUID()}`
    await appendMail(
      server,
      support,
      mail(
        { From: 'lena@kunde-gmbh.de', To: support.address, Subject: subject, 'Message-ID': `<${randomUUID()}@k>` },
        'x',
      ),
    )
    await eventually(() => ticketWithSubject(subject), 'the ticket after the server came back')
  })

  it('stopped in the middle of a batch and started again, makes each message exactly one ticket', async () => {
    await intake.stop()
    const batch = `Batch ${randomUUID().slice(0, 8)}`
    const total = 40
    await appendMail(
      server,
      support,
      Array.from({ length: total }, (_, i) =>
        mail(
          {
            // One sender each: the per-sender limit on new tickets is not what this test is about.
            From: `user${i}@kunde-gmbh.de`,
            To: support.address,
            Subject: `${batch} #${i}`,
            'Message-ID': `<${batch}-${i}@k>`.replace(/ /g, ''),
          },
          `Nachricht ${i}`,
        ),
      ),
    )
    const perSubject = async () =>
      db.query<{ subject: string; n: number }>(
        `select data->>'subject' as subject, count(*)::int as n from tickets
         where organisation_id = $1 and data->>'subject' like $2 group by 1`,
        [organisationId, `${batch}%`],
      )
    const read = outcomes.length
    await intake.start()
    await eventually(async () => outcomes.length >= read + 5 || null, 'a part of the batch')
    await intake.stop()
    expect((await perSubject()).length).toBeLessThan(total)
    await intake.start()
    await eventually(async () => ((await perSubject()).length === total ? true : null), 'the whole batch')
    expect((await perSubject()).every((row) => row.n === 1)).toBe(true)
  })
})
