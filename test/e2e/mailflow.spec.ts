import { simpleParser } from 'mailparser'
import nodemailer from 'nodemailer'
import type { CustomerDetail } from '../../src/shared/people/api'
import type { Contact } from '../../src/shared/people/contact'
import type { Mailbox } from '../../src/shared/mail/inboundMailbox'
import type { Delivery } from '../../src/shared/mail/delivery'
import { replyMarkers } from '../../src/shared/mail/replyMarker'
import type { PullResponse } from '../../src/shared/sync'
import type { Ticket } from '../../src/shared/tickets/model'
import { formatTicketNumber } from '../../src/shared/tickets/ticketNumber'
import { eventually, postfixQueueEmpty, readInbox } from '../support/mailLoad'
import { startMailServer, type TestMailServer } from '../support/mailServer'
import { expect, test, type HubApi } from './fixtures'
import { signedIn } from './pages/ConsolePage'

let server: TestMailServer | null = null
test.beforeAll(async () => {
  server = await startMailServer()
})
test.afterAll(async () => {
  await server?.stop()
})

/** The user's own mail program: submission with STARTTLS and login, as a desktop client sends. */
function userMailer(mail: TestMailServer) {
  return nodemailer.createTransport({
    host: mail.smtp.host,
    port: mail.smtp.port,
    secure: false,
    requireTLS: true,
    auth: { user: mail.users.user.address, pass: mail.users.user.password },
    tls: { ca: mail.ca },
  })
}

async function ticketsOf(agent: HubApi): Promise<Ticket[]> {
  return (await agent.json<PullResponse>('GET', '/api/sync/changes?after=0&limit=2000')).tickets
}

test('a user’s mail becomes a ticket, the agent’s answer reaches the user’s mailbox, and the user’s reply joins the ticket', async ({
  page,
  hub,
}, testInfo) => {
  expect(server, 'needs postfix and dovecot (root)').not.toBeNull()
  const mail = server!
  const user = mail.users.user
  const admin = await hub.api('admin')
  const agent = await hub.api('agent')

  // The desk knows the user: a customer by mail domain, the user as a contact who reads German.
  const customer = await admin.json<CustomerDetail>('POST', '/api/customers', {
    name: 'Kundenwerk AG',
    domains: ['customer.test'],
    locations: [],
    calendar: null,
    notes: '',
  })
  const contact = await admin.json<Contact>('POST', `/api/customers/${customer.customer.id}/contacts`, {
    name: 'Uwe User',
    email: user.address,
    phone: null,
    language: 'de',
    jobTitle: '',
    notes: '',
  })
  // Mail out through the relay port, mail in from the support mailbox.
  await admin.json('PUT', '/api/admin/mail', {
    enabled: true,
    host: mail.inbound.host,
    port: mail.inbound.port,
    security: 'none',
    user: null,
    senderName: 'Contoso IT Support',
    senderAddress: mail.users.support.address,
    signature: 'Contoso IT',
    language: 'en',
  })
  const mailbox = await admin.json<Mailbox>('POST', '/api/admin/mailboxes', {
    name: 'Support',
    address: mail.users.support.address,
    host: mail.imap.host,
    port: mail.imap.port,
    security: 'none',
    username: mail.users.support.address,
    password: mail.users.support.password,
    folder: 'INBOX',
    enabled: true,
  })

  const desk = await signedIn(page, hub.url, hub.login('agent'))
  const subject = 'Drucker im 2. OG druckt nur leere Seiten'
  const mailer = userMailer(mail)
  const first = await mailer.sendMail({
    from: `Uwe User <${user.address}>`,
    to: mail.users.support.address,
    subject,
    text: 'Seit heute Morgen kommen aus dem Drucker nur leere Seiten.\n\nGruß\nUwe',
  })

  // The ticket shows in the agent's queue within seconds, filed under the customer and contact.
  await expect(desk.ticketOption(subject)).toBeVisible({ timeout: 20_000 })
  const ticket = (await ticketsOf(agent)).find((t) => t.subject === subject)!
  expect(ticket).toMatchObject({
    channel: 'email',
    requester: { email: user.address },
    links: { customerId: customer.customer.id, contactId: contact.id },
  })
  await desk.open(subject)
  await expect(page.getByRole('region', { name: 'Customer' })).toContainText('Kundenwerk AG')

  // The agent answers in the Console.
  const answer = 'Bitte schalten Sie den Drucker einmal aus und wieder ein.'
  await page.getByRole('textbox', { name: 'Message' }).fill(answer)
  await page.getByRole('button', { name: 'Send public reply' }).click()
  const timeline = page.getByRole('region', { name: 'Timeline' })
  await expect(timeline.getByText(`Mail sent to ${user.address}`)).toHaveCount(2, { timeout: 20_000 })

  // In the user's mailbox: the answer, numbered, threaded after the user's mail, in German.
  const number = formatTicketNumber(ticket.number!)
  const received = async () =>
    Promise.all((await readInbox(mail, user, { source: true })).map((m) => simpleParser(m.source!)))
  const reply = await eventually(
    async () => (await received()).find((m) => m.text?.includes(answer)),
    'the answer in the user’s mailbox',
  )
  const acknowledgement = (await received()).find((m) => m.headers.get('auto-submitted') === 'auto-replied')!
  expect(reply.subject).toBe(`[${number}] ${subject}`)
  // The conversation in order: the user's mail, the acknowledgement answering it, then the answer.
  expect(acknowledgement.inReplyTo).toBe(first.messageId)
  expect(reply.inReplyTo).toBe(acknowledgement.messageId)
  expect([reply.references].flat()).toEqual([first.messageId, acknowledgement.messageId])
  expect(reply.headers.get('content-language')).toBe('de')
  expect(reply.text).toContain(replyMarkers.de)

  // The user answers from the mail program, quoting as mail programs do.
  const followUp = 'Aus- und Einschalten hat geholfen, danke!'
  await mailer.sendMail({
    from: `Uwe User <${user.address}>`,
    to: mail.users.support.address,
    subject: `Re: ${reply.subject}`,
    inReplyTo: reply.messageId,
    references: [first.messageId, reply.messageId!],
    text: `${followUp}\n\nAm ${new Date().toUTCString()} schrieb Contoso IT Support:\n> ${answer}\n`,
  })
  await expect(timeline.getByText(followUp)).toBeVisible({ timeout: 20_000 })
  const tickets = (await ticketsOf(agent)).filter((t) => t.subject.includes('Drucker im 2. OG'))
  expect(tickets).toHaveLength(1)
  await timeline.getByText(followUp).scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('mailflow-timeline-1280.png') })

  // An out-of-office answer to the desk's mail: no ticket, and no acknowledgement going back.
  const deliveries = async () =>
    (await agent.json<{ deliveries: Delivery[] }>('GET', `/api/tickets/${ticket.id}/deliveries`)).deliveries
  const sentBefore = (await deliveries()).length
  const inboxBefore = (await readInbox(mail, user)).length
  const positionBefore = (await admin.json<{ mailboxes: Mailbox[] }>('GET', '/api/admin/mailboxes')).mailboxes.find(
    (m) => m.id === mailbox.id,
  )!.lastUid
  await mailer.sendMail({
    from: `Uwe User <${user.address}>`,
    to: mail.users.support.address,
    subject: `Abwesenheitsnotiz: ${reply.subject}`,
    inReplyTo: reply.messageId,
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
    text: 'Ich bin bis zum 15. nicht im Büro.',
  })
  // Intake has read it once the mailbox position moved past it; anything it would send is queued with that.
  await eventually(
    async () =>
      (await admin.json<{ mailboxes: Mailbox[] }>('GET', '/api/admin/mailboxes')).mailboxes.find(
        (m) => m.id === mailbox.id,
      )!.lastUid > positionBefore,
    'intake reading the out-of-office mail',
  )
  expect(await deliveries()).toHaveLength(sentBefore)
  expect((await ticketsOf(agent)).filter((t) => t.channel === 'email')).toHaveLength(1)
  await eventually(async () => postfixQueueEmpty(mail), 'Postfix’s queue empty')
  expect(await readInbox(mail, user)).toHaveLength(inboxBefore)
  await expect(timeline.getByText('Ich bin bis zum 15. nicht im Büro.')).toHaveCount(0)
  mailer.close()
})

