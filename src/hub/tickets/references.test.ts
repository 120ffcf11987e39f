import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account, Role } from '@shared/auth'
import type { Handoff } from '@shared/tickets/handoff'
import { insertContact } from '../people/contacts'
import { insertCustomer } from '../people/customers'
import { insertDevice } from '../people/devices'
import { seedDefaultGroups, setGroupMembers } from '../groups/repository'
import { createAccount, createOrganisation, findAccountForLogin } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { findTicket, listEvents } from './repository'
import { pushCommands } from './service'

const deviceTime = '2026-11-23T09:00:00.000Z'

const handoff = (targetGroup: string): Handoff => ({
  symptoms: 'VPN drops every ten minutes',
  impact: 'medium',
  urgency: 'high',
  impactReason: 'One user, deadline today',
  stepsTried: 'Reconnected, new profile',
  articlesTried: [],
  diagnostics: null,
  session: null,
  workaround: { applied: false },
  reachability: 'All day by phone',
  targetGroup,
})

for (const backend of testBackends()) {
  describe(`ids named in ticket commands on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    const people: Record<string, Account> = {}

    async function person(key: string, role: Role, organisationId: string): Promise<Account> {
      await createAccount(db, {
        organisationId,
        email: `${key}@example.org`,
        displayName: key,
        role,
        passwordHash: 'x',
      })
      return (people[key] = (await findAccountForLogin(db, `${key}@example.org`))!.account)
    }

    async function create(links: unknown) {
      const ticketId = randomUUID()
      const [result] = await pushCommands(db, people.anna!, [
        {
          type: 'create_ticket',
          commandId: randomUUID(),
          ticketId,
          baseVersion: null,
          deviceTime,
          payload: {
            subject: 'Printer jams',
            description: '',
            channel: 'phone',
            requester: { name: 'Jana Nowak', email: null, phone: null, device: null },
            links,
            type: 'incident',
            category: 'hardware',
            impact: 'medium',
            urgency: 'medium',
          },
        },
      ])
      return { ticketId, result: result! }
    }

    async function newTicket(): Promise<string> {
      const ticketId = randomUUID()
      const [result] = await pushCommands(db, people.ada!, [
        {
          type: 'create_ticket',
          commandId: randomUUID(),
          ticketId,
          baseVersion: null,
          deviceTime,
          payload: {
            subject: 'VPN drops',
            description: '',
            channel: 'phone',
            requester: { name: 'Jana Nowak', email: null, phone: null, device: null },
            type: 'incident',
            category: 'network',
            impact: 'medium',
            urgency: 'medium',
          },
        },
      ])
      expect(result).toMatchObject({ status: 'applied' })
      return ticketId
    }

    async function send(who: string, ticketId: string, body: { type: string; payload: unknown }) {
      const ticket = (await findTicket(db, people.ada!.organisation.id, ticketId))!
      const [result] = await pushCommands(db, people[who]!, [
        { commandId: randomUUID(), ticketId, baseVersion: ticket.version, deviceTime, ...body },
      ])
      return result!
    }

    const assign = (level: 1 | 2 | 3, group: string | null, assignee: { id: string; name: string } | null) => ({
      type: 'assign',
      payload: { level, group, assignee },
    })

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      const other = await createOrganisation(db, 'Fabrikam')
      await seedDefaultGroups(db, org.id)
      await seedDefaultGroups(db, other.id)
      await person('ada', 'admin', org.id)
      await person('anna', 'agent', org.id)
      await person('sofia', 'specialist', org.id)
      await person('nils', 'specialist', org.id)
      await person('gone', 'specialist', org.id)
      await person('olga', 'specialist', other.id)
      await setGroupMembers(db, org.id, 'vpn_auth', [people.sofia!.id, people.gone!.id])
      await setGroupMembers(db, org.id, 'network', [people.nils!.id])
      await setGroupMembers(db, other.id, 'vpn_auth', [people.olga!.id])
      await db.query('update accounts set disabled_at = now() where id = $1', [people.gone!.id])
    })
    afterAll(async () => {
      await db.drop()
    })

    it('refuses an assignee who is not an active account of the organisation fit for the level and group', async () => {
      const ticketId = await newTicket()
      const refusals: Array<[string, ReturnType<typeof assign>, string]> = [
        ['ada', assign(2, 'vpn_auth', { id: people.olga!.id, name: 'olga' }), 'unknown_assignee'],
        ['ada', assign(1, null, { id: randomUUID(), name: 'Nobody' }), 'unknown_assignee'],
        ['ada', assign(2, 'vpn_auth', { id: people.gone!.id, name: 'gone' }), 'inactive_assignee'],
        ['ada', assign(2, 'vpn_auth', { id: people.anna!.id, name: 'anna' }), 'assignee_not_specialist'],
        ['ada', assign(2, 'vpn_auth', { id: people.nils!.id, name: 'nils' }), 'assignee_not_in_group'],
        ['ada', assign(2, 'no_such_group', { id: people.sofia!.id, name: 'sofia' }), 'unknown_group'],
        ['anna', assign(1, 'no_such_group', null), 'unknown_group'],
      ]
      for (const [who, command, error] of refusals) {
        const result = await send(who, ticketId, command)
        expect(result, JSON.stringify(command.payload)).toMatchObject({ status: 'rejected', error })
        expect(result.status === 'rejected' && result.message).toMatch(/\S/)
      }
      const ticket = (await findTicket(db, people.ada!.organisation.id, ticketId))!
      expect(ticket).toMatchObject({ version: 1, level: 1, group: null, assignee: null })
      expect(await listEvents(db, people.ada!.organisation.id, ticketId)).toHaveLength(1)
    })

    it('assigns fitting accounts under the name the hub knows them by, whatever name the command gave', async () => {
      const ticketId = await newTicket()
      expect(
        await send('anna', ticketId, assign(1, null, { id: people.anna!.id, name: 'Someone Else' })),
      ).toMatchObject({
        status: 'applied',
      })
      expect((await findTicket(db, people.ada!.organisation.id, ticketId))!.assignee).toEqual({
        id: people.anna!.id,
        name: 'anna',
      })
      for (const who of ['sofia', 'ada'] as const) {
        expect(await send('ada', ticketId, assign(2, 'vpn_auth', { id: people[who]!.id, name: who }))).toMatchObject({
          status: 'applied',
        })
      }
      expect(await send('sofia', ticketId, assign(2, 'vpn_auth', null))).toMatchObject({ status: 'applied' })
    })

    it("links a new ticket only to the organisation's own customer, that customer's contact and device", async () => {
      const orgId = people.ada!.organisation.id
      const customer = { domains: [], locations: [], calendar: null, notes: '' }
      const mine = await insertCustomer(db, orgId, { ...customer, name: 'Müller GmbH' })
      const otherOfMine = await insertCustomer(db, orgId, { ...customer, name: 'Schmidt AG' })
      const foreign = await insertCustomer(db, people.olga!.organisation.id, { ...customer, name: 'Elsewhere' })
      const contactInput = { name: 'Jana Nowak', phone: null, language: 'de', jobTitle: '', notes: '' } as const
      const jana = await insertContact(db, orgId, mine.id, { ...contactInput, email: 'jana@mueller.example' })
      const stranger = await insertContact(db, orgId, otherOfMine.id, { ...contactInput, email: 'x@schmidt.example' })
      const laptop = await insertDevice(db, orgId, mine.id, {
        name: 'MUE-NB-17',
        kind: 'client',
        group: null,
        contactId: jana.id,
        model: null,
        serial: null,
        os: null,
        notes: '',
      })
      const none = { customerId: null, contactId: null, deviceId: null }
      const refusals: Array<[unknown, string]> = [
        [{ ...none, customerId: foreign.id }, 'unknown_customer'],
        [{ ...none, customerId: randomUUID() }, 'unknown_customer'],
        [{ ...none, contactId: randomUUID() }, 'unknown_contact'],
        [{ ...none, customerId: mine.id, contactId: stranger.id }, 'contact_of_other_customer'],
        [{ ...none, contactId: stranger.id, deviceId: laptop.id }, 'device_of_other_customer'],
      ]
      for (const [links, error] of refusals) {
        const { ticketId, result } = await create(links)
        expect(result, JSON.stringify(links)).toMatchObject({ status: 'rejected', error })
        expect(await findTicket(db, orgId, ticketId)).toBeNull()
      }
      const { ticketId, result } = await create({ ...none, contactId: jana.id, deviceId: laptop.id })
      expect(result).toMatchObject({ status: 'applied' })
      // The customer is taken from the contact when the Console did not name it.
      expect((await findTicket(db, orgId, ticketId))!.links).toEqual({
        customerId: mine.id,
        contactId: jana.id,
        deviceId: laptop.id,
      })
      const plain = await create(null)
      expect((await findTicket(db, orgId, plain.ticketId))!.links).toBeNull()
    })

    it("refuses a handoff naming diagnostics, sessions or articles that are not this ticket's or this organisation's", async () => {
      const ticketId = await newTicket()
      const elsewhere = await newTicket()
      const diagnosticsId = randomUUID()
      await db.query(
        `insert into diagnostics (id, organisation_id, ticket_id, kind, data) values ($1, $2, $3, 'browser', '{}')`,
        [diagnosticsId, people.ada!.organisation.id, elsewhere],
      )
      const cases: Array<[Partial<Handoff>, string]> = [
        [{ diagnostics: { diagnosticsId, findings: [] } }, 'unknown_diagnostics'],
        [{ session: { sessionId: randomUUID(), summary: 'ten minutes' } }, 'unknown_session'],
        [{ articlesTried: [{ id: randomUUID(), title: 'VPN' }] }, 'unknown_article'],
        [{ articlesTried: [{ id: 'not-an-id', title: 'VPN' }] }, 'unknown_article'],
      ]
      for (const [change, error] of cases) {
        const result = await send('anna', ticketId, {
          type: 'escalate',
          payload: { handoff: { ...handoff('vpn_auth'), ...change } },
        })
        expect(result, error).toMatchObject({ status: 'rejected', error })
      }
      expect((await findTicket(db, people.ada!.organisation.id, ticketId))!.level).toBe(1)
      expect(
        await send('anna', ticketId, { type: 'escalate', payload: { handoff: handoff('vpn_auth') } }),
      ).toMatchObject({ status: 'applied' })
    })
  })
}
