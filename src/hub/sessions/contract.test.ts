import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccessScope, ContractInput } from '@shared/people'
import type { EndUserAccess } from '@shared/session/api'
import { defaultBusinessCalendar } from '@shared/tickets/calendar'
import { defaultSlaPolicy } from '@shared/tickets/slaPolicy'
import { listAdminActions } from '../audit/adminAudit'
import { insertContract, updateContract } from '../people/contracts'
import { insertCustomer } from '../people/customers'
import { insertDevice } from '../people/devices'
import { testBackends } from '../storage/testDatabases'
import { listAudit } from './audit'
import { createSession } from './newSession'
import { findSession } from './sessionStore'
import { startSessionHub, TestPeer, type SessionHub } from './testing'

const everything = { all: true, groups: [], systems: [] }
const nothing = { all: false, groups: [], systems: [] }
const fullScope: AccessScope = {
  clients: everything,
  servers: { all: false, groups: ['file-servers'], systems: [] },
  actions: { view: true, control: true, unattended: false },
}

function contract(overrides: Partial<ContractInput> = {}): ContractInput {
  return {
    name: 'Support',
    validFrom: '2020-01-01',
    validUntil: null,
    serviceHours: defaultBusinessCalendar,
    slaPolicy: defaultSlaPolicy,
    secondLevel: false,
    scope: fullScope,
    technicalContactId: null,
    notes: '',
    ...overrides,
  }
}

