import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InboundMessage } from '@shared/mail/inbound'
import { insertCustomer } from '../people/customers'
import { createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { listEvents } from '../tickets/repository'
import { intakeMessage } from './intake/service'

const mail = (over: Partial<InboundMessage>): InboundMessage => ({
  messageId: null,
  inReplyTo: null,
  references: [],
  from: { address: 'anna@kunde.example', name: 'Anna Becker' },
  subject: 'Drucker druckt nicht',
  text: 'Der Drucker im 2. OG meldet Papierstau.',
  autoReply: null,
  bulk: false,
  bounce: null,
  ...over,
})

for (const backend of testBackends()) {
  describe(`one e-mail conversation, both ways, on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let organisationId: string

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      organisationId = (await createOrganisation(db, 'Desk')).id
      await insertCustomer(db, organisationId, {
        name: 'Kunde GmbH',
        domains: ['kunde.example'],
        locations: [],
        calendar: null,
        notes: '',
      })
      await db.query(
        `insert into mail_settings (organisation_id, data, smtp_password, updated_at) values ($1, $2, null, now())`,
        [
          organisationId,
          JSON.stringify({
            enabled: true,
            host: '127.0.0.1',
            port: 9,
            security: 'none',
            user: null,
            senderName: 'IT Service Desk',
            senderAddress: 'support@desk.example',
            signature: '',
            language: 'en',
          }),
        ],
      )
    })
    afterAll(async () => {
      await db.drop()
    })

    const outbox = (ticketId: string) =>
      db.query<{ kind: string; message_id: string; in_reply_to: string | null; reference_ids: string }>(
        'select kind, message_id, in_reply_to, reference_ids from mail_outbox where ticket_id = $1 order by seq',
        [ticketId],
      )

    it('acknowledges a mailed request in its thread, and the answer to that acknowledgement lands on the ticket by its headers', async () => {
      const created = await intakeMessage(db, {
        organisationId,
        message: mail({ messageId: 'first-17@kunde.example' }),
        position: null,
      })
      if (created.kind !== 'new') throw new Error(created.kind)
      const [ack] = await outbox(created.ticketId)
      expect(ack).toMatchObject({ kind: 'acknowledgement', in_reply_to: '<first-17@kunde.example>' })
      expect(ack!.reference_ids).toBe('<first-17@kunde.example>')

      // The requester answers the acknowledgement from a client that drops the subject's ticket token.
      const answer = await intakeMessage(db, {
        organisationId,
        message: mail({
          messageId: 'second-18@kunde.example',
          inReplyTo: ack!.message_id.slice(1, -1),
          references: [ack!.message_id.slice(1, -1)],
          subject: 'AW: Drucker druckt nicht',
          text: 'Es ist der Drucker HP-2OG.',
        }),
        position: null,
      })
      expect(answer).toMatchObject({ kind: 'reply', ticketId: created.ticketId })
      const events = await listEvents(db, organisationId, created.ticketId)
      expect(events.filter((event) => event.type === 'public_reply')).toHaveLength(1)
    })

    it('never opens a ticket from a mail sent with its own sender address', async () => {
      const outcome = await intakeMessage(db, {
        organisationId,
        message: mail({ messageId: 'loop-1@desk.example', from: { address: 'support@desk.example', name: 'IT' } }),
        position: null,
      })
      expect(outcome).toMatchObject({ kind: 'ignore' })
    })
  })
}
