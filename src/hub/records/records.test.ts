import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Account, Role } from '@shared/auth'
import type { Change } from '@shared/records/change'
import type { Problem } from '@shared/records/problem'
import { logVendorEntryRequestSchema, openVendorCaseRequestSchema, type VendorCase } from '@shared/records/vendorCase'
import type { TicketRecords } from '@shared/records/api'
import { computeSla } from '@shared/tickets/sla'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Ticket } from '@shared/tickets/model'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { signedInAccount } from '../storage/testAccounts'
import { testBackends } from '../storage/testDatabases'
import { findTicket, listEvents } from '../tickets/repository'
import { pushCommands } from '../tickets/service'
import { RecordContext } from './context'
import { logVendorEntry, openVendorCase } from './vendorCases'

const minute = 60_000

function createCommand(type: 'incident' | 'service_request' = 'incident') {
  return {
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId: randomUUID(),
    baseVersion: null,
    deviceTime: '2026-11-23T09:00:00.000Z',
    payload: {
      subject: `Outlook crashes on start ${randomUUID().slice(0, 8)}`,
      description: 'Since the last update',
      channel: 'phone',
      requester: { name: 'Jana Nowak', email: 'jana@example.org', phone: null, device: null },
      type,
      category: 'office_and_apps',
      // High × high is P1: its clocks run around the clock, so elapsed time is plain wall time.
      impact: 'high',
      urgency: 'high',
    },
  } as const
}