for (const backend of testBackends()) {
  describe(`the contract decides which devices a session reaches, on ${backend.name}`, () => {
    let hub: SessionHub
    let organisationId: string
    /** A customer with one contract and a client and a server; `scope`/`validUntil` set the contract. */
    const customers: Record<string, { id: string; contractId: string; name: string; client: string; server: string }> =
      {}

    async function customer(key: string, overrides: Partial<ContractInput>) {
      const created = await hub.db.transaction(async (tx) => {
        const name = `${key} GmbH`
        const row = await insertCustomer(tx, organisationId, {
          name,
          domains: [],
          locations: [],
          calendar: null,
          notes: '',
        })
        const signed = await insertContract(tx, organisationId, row.id, contract(overrides))
        const device = (name: string, kind: 'client' | 'server', group: string | null) =>
          insertDevice(tx, organisationId, row.id, {
            name,
            kind,
            group,
            contactId: null,
            model: null,
            serial: null,
            os: null,
            notes: '',
          })
        const client = await device(`${key}-NB-1`, 'client', 'office')
        const server = await device(`${key}-ERP`, 'server', 'erp')
        return { id: row.id, contractId: signed.id, name, client: client.id, server: server.id }
      })
      customers[key] = created
      return created
    }

    const auth = async (role: 'agent' | 'specialist' | 'admin' = 'agent') => ({
      authorization: `Bearer ${await hub.token(role)}`,
    })

    /** A ticket linked to a customer and device, through the normal sync push. */
    async function linkedTicket(customerId: string, deviceId: string | null): Promise<string> {
      const ticketId = randomUUID()
      const response = await hub.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: await auth(),
        payload: {
          commands: [
            {
              type: 'create_ticket',
              commandId: randomUUID(),
              ticketId,
              baseVersion: null,
              deviceTime: new Date().toISOString(),
              payload: {
                subject: 'Screen flickers',
                description: '',
                channel: 'phone',
                requester: { name: 'Jana Nowak', email: null, phone: null, device: null },
                links: { customerId, contactId: null, deviceId },
                type: 'incident',
                category: 'hardware',
                impact: 'medium',
                urgency: 'medium',
              },
            },
          ],
        },
      })
      expect(response.json<{ results: Array<{ status: string }> }>().results[0]!.status).toBe('applied')
      return ticketId
    }

    /** A Get Help request waiting in the queue, reaching the given customer and device (as an enrolment sets them). */
    async function waitingRequest(customerId: string | null, deviceId: string | null) {
      return hub.db.transaction((tx) =>
        createSession(
          tx,
          {
            organisationId,
            ticketId: null,
            origin: 'request',
            status: 'waiting',
            requesterName: 'Erika Enduser',
            description: 'Excel crashes',
            agentAccountId: null,
            requestedAt: hub.clock.now(),
            startedAt: null,
            customerId,
            deviceId,
          },
          (endUser) => ({ action: 'requested', actor: { ...endUser, role: 'end_user' } }),
          hub.clock.now(),
        ),
      )
    }

    const refusals = async () =>
      (await listAdminActions(hub.db, organisationId, { action: 'contract.access_refused', limit: 200 })).entries

    const accept = async (sessionId: string) =>
      hub.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/accept`, headers: await auth(), payload: {} })

    beforeAll(async () => {
      hub = await startSessionHub(backend)
      const [row] = await hub.db.query<{ id: string }>('select id from organisations')
      organisationId = row!.id
      await customer('Covered', {})
      await customer('Expired', { validFrom: '2020-01-01', validUntil: '2021-12-31' })
      await customer('Lookonly', {
        scope: { ...fullScope, actions: { view: true, control: false, unattended: false } },
      })
      await customer('Named', { scope: { ...fullScope, clients: { all: false, groups: ['office'], systems: [] } } })
      await customer('Noclients', { scope: { ...fullScope, clients: nothing } })
    }, 120_000)
    afterAll(() => hub.close())

    it('opens a session by code on a covered device and records what it reaches', async () => {
      const covered = customers.Covered!
      const ticketId = await linkedTicket(covered.id, covered.client)
      const redeemed = await hub.redeem(await hub.issueCode(ticketId), 'Erika Enduser', '10.40.0.1')
      expect(redeemed.statusCode).toBe(201)
      const session = await findSession(hub.db, redeemed.json<EndUserAccess>().sessionId)
      expect(session).toMatchObject({ customerId: covered.id, deviceId: covered.client, ticketId })
    })

    it('refuses a code for a server outside the scope, with the reason, and records the refusal', async () => {
      const covered = customers.Covered!
      const ticketId = await linkedTicket(covered.id, covered.server)
      const before = (await refusals()).length
      const issued = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/codes',
        headers: await auth(),
        payload: { ticketId },
      })
      expect(issued.statusCode).toBe(403)
      expect(issued.json()).toEqual({
        error: 'contract_refused',
        message: 'The contract with Covered GmbH does not cover the server Covered-ERP.',
        code: 'system_not_covered',
        reason: 'the contract with Covered GmbH does not cover the server Covered-ERP',
        params: { customer: 'Covered GmbH', kind: 'server', system: 'Covered-ERP' },
      })
      expect(await hub.db.query('select 1 from remote_session_codes where ticket_id = $1', [ticketId])).toHaveLength(0)
      const entries = await refusals()
      expect(entries).toHaveLength(before + 1)
      expect(entries[0]).toMatchObject({
        actor: { name: hub.login('agent').displayName },
        action: 'contract.access_refused',
        target: { kind: 'device', id: covered.server, name: 'Covered-ERP' },
        details: { step: 'code_issue', action: 'view', code: 'system_not_covered', ticketId, sessionId: null },
      })
    })

    it('refuses a redeemed code once the contract has expired, gives the code back and opens no session', async () => {
      const key = await customer('Lapsing', {})
      const ticketId = await linkedTicket(key.id, key.client)
      const code = await hub.issueCode(ticketId)
      await hub.db.transaction((tx) =>
        updateContract(tx, organisationId, key.contractId, contract({ validUntil: '2021-12-31' })),
      )
      const sessionsBefore = await hub.db.query('select id from remote_sessions')
      const refused = await hub.redeem(code, 'Erika Enduser', '10.41.0.1')
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toMatchObject({
        error: 'contract_refused',
        code: 'expired',
        params: { customer: 'Lapsing GmbH', date: '2021-12-31' },
        message: expect.stringContaining('does not cover a remote session on this computer'),
      })
      expect(await hub.db.query('select id from remote_sessions')).toHaveLength(sessionsBefore.length)
      const [stored] = await hub.db.query<{ used_at: unknown }>(
        'select used_at from remote_session_codes where ticket_id = $1',
        [ticketId],
      )
      expect(stored!.used_at).toBeNull()
      expect((await refusals())[0]).toMatchObject({
        actor: { id: null, name: 'Erika Enduser' },
        details: { step: 'code_redeem', code: 'expired', customerName: 'Lapsing GmbH' },
      })
    })

    it('refuses accepting a request on an expired contract: the request waits on, no ticket, audited', async () => {
      const expired = customers.Expired!
      const { sessionId } = await waitingRequest(expired.id, expired.client)
      const tickets = await hub.db.query('select id from tickets')
      const refused = await accept(sessionId)
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toMatchObject({
        error: 'contract_refused',
        code: 'expired',
        reason: 'the contract with Expired GmbH expired on 2021-12-31',
      })
      expect(await findSession(hub.db, sessionId)).toMatchObject({ status: 'waiting', agent: null, ticketId: null })
      expect(await hub.db.query('select id from tickets')).toHaveLength(tickets.length)
      expect((await listAudit(hub.db, sessionId)).map((entry) => entry.action)).toEqual(['requested', 'access_refused'])
      expect((await listAudit(hub.db, sessionId))[1]).toMatchObject({
        actor: { role: 'agent', displayName: hub.login('agent').displayName },
        detail: { step: 'accept', action: 'view', code: 'expired', deviceId: expired.client },
      })
      expect((await refusals())[0]).toMatchObject({ details: { sessionId, step: 'accept' } })
    })

    it('accepts a request on a covered device, and its ticket links the customer and device', async () => {
      const covered = customers.Covered!
      const { sessionId } = await waitingRequest(covered.id, covered.client)
      const accepted = await accept(sessionId)
      expect(accepted.statusCode).toBe(200)
      const [ticket] = await hub.db.query<{ data: { links: unknown } }>('select data from tickets where id = $1', [
        accepted.json<{ ticketId: string }>().ticketId,
      ])
      expect(ticket!.data.links).toEqual({ customerId: covered.id, contactId: null, deviceId: covered.client })
    })

    it('checks a session whose device is unknown as an unnamed client', async () => {
      const named = await waitingRequest(customers.Named!.id, null)
      expect((await accept(named.sessionId)).json()).toMatchObject({
        code: 'unknown_device',
        params: { customer: 'Named GmbH', kind: 'client' },
      })
      const none = await waitingRequest(customers.Noclients!.id, null)
      expect((await accept(none.sessionId)).json()).toMatchObject({ code: 'kind_not_covered' })
      const all = await waitingRequest(customers.Covered!.id, null)
      expect((await accept(all.sessionId)).statusCode).toBe(200)
      expect((await refusals())[0]).toMatchObject({ target: { kind: 'customer', name: 'Noclients GmbH' } })
    })

    it('does not check a session that reaches no customer', async () => {
      const { sessionId } = await waitingRequest(null, null)
      expect((await accept(sessionId)).statusCode).toBe(200)
    })

    /** A running session reached by code on the customer's client, with the user and the agent in it. */
    async function running(key: string) {
      const target = customers[key]!
      const ticketId = await linkedTicket(target.id, target.client)
      return hub.openSession(ticketId)
    }

    it('refuses control on a view-only contract: asking, granting and taking, and nothing changes', async () => {
      const { access, user, agent } = await running('Lookonly')
      user.send({ type: 'consent', action: 'grant_view', participantId: agent.participantId })
      await agent.until((s) =>
        s.participants.some((p) => p.id === agent.participantId && p.permissions.includes('view')),
      )
      const before = JSON.stringify(agent.state)

      agent.send({ type: 'permission_request', permission: 'control' })
      expect(await agent.next('error')).toEqual({
        type: 'error',
        error: 'contract_refused',
        message: 'The contract with Lookonly GmbH does not allow control.',
        refusal: {
          code: 'action_not_allowed',
          reason: 'the contract with Lookonly GmbH does not allow control',
          params: { customer: 'Lookonly GmbH', action: 'control' },
        },
      })
      user.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      expect(await user.next('error')).toMatchObject({
        error: 'contract_refused',
        refusal: { code: 'action_not_allowed' },
      })
      agent.send({ type: 'control_request' })
      expect(await agent.next('error')).toMatchObject({ error: 'contract_refused' })
      await Promise.all([user.sync(), agent.sync()])
      expect(JSON.stringify(agent.state)).toBe(before)
      expect(agent.state!.permissionRequests).toEqual([])
      const refused = (await listAudit(hub.db, access.sessionId)).filter((entry) => entry.action === 'access_refused')
      expect(refused.map((entry) => [entry.actor?.role, entry.detail?.step])).toEqual([
        ['agent', 'control_request'],
        ['end_user', 'control_grant'],
        ['agent', 'control_take'],
      ])
      user.close()
      agent.close()
    })

    it('refuses a specialist joining after the contract expired, and a hand-over of control to them', async () => {
      const key = await customer('Ending', {})
      const { access, user, agent } = await running('Ending')
      const specialistName = hub.login('specialist').displayName
      const invite = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/invite`,
        headers: await auth(),
        payload: { specialistAccountId: await hub.accountId('specialist') },
      })
      expect(invite.statusCode).toBe(201)
      const { invitationId } = invite.json<{ invitationId: string }>()
      await user.until((s) => s.invitations.length === 1)
      user.send({ type: 'consent', action: 'approve_join', invitationId, displayName: specialistName })
      await user.until((s) => s.invitations.length === 0)
      const specialist = await TestPeer.join(hub.wsUrl, access.sessionId, {
        kind: 'account',
        token: await hub.token('specialist'),
      })
      user.send({ type: 'consent', action: 'grant_control', participantId: agent.participantId })
      await agent.until((s) =>
        s.participants.some((p) => p.id === agent.participantId && p.permissions.includes('control')),
      )
      agent.send({ type: 'control_request' })
      await agent.until((s) => s.controlHolder === agent.participantId)

      // The contract is narrowed to viewing: control cannot move on.
      await hub.db.transaction((tx) =>
        updateContract(
          tx,
          organisationId,
          key.contractId,
          contract({ scope: { ...fullScope, actions: { view: true, control: false, unattended: false } } }),
        ),
      )
      agent.send({ type: 'control_handover', to: specialist.participantId })
      expect(await agent.next('error')).toMatchObject({
        error: 'contract_refused',
        refusal: { code: 'action_not_allowed', params: { action: 'control' } },
      })
      await agent.sync()
      expect(agent.state).toMatchObject({ controlHolder: agent.participantId, handover: null })

      // The specialist leaves; invited again after the contract ended, their join is refused.
      specialist.send({ type: 'leave' })
      await user.until((s) => !s.participants.some((p) => p.id === specialist.participantId))
      const again = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/invite`,
        headers: await auth(),
        payload: { specialistAccountId: await hub.accountId('specialist') },
      })
      const second = again.json<{ invitationId: string }>().invitationId
      user.send({ type: 'consent', action: 'approve_join', invitationId: second, displayName: specialistName })
      await user.until((s) => s.invitations.length === 0)
      await hub.db.transaction((tx) =>
        updateContract(tx, organisationId, key.contractId, contract({ validUntil: '2021-12-31' })),
      )
      const late = await TestPeer.open(hub.wsUrl)
      late.send({
        type: 'join',
        sessionId: access.sessionId,
        auth: { kind: 'account', token: await hub.token('specialist') },
      })
      expect(await late.next('error')).toMatchObject({
        error: 'contract_refused',
        message: 'The contract with Ending GmbH expired on 2021-12-31.',
        refusal: { code: 'expired', params: { customer: 'Ending GmbH', date: '2021-12-31' } },
      })
      expect(await late.closed).toBe(4403)
      await user.sync()
      expect(user.state!.participants.map((p) => p.role).sort()).toEqual(['agent', 'end_user'])

      // Inviting is refused at once too, so nobody waits for a join that cannot happen.
      const refusedInvite = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${access.sessionId}/invite`,
        headers: await auth(),
        payload: { specialistAccountId: await hub.accountId('specialist') },
      })
      expect(refusedInvite.statusCode).toBe(403)
      expect(refusedInvite.json()).toMatchObject({ error: 'contract_refused', code: 'expired' })

      const steps = (await listAudit(hub.db, access.sessionId))
        .filter((entry) => entry.action === 'access_refused')
        .map((entry) => [entry.actor?.role, entry.detail?.step, entry.detail?.code])
      expect(steps).toEqual([
        ['agent', 'handover', 'action_not_allowed'],
        ['specialist', 'join', 'expired'],
        ['agent', 'invite', 'expired'],
      ])
      expect((await refusals()).slice(0, 3).map((entry) => entry.actor.name)).toEqual([
        hub.login('agent').displayName,
        specialistName,
        hub.login('agent').displayName,
      ])
      user.close()
      agent.close()
    })

    it('keeps refusals to their organisation', async () => {
      const [other] = await hub.db.query<{ id: string }>(
        "insert into organisations (id, name) values ($1, 'Other IT') returning id",
        [randomUUID()],
      )
      expect((await listAdminActions(hub.db, other!.id, { limit: 200 })).entries).toEqual([])
      expect((await refusals()).length).toBeGreaterThan(0)
    })
  })
}
