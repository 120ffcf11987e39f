import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account, Role } from '@shared/auth'
import type { Problem } from '@shared/records/problem'
import type { VendorCase } from '@shared/records/vendorCase'
import type { TimelineEvent } from '@shared/tickets/events'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { signedInAccount } from '../storage/testAccounts'
import { testBackends } from '../storage/testDatabases'
import { findTicket, listEvents } from '../tickets/repository'
import { pushCommands } from '../tickets/service'
import { derivedCommandId } from './ticketEffects'

/** How follow-up command ids used to be made: anyone who knows the record's id could work them out. */
function publicDerivation(key: string): string {
  const hex = createHash('sha256').update(`firstline-record:${key}`).digest('hex')
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-')
}

for (const backend of testBackends()) {
  describe(`record rules on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    const people: Record<string, Account & { token: string }> = {}

    async function person(key: string, role: Role, organisationId: string) {
      people[key] = await signedInAccount(db, key, role, organisationId)
    }

    const api = async <T>(who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${people[who]!.token}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      return { status: response.statusCode, body: response.json<T & { error: string; message: string }>() }
    }

    async function newTicket(): Promise<string> {
      const ticketId = randomUUID()
      const [result] = await pushCommands(db, people.anna!, [
        {
          type: 'create_ticket',
          commandId: randomUUID(),
          ticketId,
          baseVersion: null,
          deviceTime: '2026-11-23T09:00:00.000Z',
          payload: {
            subject: 'Docking station drops the screens',
            description: '',
            channel: 'phone',
            requester: { name: 'Jana Nowak', email: null, phone: null, device: null },
            type: 'incident',
            category: 'hardware',
            impact: 'medium',
            urgency: 'medium',
          },
        },
      ])
      expect(result).toMatchObject({ status: 'applied' })
      return ticketId
    }

    const ticketOf = async (id: string) => (await findTicket(db, people.anna!.organisation.id, id))!
    const eventsOf = (id: string): Promise<TimelineEvent[]> => listEvents(db, people.anna!.organisation.id, id)

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      await person('anna', 'agent', org.id)
      await person('sofia', 'specialist', org.id)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      await app.ready()
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it("keeps the hub's follow-up command ids secret, so an agent cannot use one up first", async () => {
      const ticketId = await newTicket()
      const caseId = randomUUID()
      const opened = await api<VendorCase>('sofia', 'POST', `/api/tickets/${ticketId}/vendor-cases`, {
        id: caseId,
        vendor: 'Dell',
        caseNumber: 'SR-1',
        message: 'Dock WD19 drops both screens',
      })
      expect(opened.status).toBe(200)
      expect((await ticketOf(ticketId)).status).toBe('waiting_for_vendor')

      // The agent sends a harmless note under the id the closing's status change would have.
      const [note] = await pushCommands(db, people.anna!, [
        {
          type: 'add_note',
          commandId: publicDerivation(`vendor-case-closed:${caseId}`),
          ticketId,
          baseVersion: (await ticketOf(ticketId)).version,
          deviceTime: new Date().toISOString(),
          payload: { visibility: 'internal', body: 'noted' },
        },
      ])
      expect(note).toMatchObject({ status: 'applied' })

      const closed = await api<VendorCase>('sofia', 'PATCH', `/api/vendor-cases/${caseId}`, { status: 'closed' })
      expect(closed.body).toMatchObject({ status: 'closed' })
      expect((await ticketOf(ticketId)).status).toBe('in_progress')
    })

    it('derives the same follow-up id again on this installation, and one nobody else can compute', async () => {
      const first = await derivedCommandId(db, 'vendor-entry:x')
      expect(await derivedCommandId(db, 'vendor-entry:x')).toBe(first)
      expect(first).not.toBe(publicDerivation('vendor-entry:x'))
      expect(await derivedCommandId(db, 'vendor-entry:y')).not.toBe(first)
      const other = await backend.open()
      try {
        await migrate(other)
        expect(await derivedCommandId(other, 'vendor-entry:x')).not.toBe(first)
      } finally {
        await other.drop()
      }
    })

    it("answers a resolved problem's resolve with 409 and changes nothing, whoever sends it", async () => {
      const first = await newTicket()
      const second = await newTicket()
      const problemId = randomUUID()
      await api('sofia', 'POST', '/api/problems', { id: problemId, title: 'Docks drop screens', ticketIds: [first] })
      await api('anna', 'POST', `/api/problems/${problemId}/incidents`, { ticketId: second })
      const body = { resolution: 'Dock firmware 1.0.15 rolled out', incidents: 'notify' }
      const resolved = await api<{ problem: Problem }>('sofia', 'POST', `/api/problems/${problemId}/resolve`, body)
      expect(resolved.status).toBe(200)
      const events = [(await eventsOf(first)).length, (await eventsOf(second)).length]

      for (const [who, incidents] of [
        ['sofia', 'notify'],
        ['sofia', 'resolve'],
        ['anna', 'resolve'],
      ] as const) {
        const again = await api(who, 'POST', `/api/problems/${problemId}/resolve`, {
          ...body,
          incidents,
        })
        expect(again.status, `${who} ${incidents}`).toBe(who === 'anna' ? 403 : 409)
        expect(again.body.error).toBe(who === 'anna' ? 'needs_specialist' : 'problem_resolved')
      }
      expect([(await eventsOf(first)).length, (await eventsOf(second)).length]).toEqual(events)
      expect((await ticketOf(first)).status).toBe('new')
    })

    it('refuses a repeated vendor-case request from an agent like a first one', async () => {
      const ticketId = await newTicket()
      const request = { id: randomUUID(), vendor: 'HP', caseNumber: 'HP-77', message: 'Fuser error' }
      expect((await api('sofia', 'POST', `/api/tickets/${ticketId}/vendor-cases`, request)).status).toBe(200)
      const entry = { id: randomUUID(), direction: 'from_vendor', body: 'Fuser ships Monday' }
      expect((await api('sofia', 'POST', `/api/vendor-cases/${request.id}/entries`, entry)).status).toBe(200)
      const events = (await eventsOf(ticketId)).length

      const open = await api('anna', 'POST', `/api/tickets/${ticketId}/vendor-cases`, request)
      expect(open).toMatchObject({ status: 403, body: { error: 'needs_specialist' } })
      const log = await api('anna', 'POST', `/api/vendor-cases/${request.id}/entries`, entry)
      expect(log).toMatchObject({ status: 403, body: { error: 'needs_specialist' } })
      expect(await eventsOf(ticketId)).toHaveLength(events)
    })
  })
}