for (const backend of testBackends()) {
  describe(`vendor cases, problems and changes on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let realtime: Realtime
    const people: Record<string, Account & { token: string }> = {}

    async function person(key: string, role: Role, organisationId: string) {
      people[key] = await signedInAccount(db, key, role, organisationId)
    }

    const api = async <T>(
      who: string | null,
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: unknown,
    ) => {
      const response = await app.inject({
        method,
        url,
        ...(who ? { headers: { authorization: `Bearer ${people[who]!.token}` } } : {}),
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      return { status: response.statusCode, body: response.json<T & { error: string; message: string }>() }
    }

    async function newTicket(type: 'incident' | 'service_request' = 'incident', now?: () => Date): Promise<string> {
      const command = createCommand(type)
      const [result] = await pushCommands(db, people.anna!, [command], now)
      expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied' })
      return command.ticketId
    }

    const ticketOf = async (id: string) => (await findTicket(db, people.anna!.organisation.id, id))!
    const eventsOf = (id: string) => listEvents(db, people.anna!.organisation.id, id)
    const countRows = async (table: string) =>
      (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      const other = await createOrganisation(db, 'Fabrikam')
      await person('anna', 'agent', org.id)
      await person('sofia', 'specialist', org.id)
      await person('bruno', 'specialist', org.id)
      await person('ada', 'admin', org.id)
      await person('olga', 'specialist', other.id)
      realtime = new Realtime()
      app = await buildApp(db, realtime, { webDir: '/nonexistent', logLevel: 'silent' })
      await app.ready()
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it("pauses the SLA clock while the vendor has the case and resumes it with the vendor's answer", async () => {
      const start = Date.parse('2026-11-23T09:00:00.000Z')
      let clock = new Date(start)
      const now = () => clock
      const ctx = new RecordContext(db, null, now)
      const ticketId = await newTicket('incident', now)
      expect((await ticketOf(ticketId)).priority).toBe('P1')

      clock = new Date(start + 10 * minute)
      const caseId = randomUUID()
      const opened = await openVendorCase(
        ctx,
        people.sofia!,
        ticketId,
        openVendorCaseRequestSchema.parse({
          id: caseId,
          vendor: 'Microsoft',
          caseNumber: 'SR-7781',
          message: 'Crash dump attached',
        }),
      )
      expect(opened).toMatchObject({
        ok: true,
        value: { status: 'waiting_for_vendor', entries: [{ direction: 'to_vendor' }] },
      })
      expect((await ticketOf(ticketId)).status).toBe('waiting_for_vendor')

      // Three hours with the vendor.
      clock = new Date(start + 190 * minute)
      const answered = await logVendorEntry(
        ctx,
        people.sofia!,
        caseId,
        logVendorEntryRequestSchema.parse({ id: randomUUID(), direction: 'from_vendor', body: 'Install KB5031234' }),
      )
      expect(answered).toMatchObject({ ok: true, value: { status: 'vendor_answered' } })
      expect((await ticketOf(ticketId)).status).toBe('in_progress')

      const events = await eventsOf(ticketId)
      expect(
        events
          .filter((e) => e.type === 'status_changed')
          .map((e) => e.type === 'status_changed' && [e.payload.from, e.payload.to]),
      ).toEqual([
        ['new', 'waiting_for_vendor'],
        ['waiting_for_vendor', 'in_progress'],
      ])
      const whileWaiting = computeSla(events, new Date(start + 120 * minute))!
      expect(whileWaiting.resolution).toMatchObject({ state: 'paused', elapsedMs: 10 * minute })
      const afterwards = computeSla(events, new Date(start + 210 * minute))!
      // 10 minutes before the case and 20 after the answer; the 3 hours with the vendor do not count.
      expect(afterwards.resolution).toMatchObject({ state: 'running', elapsedMs: 30 * minute })
    })

    it('opens a vendor case over HTTP for specialists only; a repeat changes nothing; the answer resumes the ticket', async () => {
      const ticketId = await newTicket()
      const broadcast = vi.spyOn(realtime, 'broadcast')
      const request = { id: randomUUID(), vendor: 'Lenovo', caseNumber: '5012345678', nextContactOn: '2026-11-30' }

      const refused = await api('anna', 'POST', `/api/tickets/${ticketId}/vendor-cases`, request)
      expect(refused.status).toBe(403)
      expect(refused.body).toMatchObject({ error: 'needs_specialist' })
      expect((await ticketOf(ticketId)).status).toBe('new')

      const opened = await api<VendorCase>('sofia', 'POST', `/api/tickets/${ticketId}/vendor-cases`, request)
      expect(opened.status).toBe(200)
      expect(opened.body).toMatchObject({ vendor: 'Lenovo', status: 'open', nextContactOn: '2026-11-30' })
      const ticket = await api<{ ticket: Ticket; events: TimelineEvent[] }>('anna', 'GET', `/api/tickets/${ticketId}`)
      expect(ticket.body.ticket.status).toBe('waiting_for_vendor')
      expect(computeSla(ticket.body.events, new Date())!.resolution!.state).toBe('paused')
      expect(broadcast).toHaveBeenCalledWith(people.sofia!.organisation.id, { type: 'records_changed' })
      expect(broadcast).toHaveBeenCalledWith(
        people.sofia!.organisation.id,
        expect.objectContaining({ type: 'changed' }),
      )

      const eventCount = (await eventsOf(ticketId)).length
      const again = await api<VendorCase>('sofia', 'POST', `/api/tickets/${ticketId}/vendor-cases`, request)
      expect(again.status).toBe(200)
      expect(await eventsOf(ticketId)).toHaveLength(eventCount)
      expect(await countRows(`vendor_cases where ticket_id = '${ticketId}'`)).toBe(1)

      const entry = { id: randomUUID(), direction: 'from_vendor', body: 'Replace the mainboard; part ships tomorrow' }
      const answered = await api<VendorCase>('sofia', 'POST', `/api/vendor-cases/${request.id}/entries`, entry)
      expect(answered.body).toMatchObject({ status: 'vendor_answered', entries: [{ direction: 'from_vendor' }] })
      expect((await ticketOf(ticketId)).status).toBe('in_progress')
      await api('sofia', 'POST', `/api/vendor-cases/${request.id}/entries`, entry)
      expect(
        (await api<VendorCase>('sofia', 'PATCH', `/api/vendor-cases/${request.id}`, { status: 'closed' })).body,
      ).toMatchObject({
        status: 'closed',
        entries: [{ id: entry.id }],
      })
      const closedEntry = await api('sofia', 'POST', `/api/vendor-cases/${request.id}/entries`, {
        ...entry,
        id: randomUUID(),
      })
      expect(closedEntry).toMatchObject({ status: 409, body: { error: 'case_closed' } })

      const records = await api<TicketRecords>('anna', 'GET', `/api/tickets/${ticketId}/records`)
      expect(records.body.vendorCases).toHaveLength(1)
      broadcast.mockRestore()
    })

    it("starts a normal change only after a second person's approval; agents and the author cannot approve", async () => {
      const ticketId = await newTicket()
      const created = await api<Change>('sofia', 'POST', '/api/changes', {
        id: randomUUID(),
        kind: 'normal',
        title: 'Replace the core switch in building B',
        description: 'Firmware bug drops VLAN 20',
        risk: 'high',
        plannedStart: '2026-11-28T18:00:00.000Z',
        plannedEnd: '2026-11-28T22:00:00.000Z',
        ticketIds: [ticketId],
      })
      expect(created.status).toBe(200)
      const id = created.body.id
      expect(created.body).toMatchObject({ state: 'draft', number: expect.any(Number), author: { name: 'sofia' } })
      const act = (who: string, action: string) =>
        api<Change>(who, 'POST', `/api/changes/${id}/actions`, { action, note: `${who} ${action}` })

      expect(await act('sofia', 'start')).toMatchObject({ status: 409, body: { error: 'needs_approval' } })
      expect((await act('sofia', 'submit')).body.state).toBe('awaiting_approval')
      expect(await act('sofia', 'start')).toMatchObject({ status: 409, body: { error: 'needs_approval' } })
      expect(await act('sofia', 'approve')).toMatchObject({ status: 403, body: { error: 'own_change' } })
      expect(await act('anna', 'approve')).toMatchObject({ status: 403, body: { error: 'needs_specialist' } })
      expect((await api<Change>('anna', 'GET', `/api/changes/${id}`)).body).toMatchObject({
        state: 'awaiting_approval',
        approval: null,
      })

      const approved = await act('bruno', 'approve')
      expect(approved.body).toMatchObject({
        state: 'approved',
        approval: { by: { name: 'bruno' }, retrospective: false },
      })
      expect((await act('sofia', 'start')).body.state).toBe('in_progress')

      // Its state shows from the linked ticket, also to 1st level.
      const records = await api<TicketRecords>('anna', 'GET', `/api/tickets/${ticketId}/records`)
      expect(records.body.changes).toMatchObject([{ id, state: 'in_progress' }])
      expect((await act('sofia', 'complete')).body.history.map((h) => h.to)).toEqual([
        'draft',
        'awaiting_approval',
        'approved',
        'in_progress',
        'done',
      ])
    })

    it('pre-approves standard changes; emergency changes start at once and take their approval afterwards', async () => {
      const create = (kind: string) =>
        api<Change>('sofia', 'POST', '/api/changes', { id: randomUUID(), kind, title: `${kind} change`, risk: 'low' })
      const standard = (await create('standard')).body
      const submitted = await api<Change>('sofia', 'POST', `/api/changes/${standard.id}/actions`, { action: 'submit' })
      expect(submitted.body.state).toBe('approved')

      const emergency = (await create('emergency')).body
      const started = await api<Change>('sofia', 'POST', `/api/changes/${emergency.id}/actions`, { action: 'start' })
      expect(started.body).toMatchObject({ state: 'in_progress', approval: null })
      const late = await api<Change>('ada', 'POST', `/api/changes/${emergency.id}/actions`, { action: 'approve' })
      expect(late.body).toMatchObject({ state: 'in_progress', approval: { by: { name: 'ada' }, retrospective: true } })
      const twice = await api('bruno', 'POST', `/api/changes/${emergency.id}/actions`, { action: 'approve' })
      expect(twice).toMatchObject({ status: 409, body: { error: 'already_approved' } })
    })

    it('links incidents to a problem, hands out its workaround, and resolves its incidents on resolving', async () => {
      const first = await newTicket()
      const second = await newTicket()
      const request = await newTicket('service_request')
      const problemId = randomUUID()

      expect(await api('anna', 'POST', '/api/problems', { id: problemId, title: 'Outlook crashes' })).toMatchObject({
        status: 403,
      })
      const notIncident = await api('sofia', 'POST', '/api/problems', {
        id: problemId,
        title: 'Outlook crashes',
        ticketIds: [request],
      })
      expect(notIncident).toMatchObject({ status: 409, body: { error: 'not_an_incident' } })
      expect(await countRows('problems')).toBe(0)

      const created = await api<Problem>('sofia', 'POST', '/api/problems', {
        id: problemId,
        title: 'Outlook crashes',
        ticketIds: [first],
      })
      expect(created.body).toMatchObject({ status: 'open', incidents: [{ ticketId: first }] })
      // 1st level links the incidents it takes to the known problem.
      expect(
        (await api<Problem>('anna', 'POST', `/api/problems/${problemId}/incidents`, { ticketId: second })).body
          .incidents,
      ).toHaveLength(2)
      const elsewhere = await api<Problem>('sofia', 'POST', '/api/problems', {
        id: randomUUID(),
        title: 'Other',
        ticketIds: [second],
      })
      expect(elsewhere).toMatchObject({ status: 409, body: { error: 'already_linked_elsewhere' } })

      const known = { rootCause: 'Add-in built for the old version', workaround: 'Start Outlook with /safe' }
      expect(await api('anna', 'POST', `/api/problems/${problemId}/known-error`, known)).toMatchObject({ status: 403 })
      expect((await api<Problem>('sofia', 'POST', `/api/problems/${problemId}/known-error`, known)).body).toMatchObject(
        {
          status: 'known_error',
          ...known,
        },
      )
      const records = await api<TicketRecords>('anna', 'GET', `/api/tickets/${second}/records`)
      expect(records.body.problem).toMatchObject({ id: problemId, status: 'known_error', workaround: known.workaround })

      const resolved = await api<{ problem: Problem; incidents: { ticketId: string; outcome: string }[] }>(
        'sofia',
        'POST',
        `/api/problems/${problemId}/resolve`,
        { resolution: 'Add-in updated to 4.2 on every client', incidents: 'resolve' },
      )
      expect(resolved.body.problem).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) })
      expect(resolved.body.incidents.map((i) => i.outcome)).toEqual(['resolved', 'resolved'])
      for (const ticketId of [first, second]) {
        expect((await ticketOf(ticketId)).status).toBe('resolved')
        const change = (await eventsOf(ticketId)).find((e) => e.type === 'status_changed')
        expect(change?.type === 'status_changed' && change.payload.note).toMatch(
          /^PRB-\d{6} \(Outlook crashes\) is resolved: Add-in updated/,
        )
      }
      expect(await api('sofia', 'PATCH', `/api/problems/${problemId}`, { title: 'Renamed' })).toMatchObject({
        status: 409,
        body: { error: 'problem_resolved' },
      })
    })

    it("notifies a resolved problem's incidents with a public reply and leaves their status", async () => {
      const incident = await newTicket()
      const problemId = randomUUID()
      await api('sofia', 'POST', '/api/problems', { id: problemId, title: 'VPN drops at 17:00', ticketIds: [incident] })
      const body = { resolution: 'Gateway lease time raised', incidents: 'notify' }
      const resolved = await api<{ incidents: { outcome: string }[] }>(
        'sofia',
        'POST',
        `/api/problems/${problemId}/resolve`,
        body,
      )
      expect(resolved.body.incidents).toMatchObject([{ outcome: 'notified' }])
      // Sent again (say, the answer was lost): refused as resolved already, and the reply is not posted twice.
      expect(await api('sofia', 'POST', `/api/problems/${problemId}/resolve`, body)).toMatchObject({
        status: 409,
        body: { error: 'problem_resolved' },
      })
      const replies = (await eventsOf(incident)).filter((e) => e.type === 'public_reply')
      expect(replies).toHaveLength(1)
      expect(replies[0]!.type === 'public_reply' && replies[0]!.payload.body).toMatch(/Gateway lease time raised/)
      expect((await ticketOf(incident)).status).toBe('new')
    })

    it('answers bad input with a clear error and changes nothing', async () => {
      const ticketId = await newTicket()
      const before = await Promise.all(['vendor_cases', 'problems', 'changes', 'change_tickets'].map(countRows))
      const eventsBefore = (await eventsOf(ticketId)).length
      const vendorCase = { id: randomUUID(), vendor: 'Dell', caseNumber: '123' }

      expect(await api(null, 'GET', `/api/tickets/${ticketId}/records`)).toMatchObject({ status: 401 })
      const unknown = await api('sofia', 'POST', `/api/tickets/${randomUUID()}/vendor-cases`, vendorCase)
      expect(unknown).toMatchObject({
        status: 404,
        body: { error: 'unknown_ticket', message: 'There is no such ticket.' },
      })
      const foreign = await api('olga', 'POST', `/api/tickets/${ticketId}/vendor-cases`, vendorCase)
      expect(foreign).toMatchObject({ status: 404, body: { error: 'unknown_ticket' } })
      const badId = await api('sofia', 'POST', '/api/tickets/not-a-uuid/vendor-cases', vendorCase)
      expect(badId.status).toBe(400)
      expect(badId.body.message).toMatch(/uuid/)
      const noVendor = await api('sofia', 'POST', `/api/tickets/${ticketId}/vendor-cases`, {
        ...vendorCase,
        vendor: '',
      })
      expect(noVendor).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
      expect(noVendor.body.message).toMatch(/vendor/i)
      const longTitle = await api('sofia', 'POST', '/api/problems', { id: randomUUID(), title: 'x'.repeat(201) })
      expect(longTitle.status).toBe(400)
      expect(longTitle.body.message).toMatch(/at most 200/)
      const hugeMessage = await api('sofia', 'POST', `/api/tickets/${ticketId}/vendor-cases`, {
        ...vendorCase,
        message: 'x'.repeat(20_001),
      })
      expect(hugeMessage.status).toBe(400)
      const unknownLink = await api('sofia', 'POST', '/api/changes', {
        id: randomUUID(),
        kind: 'normal',
        title: 'Patch',
        risk: 'low',
        ticketIds: [ticketId, randomUUID()],
      })
      expect(unknownLink).toMatchObject({ status: 404, body: { error: 'unknown_ticket' } })
      const backwards = await api('sofia', 'POST', '/api/changes', {
        id: randomUUID(),
        kind: 'normal',
        title: 'Patch',
        risk: 'low',
        plannedStart: '2026-11-24T10:00:00.000Z',
        plannedEnd: '2026-11-24T09:00:00.000Z',
      })
      expect(backwards.status).toBe(400)
      expect(backwards.body.message).toMatch(/planned end lies before the planned start/)
      const badAction = await api('sofia', 'POST', `/api/changes/${randomUUID()}/actions`, { action: 'launch' })
      expect(badAction.status).toBe(400)
      expect(await api('sofia', 'POST', `/api/changes/${randomUUID()}/actions`, { action: 'start' })).toMatchObject({
        status: 404,
        body: { error: 'not_found' },
      })
      const notJson = await app.inject({
        method: 'POST',
        url: '/api/problems',
        headers: { authorization: `Bearer ${people.sofia!.token}`, 'content-type': 'application/json' },
        payload: '{"title":',
      })
      expect(notJson.statusCode).toBe(400)
      const oversize = await api('sofia', 'POST', `/api/vendor-cases/${randomUUID()}/entries`, {
        id: randomUUID(),
        direction: 'to_vendor',
        body: 'x'.repeat(2 * 1024 * 1024),
      })
      expect(oversize.status).toBe(413)
      expect(oversize.body.message).toMatch(/too large/i)

      expect(await Promise.all(['vendor_cases', 'problems', 'changes', 'change_tickets'].map(countRows))).toEqual(
        before,
      )
      expect(await eventsOf(ticketId)).toHaveLength(eventsBefore)
      expect((await ticketOf(ticketId)).status).toBe('new')
    })

    it('unlinks an incident from its problem and adds existing tickets to a change, for specialists only', async () => {
      const vpn = await newTicket()
      const printer = await newTicket()
      const problem = await api<Problem>('sofia', 'POST', '/api/problems', {
        id: randomUUID(),
        title: 'VPN gateway drops tunnels',
        ticketIds: [vpn, printer],
      })
      const unlinkUrl = `/api/problems/${problem.body.id}/incidents/${printer}`
      expect(await api('anna', 'DELETE', unlinkUrl)).toMatchObject({ status: 403, body: { error: 'needs_specialist' } })
      const unlinked = await api<Problem>('sofia', 'DELETE', unlinkUrl)
      expect(unlinked.status).toBe(200)
      expect(unlinked.body.incidents.map((i) => i.ticketId)).toEqual([vpn])
      expect((await api<TicketRecords>('anna', 'GET', `/api/tickets/${printer}/records`)).body.problem).toBeNull()
      // A second unlink finds nothing to undo, and the incident is free for another problem.
      expect(await api('sofia', 'DELETE', unlinkUrl)).toMatchObject({ status: 404, body: { error: 'unknown_ticket' } })
      const printers = { id: randomUUID(), title: 'Printer spooler hangs', ticketIds: [printer] }
      expect((await api<Problem>('sofia', 'POST', '/api/problems', printers)).body.incidents).toHaveLength(1)

      const change = await api<Change>('sofia', 'POST', '/api/changes', {
        id: randomUUID(),
        kind: 'standard',
        title: 'Renew VPN certificate',
        risk: 'low',
      })
      const addUrl = `/api/changes/${change.body.id}/tickets`
      expect(await api('anna', 'POST', addUrl, { ticketId: vpn })).toMatchObject({ status: 403 })
      expect(await api('sofia', 'POST', addUrl, { ticketId: randomUUID() })).toMatchObject({
        status: 404,
        body: { error: 'unknown_ticket' },
      })
      expect(await api('sofia', 'POST', addUrl, { ticketId: 'T-000001' })).toMatchObject({ status: 400 })
      const added = await api<Change>('sofia', 'POST', addUrl, { ticketId: vpn })
      expect(added.body.tickets.map((t) => t.ticketId)).toEqual([vpn])
      // Adding again is a repeat, not a second link.
      expect((await api<Change>('bruno', 'POST', addUrl, { ticketId: vpn })).body.tickets).toHaveLength(1)
      const records = await api<TicketRecords>('anna', 'GET', `/api/tickets/${vpn}/records`)
      expect(records.body.changes.map((c) => c.id)).toEqual([change.body.id])
    })

    it('answers the same create sent twice at once with the same record, made once', async () => {
      const incident = await newTicket()
      const ticketId = await newTicket()
      const twice = <T>(url: string, body: object) =>
        Promise.all([api<T>('sofia', 'POST', url, body), api<T>('sofia', 'POST', url, body)])

      const problem = { id: randomUUID(), title: 'VPN drops every hour', ticketIds: [incident] }
      const problems = await twice<Problem>('/api/problems', problem)
      expect(problems.map((r) => r.status)).toEqual([200, 200])
      expect(problems[1]!.body).toEqual(problems[0]!.body)
      expect(problems[0]!.body.incidents.map((i) => i.ticketId)).toEqual([incident])

      const change = {
        id: randomUUID(),
        kind: 'normal',
        title: 'Renew the VPN certificate',
        risk: 'low',
        ticketIds: [ticketId],
      }
      const changes = await twice<Change>('/api/changes', change)
      expect(changes.map((r) => r.status)).toEqual([200, 200])
      expect(changes[1]!.body).toEqual(changes[0]!.body)

      const vendorCase = { id: randomUUID(), vendor: 'Cisco', caseNumber: '699812345', message: 'Tunnel drops' }
      const cases = await twice<VendorCase>(`/api/tickets/${ticketId}/vendor-cases`, vendorCase)
      expect(cases.map((r) => r.status)).toEqual([200, 200])
      expect(cases[1]!.body).toEqual(cases[0]!.body)

      expect(await countRows(`problems where id = '${problem.id}'`)).toBe(1)
      expect(await countRows(`changes where id = '${change.id}'`)).toBe(1)
      expect(await countRows(`vendor_cases where id = '${vendorCase.id}'`)).toBe(1)
      const statusChanges = (await eventsOf(ticketId)).filter((e) => e.type === 'status_changed')
      expect(statusChanges).toHaveLength(1)
      // A lost race does not use up a record number: the next problem takes the one right after.
      const next = await api<Problem>('sofia', 'POST', '/api/problems', { id: randomUUID(), title: 'Next one' })
      expect(next.body.number).toBe(problems[0]!.body.number + 1)
    })

    it('keeps other organisations out of the records', async () => {
      const problemId = randomUUID()
      await api('sofia', 'POST', '/api/problems', { id: problemId, title: 'Printer queue stalls' })
      expect(await api('olga', 'GET', `/api/problems/${problemId}`)).toMatchObject({ status: 404 })
      expect((await api<Problem[]>('olga', 'GET', '/api/problems')).body).toEqual([])
      // The id is taken: another organisation cannot take it over with a create.
      expect(await api('olga', 'POST', '/api/problems', { id: problemId, title: 'Mine now' })).toMatchObject({
        status: 409,
        body: { error: 'id_taken' },
      })
    })
  })
}
