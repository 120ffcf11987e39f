import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultIntakeSettings, type InboundMessage } from '@shared/mail/inbound'
import { applyCommand } from '@shared/tickets/apply'
import { ticketCommandSchema } from '@shared/tickets/commands'
import type { Status } from '@shared/tickets/status'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { insertCustomer } from '../../people/customers'
import { createOrganisation } from '../../storage/accounts'
import { migrate } from '../../storage/migrate'
import { testBackends } from '../../storage/testDatabases'
import { findTicket, listEvents, saveTicket, nextChangeSeq, insertEvents } from '../../tickets/repository'
import { parseInbound } from './parse'
import { intakeMessage } from './service'

const admin = { id: randomUUID(), name: 'Ida Admin', role: 'admin' as const }
let counter = 0
const message = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  messageId: `m${++counter}-${randomUUID()}@kunde-gmbh.de`,
  inReplyTo: null,
  references: [],
  from: { address: 'anna.becker@kunde-gmbh.de', name: 'Anna Becker' },
  subject: 'Drucker druckt nicht',
  text: 'Der Drucker im 2. OG zeigt Papierstau.\n\nViele Grüße\nAnna',
  autoReply: null,
  bulk: false,
  bounce: null,
  ...over,
})

for (const backend of testBackends()) {
  describe(`mail intake on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let orgA: string
    let orgB: string
    let customerA: string
    let mailboxA: string
    const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params))[0]!.n

    /** Moves a ticket the way an agent would, at the given time. */
    const setStatus = async (organisationId: string, ticketId: string, status: Status, at: Date) => {
      await db.transaction(async (tx) => {
        const ticket = (await findTicket(tx, organisationId, ticketId))!
        const outcome = applyCommand(
          ticket,
          ticketCommandSchema.parse({
            type: 'change_status',
            commandId: randomUUID(),
            ticketId,
            baseVersion: ticket.version,
            deviceTime: at.toISOString(),
            payload: { status, note: null },
          }),
          { actor: admin, now: at.toISOString(), matrix: defaultPriorityMatrix },
        )
        if (!outcome.ok) throw new Error(outcome.error.kind)
        const seq = await nextChangeSeq(tx)
        await saveTicket(tx, organisationId, outcome.ticket, seq)
        await insertEvents(tx, organisationId, outcome.events, seq)
      })
    }
    const newTicket = async (over: Partial<InboundMessage> = {}, organisationId = orgA) => {
      const outcome = await intakeMessage(db, { organisationId, message: message(over), position: null })
      if (outcome.kind !== 'new') throw new Error(`expected a new ticket, got ${outcome.kind}`)
      return outcome
    }

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      orgA = (await createOrganisation(db, 'Desk A')).id
      orgB = (await createOrganisation(db, 'Desk B')).id
      customerA = (
        await insertCustomer(db, orgA, {
          name: 'Kunde GmbH',
          domains: ['kunde-gmbh.de'],
          locations: [],
          calendar: null,
          notes: '',
        })
      ).id
      mailboxA = randomUUID()
      await db.query(
        `insert into mailboxes (id, organisation_id, name, address, host, port, security, username, password, folder)
         values ($1, $2, 'Support', 'support@desk.test', '127.0.0.1', 143, 'none', 'support', 'x', 'INBOX')`,
        [mailboxA, orgA],
      )
    })
    afterAll(async () => {
      await db.drop()
    })

    it('makes a new message a ticket with channel e-mail, the contact found by domain and the links set', async () => {
      const raw = readFileSync(new URL('./fixtures/new-request-de.eml', import.meta.url))
      const parsed = await parseInbound(raw)
      const outcome = await intakeMessage(db, { organisationId: orgA, message: parsed, position: null })
      expect(outcome).toMatchObject({ kind: 'new', customerId: customerA })
      if (outcome.kind !== 'new') return
      const ticket = (await findTicket(db, orgA, outcome.ticketId))!
      expect(ticket).toMatchObject({
        channel: 'email',
        subject: 'Drucker im 2. OG druckt nicht',
        requester: { name: 'Anna Becker', email: 'anna.becker@kunde-gmbh.de' },
        links: { customerId: customerA, contactId: outcome.contactId, deviceId: null },
      })
      expect(ticket.description).toContain('Papierstau')
      const [created] = await listEvents(db, orgA, ticket.id)
      expect(created!.author).toEqual({ kind: 'requester', name: 'Anna Becker' })
      const [contact] = await db.query<{ email: string; customer_id: string; language: string }>(
        'select email, customer_id, language from contacts where id = $1',
        [outcome.contactId],
      )
      expect(contact).toEqual({ email: 'anna.becker@kunde-gmbh.de', customer_id: customerA, language: 'de' })
    })

    it('threads a reply by In-Reply-To as the requester’s public reply, cut of its quote, and resumes a waiting ticket', async () => {
      const first = message()
      const created = await intakeMessage(db, { organisationId: orgA, message: first, position: null })
      if (created.kind !== 'new') throw new Error(created.kind)
      await setStatus(orgA, created.ticketId, 'in_progress', new Date())
      await setStatus(orgA, created.ticketId, 'waiting_for_user', new Date())
      const reply = message({
        subject: 'AW: Drucker druckt nicht',
        inReplyTo: first.messageId,
        references: [first.messageId!],
        text: 'Jetzt geht es wieder.\n\nAm 24.11.2026 um 16:20 schrieb IT Support:\n> Ist der Drucker an?',
      })
      const outcome = await intakeMessage(db, { organisationId: orgA, message: reply, position: null })
      expect(outcome).toMatchObject({ kind: 'reply', ticketId: created.ticketId, reopened: false })
      const events = await listEvents(db, orgA, created.ticketId)
      const publicReply = events.find((event) => event.type === 'public_reply')!
      expect(publicReply.author).toEqual({ kind: 'requester', name: 'Anna Becker' })
      expect(publicReply.payload).toEqual({ body: 'Jetzt geht es wieder.' })
      expect((await findTicket(db, orgA, created.ticketId))!.status).toBe('in_progress')
      const [full] = await db.query<{ full_text: string }>('select full_text from mail_intake where event_id = $1', [
        publicReply.id,
      ])
      expect(full!.full_text).toContain('Ist der Drucker an?')
    })

    it('threads by the [T-…] token only within the organisation', async () => {
      const created = await newTicket()
      const token = `[T-${String(created.ticketNumber).padStart(6, '0')}]`
      const same = await intakeMessage(db, {
        organisationId: orgA,
        message: message({ subject: `Re: ${token} Drucker`, from: { address: 'chef@kunde-gmbh.de', name: null } }),
        position: null,
      })
      expect(same).toMatchObject({ kind: 'reply', ticketId: created.ticketId })
      const ticketsBefore = await count('select count(*)::int as n from tickets where organisation_id = $1', [orgB])
      const other = await intakeMessage(db, {
        organisationId: orgB,
        message: message({ subject: `Re: ${token} Drucker`, inReplyTo: 'nothing@x', references: [] }),
        position: null,
      })
      expect(other.kind).toBe('new')
      expect(other.kind === 'new' && other.ticketId).not.toBe(created.ticketId)
      expect(await count('select count(*)::int as n from tickets where organisation_id = $1', [orgB])).toBe(
        ticketsBefore + 1,
      )
      // Organisation B's mail never threads onto A's Message-IDs either.
      const first = message()
      const inA = await intakeMessage(db, { organisationId: orgA, message: first, position: null })
      const crossing = await intakeMessage(db, {
        organisationId: orgB,
        message: message({ inReplyTo: first.messageId, references: [first.messageId!] }),
        position: null,
      })
      expect(crossing.kind).toBe('new')
      expect(inA.kind === 'new' && (await listEvents(db, orgA, inA.ticketId)).length).toBe(1)
    })

    it('reopens a ticket resolved within the window, and starts a linked ticket after it', async () => {
      const now = new Date()
      const recent = await newTicket()
      await setStatus(orgA, recent.ticketId, 'resolved', new Date(now.getTime() - 2 * 86_400_000))
      const reopened = await intakeMessage(db, {
        organisationId: orgA,
        message: message({ subject: `Re: [T-${recent.ticketNumber}] x` }),
        position: null,
        now,
      })
      expect(reopened).toMatchObject({ kind: 'reply', ticketId: recent.ticketId, reopened: true })
      expect((await findTicket(db, orgA, recent.ticketId))!.status).toBe('reopened')

      const old = await newTicket()
      await setStatus(orgA, old.ticketId, 'resolved', new Date(now.getTime() - 30 * 86_400_000))
      const followUp = await intakeMessage(db, {
        organisationId: orgA,
        message: message({ subject: `Re: [T-${old.ticketNumber}] x` }),
        position: null,
        now,
      })
      expect(followUp.kind).toBe('new')
      if (followUp.kind !== 'new') return
      const ticket = (await findTicket(db, orgA, followUp.ticketId))!
      expect(ticket.description).toContain(`Folgeanfrage zu T-${String(old.ticketNumber).padStart(6, '0')}`)
      expect(ticket.tags).toContain('follow-up')
      expect((await findTicket(db, orgA, old.ticketId))!.status).toBe('resolved')
    })

    it('limits new tickets per sender and hour, but lets replies through', async () => {
      const from = { address: `flood-${randomUUID()}@kunde-gmbh.de`, name: 'Flood' }
      const settings = { ...defaultIntakeSettings, newTicketsPerHour: 2 }
      const take = (over: Partial<InboundMessage> = {}) =>
        intakeMessage(db, { organisationId: orgA, message: message({ from, ...over }), position: null, settings })
      const first = await take()
      expect((await take()).kind).toBe('new')
      expect(await take()).toEqual({ kind: 'ignore', reason: 'rate_limited' })
      expect(first.kind === 'new' && (await take({ subject: `[T-${first.ticketNumber}] more` })).kind).toBe('reply')
      expect(
        await count(
          `select count(*)::int as n from tickets where organisation_id = $1 and data->'requester'->>'email' = $2`,
          [orgA, from.address],
        ),
      ).toBe(2)
    })

    it('takes a message at most once, by mailbox position and by Message-ID', async () => {
      const mail = message()
      const at = { mailboxId: mailboxA, uidValidity: '1001', uid: 10 }
      expect((await intakeMessage(db, { organisationId: orgA, message: mail, position: at })).kind).toBe('new')
      expect(await intakeMessage(db, { organisationId: orgA, message: mail, position: at })).toEqual({
        kind: 'duplicate',
      })
      // The folder was renumbered (new UIDVALIDITY): the same message under a new position is still a duplicate.
      const renumbered = { mailboxId: mailboxA, uidValidity: '2002', uid: 3 }
      expect(await intakeMessage(db, { organisationId: orgA, message: mail, position: renumbered })).toEqual({
        kind: 'duplicate',
      })
      const [box] = await db.query<{ uid_validity: string; last_uid: string | number }>(
        'select uid_validity, last_uid from mailboxes where id = $1',
        [mailboxA],
      )
      expect({ ...box, last_uid: Number(box!.last_uid) }).toEqual({ uid_validity: '2002', last_uid: 3 })
      expect(await count('select count(*)::int as n from mail_intake where message_id = $1', [mail.messageId])).toBe(1)
    })

    it('stores nothing when intake dies after writing the ticket, and the message once on the next run', async () => {
      const mail = message({ subject: `Crash ${randomUUID()}` })
      const at = { mailboxId: mailboxA, uidValidity: '2002', uid: 50 }
      const tickets = () =>
        count(`select count(*)::int as n from tickets where organisation_id = $1 and data->>'subject' = $2`, [
          orgA,
          mail.subject,
        ])
      await expect(
        intakeMessage(db, {
          organisationId: orgA,
          message: mail,
          position: at,
          afterTicketWrite: () => {
            throw new Error('killed')
          },
        }),
      ).rejects.toThrow('killed')
      expect(await tickets()).toBe(0)
      expect(await count('select count(*)::int as n from mail_intake where message_id = $1', [mail.messageId])).toBe(0)
      expect(
        Number((await db.query<{ u: string }>('select last_uid as u from mailboxes where id = $1', [mailboxA]))[0]!.u),
      ).toBe(3)
      expect((await intakeMessage(db, { organisationId: orgA, message: mail, position: at })).kind).toBe('new')
      expect((await intakeMessage(db, { organisationId: orgA, message: mail, position: at })).kind).toBe('duplicate')
      expect(await tickets()).toBe(1)
    })

    it('marks the contact’s address failing on a bounce, and makes no ticket of it', async () => {
      const created = await newTicket({ from: { address: 'gone.user@kunde-gmbh.de', name: 'Gone User' } })
      const dsn = await parseInbound(readFileSync(new URL('./fixtures/dsn-postfix.eml', import.meta.url)))
      const before = await count('select count(*)::int as n from tickets where organisation_id = $1', [orgA])
      const outcome = await intakeMessage(db, { organisationId: orgA, message: dsn, position: null })
      expect(outcome).toEqual({ kind: 'bounce', contactId: created.contactId })
      const [row] = await db.query<{ data: { emailFailing?: { status: string } } }>(
        'select data from contacts where id = $1',
        [created.contactId],
      )
      expect(row!.data.emailFailing?.status).toBe('5.1.1')
      expect(await count('select count(*)::int as n from tickets where organisation_id = $1', [orgA])).toBe(before)
    })

    it('makes no ticket and no reply of our own mail, out-of-office replies or bulk mail', async () => {
      const target = await newTicket()
      const before = await count('select count(*)::int as n from tickets where organisation_id = $1', [orgA])
      for (const name of [
        'own-mail.eml',
        'out-of-office-de.eml',
        'out-of-office-en-subject.eml',
        'newsletter-bulk.eml',
      ]) {
        const parsed = await parseInbound(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))
        const mail = { ...parsed, subject: `${parsed.subject} [T-${target.ticketNumber}]` }
        expect((await intakeMessage(db, { organisationId: orgA, message: mail, position: null })).kind).toBe('ignore')
      }
      expect(await count('select count(*)::int as n from tickets where organisation_id = $1', [orgA])).toBe(before)
      expect((await listEvents(db, orgA, target.ticketId)).length).toBe(1)
    })
  })
}
