import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account, Role } from '@shared/auth'
import type { AuditPage } from '@shared/admin/audit'
import { fixtureSnapshot } from '@shared/diagnostics/fixtures'
import type { Enrolment, EnrolmentCreated } from '@shared/enrolment'
import type { GetHelpReceipt } from '@shared/gethelp'
import type { EndUserAccess } from '@shared/session/api'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { signedInAccount } from '../storage/testAccounts'
import { testBackends } from '../storage/testDatabases'
import { findTicket } from '../tickets/repository'
import { enrolmentFailureLimit } from './gate'

const customerInput = (name: string, domain: string) => ({
  name,
  domains: [domain],
  locations: [],
  calendar: null,
  notes: '',
})

for (const backend of testBackends()) {
  describe(`Get Help enrolment on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let orgA: { id: string; name: string }
    let orgB: { id: string; name: string }
    let customerA: string
    let customerB: string
    const people: Record<string, Account & { token: string }> = {}
    let address = 0
    /** Each anonymous call from an address of its own, so the per-address limits stay out of the way. */
    const nextAddress = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`

    async function person(key: string, role: Role, organisationId: string) {
      people[key] = await signedInAccount(db, key, role, organisationId)
    }

    async function api<T = unknown>(who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
      const response = await app.inject({
        method,
        url,
        remoteAddress: nextAddress(),
        headers: { ...(who ? { authorization: `Bearer ${people[who]!.token}` } : {}), host: 'help.example.com' },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      return { status: response.statusCode, body: response.json<T>() }
    }

    const count = async (table: string) =>
      (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n
    const rowCounts = async () =>
      Object.fromEntries(
        await Promise.all(
          ['tickets', 'contacts', 'devices', 'diagnostics', 'remote_sessions', 'enrolments', 'admin_audit'].map(
            async (table) => [table, await count(table)] as const,
          ),
        ),
      )

    const enrol = (label = 'Berlin office', expiresAt: string | null = null, who = 'ada', customer = customerA) =>
      api<EnrolmentCreated>(who, 'POST', `/api/customers/${customer}/enrolments`, { label, expiresAt })

    const helpRequest = (enrolment: string | undefined, overrides: Record<string, unknown> = {}) => ({
      ...(enrolment === undefined ? {} : { enrolment }),
      requestKey: randomUUID(),
      requester: { name: 'Jana Nowak', email: 'jana.nowak@mueller.example' },
      description: 'The laptop disk is full',
      category: 'hardware',
      missingDevices: null,
      diagnostics: { kind: 'desktop', snapshot: fixtureSnapshot() },
      ...overrides,
    })

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      orgA = await createOrganisation(db, 'Example IT')
      orgB = await createOrganisation(db, 'Other Desk')
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      await person('ada', 'admin', orgA.id)
      await person('alex', 'agent', orgA.id)
      await person('bob', 'admin', orgB.id)
      customerA = (
        await api<{ customer: { id: string } }>(
          'ada',
          'POST',
          '/api/customers',
          customerInput('Müller GmbH', 'mueller.example'),
        )
      ).body.customer.id
      customerB = (
        await api<{ customer: { id: string } }>(
          'bob',
          'POST',
          '/api/customers',
          customerInput('Schulz AG', 'schulz.example'),
        )
      ).body.customer.id
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('gives the admin a code and link once, keeps only a digest, lists and audits it', async () => {
      const created = await enrol('Berlin office', '2099-12-31T23:59:59.000Z')
      expect(created.status).toBe(201)
      const { code, link, enrolment } = created.body
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
      expect(link).toBe(`http://help.example.com/gethelp#enrol=${code}`)
      expect(enrolment).toMatchObject({
        label: 'Berlin office',
        state: 'active',
        createdBy: 'ada',
        customerId: customerA,
      })
      const stored = await db.query<{ code_hash: string }>('select code_hash from enrolments where id = $1', [
        enrolment.id,
      ])
      expect(stored[0]!.code_hash).not.toContain(code.replace(/-/g, ''))

      const listed = await api<Enrolment[]>('ada', 'GET', `/api/customers/${customerA}/enrolments`)
      expect(listed.body.map((e) => e.id)).toContain(enrolment.id)
      expect(JSON.stringify(listed.body)).not.toContain(code)
      const audit = await api<AuditPage>('ada', 'GET', '/api/admin/audit?action=enrolment')
      expect(audit.body.entries[0]).toMatchObject({ action: 'enrolment.created', target: { id: enrolment.id } })
      expect(JSON.stringify(audit.body)).not.toContain(code)
    })

    it('refuses agents, bad input and other organisations, changing nothing', async () => {
      const before = await rowCounts()
      expect((await enrol('Laptops', null, 'alex')).status).toBe(403)
      expect((await api('alex', 'GET', `/api/customers/${customerA}/enrolments`)).status).toBe(403)
      expect((await enrol(' ')).status).toBe(400)
      expect((await enrol('Past', '2020-01-01T00:00:00.000Z')).body).toMatchObject({ error: 'invalid_expiry' })
      expect((await enrol('Theirs', null, 'bob', customerA)).status).toBe(404)
      expect((await api('bob', 'GET', `/api/customers/${customerA}/enrolments`)).status).toBe(404)
      expect(await rowCounts()).toEqual(before)

      const mine = (await enrol('Revocable')).body.enrolment
      expect((await api('bob', 'POST', `/api/enrolments/${mine.id}/revoke`)).status).toBe(404)
      expect((await api<Enrolment[]>('bob', 'GET', `/api/customers/${customerB}/enrolments`)).body).toEqual([])
      const revoked = await api<Enrolment>('ada', 'POST', `/api/enrolments/${mine.id}/revoke`)
      expect(revoked.body).toMatchObject({ state: 'revoked' })
      const audit = await api<AuditPage>('ada', 'GET', '/api/admin/audit?action=enrolment.revoked')
      expect(audit.body.entries).toHaveLength(1)
    })

    it('checks a code however it is typed, and refuses unknown, revoked and expired codes saying whom to ask', async () => {
      const { code, enrolment } = (await enrol('Check')).body
      const typed = code.toLowerCase().replace(/-/g, ' ')
      const checked = await api(null, 'POST', '/api/gethelp/enrolment', { code: typed })
      expect(checked).toEqual({
        status: 200,
        body: { organisation: { name: 'Example IT' }, customer: { name: 'Müller GmbH' } },
      })
      const [used] = await db.query<{ last_used_at: Date | null }>(
        'select last_used_at from enrolments where id = $1',
        [enrolment.id],
      )
      expect(used!.last_used_at).not.toBeNull()

      const unknown = await api(null, 'POST', '/api/gethelp/enrolment', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })
      expect(unknown).toMatchObject({
        status: 403,
        body: { error: 'not_enrolled', message: expect.stringMatching(/IT support/) },
      })
      const garbage = await api(null, 'POST', '/api/gethelp/enrolment', { code: 'hello' })
      expect(garbage.body).toEqual(unknown.body)

      await db.query(`update enrolments set expires_at = now() - interval '1 minute' where id = $1`, [enrolment.id])
      const expired = await api(null, 'POST', '/api/gethelp/enrolment', { code })
      expect(expired).toMatchObject({
        status: 403,
        body: { error: 'enrolment_expired', message: expect.stringMatching(/Example IT/) },
      })
      await api('ada', 'POST', `/api/enrolments/${enrolment.id}/revoke`)
      const revoked = await api(null, 'POST', '/api/gethelp/enrolment', { code })
      expect(revoked).toMatchObject({ status: 403, body: { error: 'enrolment_revoked' } })
    })

    it('limits wrong codes per address', async () => {
      const { code } = (await enrol('Limit')).body
      const from = '192.0.2.77'
      const check = (c: string) =>
        app.inject({ method: 'POST', url: '/api/gethelp/enrolment', remoteAddress: from, payload: { code: c } })
      for (let i = 0; i < enrolmentFailureLimit; i++)
        expect((await check(`AAAA-AAAA-AAAA-AA${String(i).padStart(2, '0')}`)).statusCode).toBe(403)
      const blocked = await check(code)
      expect(blocked.statusCode).toBe(429)
      expect(blocked.json()).toMatchObject({ error: 'too_many_attempts' })
    })

    it("files a Get Help request under the enrolment's customer with the contact and device linked", async () => {
      const { code, enrolment } = (await enrol('Intake')).body
      const sent = await api<GetHelpReceipt>(null, 'POST', '/api/gethelp/requests', helpRequest(code))
      expect(sent.status).toBe(200)
      const ticket = (await findTicket(db, orgA.id, sent.body.ticketId))!
      expect(ticket.links?.customerId).toBe(customerA)
      const [contact] = await db.query<{ id: string; customer_id: string; email: string }>(
        'select id, customer_id, email from contacts where id = $1',
        [ticket.links!.contactId],
      )
      expect(contact).toMatchObject({ customer_id: customerA, email: 'jana.nowak@mueller.example' })
      const [device] = await db.query<{ customer_id: string; name: string; contact_id: string }>(
        'select customer_id, name, contact_id from devices where id = $1',
        [ticket.links!.deviceId],
      )
      expect(device).toEqual({ customer_id: customerA, name: 'pc-0042', contact_id: contact!.id })
      const [used] = await db.query<{ last_used_at: Date | null }>(
        'select last_used_at from enrolments where id = $1',
        [enrolment.id],
      )
      expect(used!.last_used_at).not.toBeNull()

      // Without an e-mail address there is no contact to find, but the customer is still linked.
      const anonymous = await api<GetHelpReceipt>(
        null,
        'POST',
        '/api/gethelp/requests',
        helpRequest(code, { requester: { name: 'Someone', email: null }, diagnostics: null }),
      )
      expect((await findTicket(db, orgA.id, anonymous.body.ticketId))!.links).toEqual({
        customerId: customerA,
        contactId: null,
        deviceId: null,
      })
    })

    it('files nothing without a valid enrolment', async () => {
      const { code, enrolment } = (await enrol('Soon gone')).body
      const before = await rowCounts()
      const none = await api(null, 'POST', '/api/gethelp/requests', helpRequest(undefined))
      expect(none).toMatchObject({ status: 403, body: { error: 'not_enrolled' } })
      const wrong = await api(null, 'POST', '/api/sessions/requests', {
        enrolment: 'AAAA-BBBB-CCCC-DDDD',
        name: 'Jana',
        description: 'Help',
      })
      expect(wrong).toMatchObject({ status: 403, body: { error: 'not_enrolled' } })
      await db.query(`update enrolments set expires_at = now() - interval '1 minute' where id = $1`, [enrolment.id])
      const expired = await api(null, 'POST', '/api/gethelp/requests', helpRequest(code))
      expect(expired).toMatchObject({ status: 403, body: { error: 'enrolment_expired' } })
      await db.query('update enrolments set expires_at = null, revoked_at = now() where id = $1', [enrolment.id])
      const revoked = await api(null, 'POST', '/api/sessions/requests', {
        enrolment: code,
        name: 'Jana',
        description: 'Help',
      })
      expect(revoked).toMatchObject({ status: 403, body: { error: 'enrolment_revoked' } })
      expect(await rowCounts()).toEqual(before)
    })

    it("queues a session request with the enrolment's customer and the named device", async () => {
      const { code } = (await enrol('Sessions')).body
      const ask = (deviceName?: string) =>
        api<EndUserAccess>(null, 'POST', '/api/sessions/requests', {
          enrolment: code,
          name: 'Jana Nowak',
          description: 'Please look at my screen',
          ...(deviceName ? { deviceName } : {}),
        })
      const first = await ask('MUE-NB-099')
      expect(first.status).toBe(201)
      expect(first.body.organisation).toEqual({ name: 'Example IT' })
      const again = await ask('mue-nb-099')
      const none = await ask()
      const rows = await db.query<{
        id: string
        organisation_id: string
        customer_id: string
        device_id: string | null
      }>('select id, organisation_id, customer_id, device_id from remote_sessions where id = any($1::uuid[])', [
        [first.body.sessionId, again.body.sessionId, none.body.sessionId],
      ])
      const of = (id: string) => rows.find((row) => row.id === id)!
      expect(of(first.body.sessionId)).toMatchObject({ organisation_id: orgA.id, customer_id: customerA })
      expect(of(first.body.sessionId).device_id).not.toBeNull()
      expect(of(again.body.sessionId).device_id).toBe(of(first.body.sessionId).device_id)
      expect(of(none.body.sessionId).device_id).toBeNull()
      const [device] = await db.query<{ name: string; kind: string; customer_id: string }>(
        'select name, kind, customer_id from devices where id = $1',
        [of(first.body.sessionId).device_id],
      )
      expect(device).toEqual({ name: 'MUE-NB-099', kind: 'client', customer_id: customerA })
      // The other organisation's desk sees none of it.
      const queue = await api<unknown[]>('bob', 'GET', '/api/sessions/requests')
      expect(queue.status === 403 || (Array.isArray(queue.body) && queue.body.length === 0)).toBe(true)
    })
  })
}
