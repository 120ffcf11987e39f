import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account, Role } from '@shared/auth'
import type { TicketCommandInput } from '@shared/tickets/commands'
import { seedDefaultGroups } from '../groups/repository'
import { createAccount, createOrganisation, findAccountForLogin } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { changesAfter, findTicket, listEvents } from './repository'
import { pushCommands } from './service'

const deviceTime = '2026-11-23T09:00:00.000Z'

function createCommand(ticketId = randomUUID()): TicketCommandInput {
  return {
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId,
    baseVersion: null,
    deviceTime,
    payload: {
      subject: 'Printer on floor 2 prints blank pages',
      description: 'Since this morning',
      channel: 'phone',
      requester: { name: 'Jana Nowak', email: 'jana@example.org', phone: null, device: null },
      type: 'incident',
      category: 'peripherals',
      impact: 'medium',
      urgency: 'high',
    },
  }
}

/** An edit command; the hub parses it like anything that arrives over the wire. */
const edit = (ticketId: string, baseVersion: number, body: { type: string; payload: unknown }): unknown => ({
  commandId: randomUUID(),
  ticketId,
  baseVersion,
  deviceTime,
  ...body,
})

for (const backend of testBackends()) {
  describe(`ticket commands on ${backend.name}`, () => {
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

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      const other = await createOrganisation(db, 'Fabrikam')
      await person('anna', 'agent', org.id)
      await person('ben', 'agent', org.id)
      await person('sofia', 'specialist', org.id)
      await person('olga', 'agent', other.id)
    })
    afterAll(() => db.drop())

    it('creates a numbered ticket with its event, and a repeated send applies nothing twice', async () => {
      const command = createCommand()
      const [first] = await pushCommands(db, people.anna!, [command])
      expect(first).toMatchObject({ status: 'applied', ticketVersion: 1, duplicate: false })
      const [again] = await pushCommands(db, people.anna!, [command])
      expect(again).toMatchObject({ status: 'applied', ticketVersion: 1, duplicate: true })
      const ticket = await findTicket(db, people.anna!.organisation.id, command.ticketId)
      expect(ticket).toMatchObject({ number: expect.any(Number), priority: 'P2', status: 'new', version: 1 })
      expect((await listEvents(db, people.anna!.organisation.id, command.ticketId)).map((e) => e.type)).toEqual([
        'created',
      ])
    })

    it('refuses a malformed command with its reason while the rest of the batch applies', async () => {
      const good = createCommand()
      const bad = { ...createCommand(), payload: { subject: '' } }
      const results = await pushCommands(db, people.anna!, [bad, 'nonsense', good])
      expect(results[0]).toMatchObject({ status: 'rejected', error: 'invalid_command', commandId: bad.commandId })
      expect(results[0]!.status === 'rejected' && results[0]!.message).toMatch(/payload/)
      expect(results[1]).toMatchObject({ status: 'rejected', commandId: null })
      expect(results[2]).toMatchObject({ status: 'applied' })
      expect(await findTicket(db, people.anna!.organisation.id, bad.ticketId)).toBeNull()
    })

    it('refuses edits to unknown tickets and to tickets of another organisation', async () => {
      const create = createCommand()
      await pushCommands(db, people.anna!, [create])
      const note = { type: 'add_note', payload: { visibility: 'internal', body: 'peek' } } as const
      const [unknown] = await pushCommands(db, people.anna!, [edit(randomUUID(), 1, note)])
      expect(unknown).toMatchObject({ status: 'rejected', error: 'unknown_ticket' })
      const [foreign] = await pushCommands(db, people.olga!, [edit(create.ticketId, 1, note)])
      expect(foreign).toMatchObject({ status: 'rejected', error: 'unknown_ticket' })
      expect(await listEvents(db, people.anna!.organisation.id, create.ticketId)).toHaveLength(1)
    })

    it('shows a status change that meets a newer one as a conflict, and lets notes through', async () => {
      const create = createCommand()
      await pushCommands(db, people.anna!, [create])
      const [ben] = await pushCommands(db, people.ben!, [
        edit(create.ticketId, 1, { type: 'change_status', payload: { status: 'in_progress' } }),
      ])
      expect(ben).toMatchObject({ status: 'applied', ticketVersion: 2 })
      const [anna] = await pushCommands(db, people.anna!, [
        edit(create.ticketId, 1, { type: 'change_status', payload: { status: 'waiting_for_user' } }),
      ])
      expect(anna).toMatchObject({
        status: 'conflict',
        field: 'status',
        yours: 'waiting_for_user',
        theirs: 'in_progress',
      })
      const [note] = await pushCommands(db, people.anna!, [
        edit(create.ticketId, 1, { type: 'add_note', payload: { visibility: 'internal', body: 'called back' } }),
      ])
      expect(note).toMatchObject({ status: 'applied', ticketVersion: 3 })
      expect((await findTicket(db, people.anna!.organisation.id, create.ticketId))!.status).toBe('in_progress')
    })

    it('enforces roles: a 1st-level agent cannot change a ticket handed to 2nd level', async () => {
      const create = createCommand()
      await pushCommands(db, people.anna!, [create])
      await seedDefaultGroups(db, people.anna!.organisation.id)
      const [handoff] = await pushCommands(db, people.sofia!, [
        edit(create.ticketId, 1, { type: 'assign', payload: { level: 2, group: 'network', assignee: null } }),
      ])
      expect(handoff).toMatchObject({ status: 'applied' })
      const [refused] = await pushCommands(db, people.anna!, [
        edit(create.ticketId, 2, { type: 'change_status', payload: { status: 'resolved' } }),
      ])
      expect(refused).toMatchObject({ status: 'rejected', error: 'forbidden' })
    })

    it('delivers every change exactly once when pulled page by page', async () => {
      const orgId = people.anna!.organisation.id
      const start = await changesAfter(db, orgId, 0, 2000)
      for (let i = 0; i < 5; i++) await pushCommands(db, people.anna!, [createCommand()])
      const seen: string[] = []
      let cursor = start.cursor
      for (;;) {
        const page = await changesAfter(db, orgId, cursor, 2)
        seen.push(...page.tickets.map((t) => t.id))
        cursor = page.cursor
        if (!page.hasMore) break
      }
      expect(seen).toHaveLength(5)
      expect(new Set(seen).size).toBe(5)
      expect((await changesAfter(db, orgId, cursor, 2)).tickets).toEqual([])
      const foreign = await changesAfter(db, people.olga!.organisation.id, 0, 2000)
      expect(foreign.tickets).toEqual([])
    })
  })
}