test('mail from an address whose mailbox is gone: the ticket opens and the acknowledgement shows as bounced', async ({
  page,
  hub,
}) => {
  expect(server, 'needs postfix and dovecot (root)').not.toBeNull()
  const mail = server!
  const admin = await hub.api('admin')
  await admin.json('PUT', '/api/admin/mail', {
    enabled: true,
    host: mail.inbound.host,
    port: mail.inbound.port,
    security: 'none',
    user: null,
    senderName: 'Contoso IT Support',
    senderAddress: mail.users.support.address,
    signature: '',
    language: 'en',
  })
  await admin.json<Mailbox>('POST', '/api/admin/mailboxes', {
    name: 'Support',
    address: mail.users.support.address,
    host: mail.imap.host,
    port: mail.imap.port,
    security: 'none',
    username: mail.users.support.address,
    password: mail.users.support.password,
    folder: 'INBOX',
    enabled: true,
  })
  const desk = await signedIn(page, hub.url, hub.login('agent'))
  // Sent from a forwarding service in the user's name: Postfix knows no mailbox for the address.
  const gone = 'left.the.company@customer.test'
  const relay = nodemailer.createTransport({ host: mail.inbound.host, port: mail.inbound.port, ignoreTLS: true })
  await relay.sendMail({
    from: `Former Colleague <${gone}>`,
    to: mail.users.support.address,
    subject: 'Shared calendar no longer syncs',
    text: 'Since Monday the team calendar does not sync on my phone.',
  })
  relay.close()
  await expect(desk.ticketOption('Shared calendar no longer syncs')).toBeVisible({ timeout: 20_000 })
  await desk.open('Shared calendar no longer syncs')
  const timeline = page.getByRole('region', { name: 'Timeline' })
  await expect(timeline.getByText(`Mail to ${gone} bounced`)).toBeVisible({ timeout: 20_000 })
})
