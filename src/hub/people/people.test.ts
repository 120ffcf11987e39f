import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account, Role } from '@shared/auth'
import { fixtureSnapshot, withData } from '@shared/diagnostics/fixtures'
import type {
  Contact,
  ContactLookupResult,
  ContractView,
  CustomerDetail,
  CustomerList,
  Device,
  DeviceDetail,
  DeviceList,
} from '@shared/people'
import { defaultBusinessCalendar } from '@shared/tickets/calendar'
import { defaultSlaPolicy } from '@shared/tickets/slaPolicy'
import type { AuditPage } from '@shared/admin/audit'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { signedInAccount } from '../storage/testAccounts'
import { testBackends } from '../storage/testDatabases'
import { findOrCreateContact, upsertDeviceFromSnapshot } from './service'

const customerInput = (name: string, domains: string[]) => ({
  name,
  domains,
  locations: [{ name: 'Head office', address: 'Friedrichstraße 100, Berlin' }],
  calendar: null,
  notes: '',
})

const contactInput = (name: string, email: string | null, phone: string | null) => ({
  name,
  email,
  phone,
  language: 'de',
})

const contractInput = (technicalContactId: string | null, overrides: Record<string, unknown> = {}) => ({
  name: 'Managed service',
  validFrom: '2025-01-01',
  validUntil: null,
  serviceHours: defaultBusinessCalendar,
  slaPolicy: defaultSlaPolicy,
  secondLevel: true,
  scope: {
    clients: { all: true, groups: [], systems: [] },
    servers: { all: false, groups: ['file-servers'], systems: ['DC01'] },
    actions: { view: true, control: true },
  },
  technicalContactId,
  ...overrides,
})

const deviceInput = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  kind: 'client',
  group: 'office-clients',
  contactId: null,
  model: 'ThinkPad T14',
  serial: null,
  os: 'Windows 11',
  ...overrides,
})

for (const backend of testBackends()) {
  describe(`customers, contacts, contracts and devices on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let organisationId: string
    const people: Record<string, Account & { token: string }> = {}

    async function person(key: string, role: Role, orgId: string) {
      people[key] = await signedInAccount(db, key, role, orgId)
    }

    async function api<T = unknown>(who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${people[who]!.token}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      return { status: response.statusCode, body: response.json<T>() }
    }

    const count = async (table: string) =>
      (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n
    const rowCounts = async () =>
      Object.fromEntries(
        await Promise.all(
          ['customers', 'customer_domains', 'contacts', 'contracts', 'devices', 'admin_audit'].map(
            async (table) => [table, await count(table)] as const,
          ),
        ),
      )

    async function pushTicket(requester: { name: string; email: string | null; phone: string | null }) {
      const ticketId = randomUUID()
      const response = await api<{ results: Array<{ status: string }> }>('anna', 'POST', '/api/sync/push', {
        commands: [
          {
            type: 'create_ticket',
            commandId: randomUUID(),
            ticketId,
            baseVersion: null,
            deviceTime: '2026-03-02T09:00:00.000Z',
            payload: {
              subject: `Printer jam for ${requester.name}`,
              description: '',
              channel: 'phone',
              requester: { ...requester, device: null },
              type: 'incident',
              category: 'hardware',
              impact: 'low',
              urgency: 'low',
              tags: [],
            },
          },
        ],
      })
      expect(response.body.results[0]!.status).toBe('applied')
      return ticketId
    }

    let mueller: CustomerDetail
    let jana: Contact
    let peter: Contact

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      const other = await createOrganisation(db, 'Fabrikam')
      organisationId = org.id
      await person('anna', 'agent', org.id)
      await person('sofia', 'specialist', org.id)
      await person('ada', 'admin', org.id)
      await person('otto', 'admin', other.id)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      await app.ready()
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('lets an admin create a customer, audited, which every role reads and only admins change', async () => {
      const created = await api<CustomerDetail>(
        'ada',
        'POST',
        '/api/customers',
        customerInput('Müller GmbH', ['Mueller.Example']),
      )
      expect(created.status).toBe(201)
      mueller = created.body
      expect(mueller.customer).toMatchObject({ name: 'Müller GmbH', domains: ['mueller.example'] })
      expect(mueller).toMatchObject({ contacts: [], contracts: [], devices: [] })

      const list = await api<CustomerList>('anna', 'GET', '/api/customers')
      expect(list.body.customers).toEqual([
        {
          id: mueller.customer.id,
          name: 'Müller GmbH',
          domains: ['mueller.example'],
          contactCount: 0,
          deviceCount: 0,
          contractState: null,
        },
      ])
      expect((await api('sofia', 'GET', `/api/customers/${mueller.customer.id}`)).status).toBe(200)

      const before = await rowCounts()
      expect((await api('anna', 'POST', '/api/customers', customerInput('Agent Ltd', []))).status).toBe(403)
      expect((await api('sofia', 'PUT', `/api/customers/${mueller.customer.id}`, customerInput('X', []))).status).toBe(
        403,
      )
      expect(await rowCounts()).toEqual(before)

      const audit = await api<AuditPage>('ada', 'GET', '/api/admin/audit?targetKind=customer')
      expect(audit.body.entries[0]).toMatchObject({
        action: 'customer.created',
        target: { kind: 'customer', id: mueller.customer.id, name: 'Müller GmbH' },
      })
    })

    it('refuses bad or clashing customers with a reason and changes nothing', async () => {
      const before = await rowCounts()
      const badDomain = await api<{ message: string }>(
        'ada',
        'POST',
        '/api/customers',
        customerInput('Bad', ['not a domain']),
      )
      expect(badDomain.status).toBe(400)
      expect(badDomain.body.message).toMatch(/e-mail domain/)
      const clash = await api<{ message: string }>(
        'ada',
        'POST',
        '/api/customers',
        customerInput('Other', ['mueller.example', 'other.example']),
      )
      expect(clash.status).toBe(409)
      expect(clash.body.message).toBe(
        'These domains already belong to another customer: mueller.example (Müller GmbH).',
      )
      expect((await api('ada', 'POST', '/api/customers', customerInput('müller gmbh', []))).status).toBe(409)
      expect(await rowCounts()).toEqual(before)
    })

    it('changes a customer and records what changed', async () => {
      const input = {
        ...customerInput('Müller GmbH', ['mueller.example', 'mueller-werke.example']),
        notes: 'Key account',
      }
      const updated = await api<CustomerDetail>('ada', 'PUT', `/api/customers/${mueller.customer.id}`, input)
      expect(updated.status).toBe(200)
      expect(updated.body.customer.domains).toEqual(['mueller.example', 'mueller-werke.example'])
      const audit = await api<AuditPage>('ada', 'GET', '/api/admin/audit?action=customer.updated')
      expect(audit.body.entries[0]!.details).toEqual({
        domains: { from: ['mueller.example'], to: ['mueller.example', 'mueller-werke.example'] },
        notes: { from: '', to: 'Key account' },
      })
    })

    it('adds contacts, refusing a second contact with the same address', async () => {
      const url = `/api/customers/${mueller.customer.id}/contacts`
      const a = await api<Contact>('ada', 'POST', url, {
        ...contactInput('Jana Nowak', 'Jana.Nowak@mueller.example', '030123456'),
        jobTitle: 'IT administrator',
      })
      expect(a.status).toBe(201)
      jana = a.body
      expect(jana).toMatchObject({
        email: 'jana.nowak@mueller.example',
        jobTitle: 'IT administrator',
        customerId: mueller.customer.id,
      })
      peter = (
        await api<Contact>('ada', 'POST', url, contactInput('Peter Keller', 'peter@mueller.example', '+49 171 5551234'))
      ).body
      const before = await rowCounts()
      const again = await api<{ error: string }>(
        'ada',
        'POST',
        url,
        contactInput('Jana N.', 'jana.nowak@mueller.example', null),
      )
      expect(again.status).toBe(409)
      expect((await api('ada', 'POST', url, contactInput('Nobody', null, null))).status).toBe(400)
      expect((await api('anna', 'POST', url, contactInput('Agent made', 'x@mueller.example', null))).status).toBe(403)
      expect(await rowCounts()).toEqual(before)

      const changed = await api<Contact>('ada', 'PUT', `/api/contacts/${peter.id}`, {
        ...contactInput('Peter Keller', 'peter.keller@mueller.example', '+49 171 5551234'),
        language: 'en',
      })
      expect(changed.body).toMatchObject({ email: 'peter.keller@mueller.example', language: 'en' })
      peter = changed.body
    })

    it('looks callers up by phone written any way, by e-mail and by name, with their tickets and devices', async () => {
      const open = await pushTicket({ name: 'Jana', email: null, phone: '+49 30 1234-56' })
      const byMail = await pushTicket({ name: 'Jana Nowak', email: 'JANA.NOWAK@mueller.example', phone: null })
      await pushTicket({ name: 'Someone else', email: 'else@mueller.example', phone: '030 999999' })
      const laptop = await api<Device>(
        'ada',
        'POST',
        `/api/customers/${mueller.customer.id}/devices`,
        deviceInput('MUE-NB-001', { contactId: jana.id }),
      )
      expect(laptop.status).toBe(201)

      for (const q of ['+49 30 1234-56', '030 1234', '0049301234', 'jana.nowak@', 'nowak jana', 'JANA']) {
        const found = await api<ContactLookupResult>('anna', 'GET', `/api/contacts/lookup?q=${encodeURIComponent(q)}`)
        expect(found.status, q).toBe(200)
        expect(
          found.body.matches.map((m) => m.contact.id),
          q,
        ).toEqual([jana.id])
      }
      const [match] = (await api<ContactLookupResult>('anna', 'GET', '/api/contacts/lookup?q=%2B4930123456')).body
        .matches
      expect(match!.customer).toEqual({ id: mueller.customer.id, name: 'Müller GmbH' })
      expect(match!.openTickets.map((t) => t.id).sort()).toEqual([open, byMail].sort())
      expect(match!.recentTickets).toEqual([])
      expect(match!.devices.map((d) => d.name)).toEqual(['MUE-NB-001'])

      const peters = (await api<ContactLookupResult>('sofia', 'GET', '/api/contacts/lookup?q=0171%205551234')).body
        .matches
      expect(peters.map((m) => m.contact.name)).toEqual(['Peter Keller'])
      expect((await api<ContactLookupResult>('anna', 'GET', '/api/contacts/lookup?q=100%25')).body.matches).toEqual([])
      expect((await api('anna', 'GET', '/api/contacts/lookup?q=a')).status).toBe(400)
    })

    it('keeps contracts with a technical contact of the same customer, shown with phone and e-mail, and expired as such', async () => {
      const url = `/api/customers/${mueller.customer.id}/contracts`
      const before = await rowCounts()
      const missing = await api<{ message: string }>('ada', 'POST', url, contractInput(null))
      expect(missing.status).toBe(400)
      expect(missing.body.message).toContain('A contract that covers 2nd level needs a technical contact')
      const other = (
        await api<CustomerDetail>('ada', 'POST', '/api/customers', customerInput('Schulz KG', ['schulz.example']))
      ).body
      const stranger = (
        await api<Contact>(
          'ada',
          'POST',
          `/api/customers/${other.customer.id}/contacts`,
          contactInput('Stefan Schulz', 's@schulz.example', null),
        )
      ).body
      const wrong = await api<{ message: string }>('ada', 'POST', url, contractInput(stranger.id))
      expect(wrong.status).toBe(400)
      expect(wrong.body.message).toBe('The technical contact must be a contact of the same customer.')
      expect((await api('anna', 'POST', url, contractInput(jana.id))).status).toBe(403)
      expect(await count('contracts')).toBe(before.contracts)

      const created = await api<ContractView>('ada', 'POST', url, contractInput(jana.id))
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({
        state: 'active',
        technicalContact: { id: jana.id, name: 'Jana Nowak', email: 'jana.nowak@mueller.example', phone: '030123456' },
        scope: { actions: { view: true, control: true, unattended: false } },
      })
      const ended = await api<ContractView>(
        'ada',
        'PUT',
        `/api/contracts/${created.body.id}`,
        contractInput(jana.id, { validUntil: '2025-06-30' }),
      )
      expect(ended.body.state).toBe('expired')
      const detail = (await api<CustomerDetail>('sofia', 'GET', `/api/customers/${mueller.customer.id}`)).body
      expect(detail.contracts.map((c) => c.state)).toEqual(['expired'])
      expect(
        (await api<CustomerList>('anna', 'GET', '/api/customers')).body.customers.find((c) => c.name === 'Müller GmbH')!
          .contractState,
      ).toBe('expired')

      const audit = await api<AuditPage>('ada', 'GET', '/api/admin/audit?targetKind=contract')
      expect(audit.body.entries.map((e) => e.action)).toEqual(['contract.updated', 'contract.created'])
      expect(audit.body.entries[0]!.details).toEqual({ validUntil: { from: null, to: '2025-06-30' } })
    })

    it('lists and changes devices, refusing a user of another customer', async () => {
      const server = await api<Device>(
        'ada',
        'POST',
        `/api/customers/${mueller.customer.id}/devices`,
        deviceInput('DC01', { kind: 'server', group: 'domain-controllers', serial: 'SRV-1' }),
      )
      expect(server.status).toBe(201)
      const dup = await api(
        'ada',
        'POST',
        `/api/customers/${mueller.customer.id}/devices`,
        deviceInput('DC02', { serial: 'SRV-1' }),
      )
      expect(dup.status).toBe(409)
      const list = await api<DeviceList>('anna', 'GET', `/api/devices?customerId=${mueller.customer.id}`)
      expect(list.body.devices.map((d) => [d.name, d.customer.name])).toEqual([
        ['DC01', 'Müller GmbH'],
        ['MUE-NB-001', 'Müller GmbH'],
      ])
      const schulz = (await api<CustomerList>('ada', 'GET', '/api/customers')).body.customers.find(
        (c) => c.name === 'Schulz KG',
      )!
      const stranger = (await api<CustomerDetail>('ada', 'GET', `/api/customers/${schulz.id}`)).body.contacts[0]!
      const before = await rowCounts()
      expect(
        (await api('ada', 'PUT', `/api/devices/${server.body.id}`, deviceInput('DC01', { contactId: stranger.id })))
          .status,
      ).toBe(400)
      expect((await api('sofia', 'PUT', `/api/devices/${server.body.id}`, deviceInput('DC01'))).status).toBe(403)
      expect(await rowCounts()).toEqual(before)
      const changed = await api<DeviceDetail>(
        'ada',
        'PUT',
        `/api/devices/${server.body.id}`,
        deviceInput('DC01', { kind: 'server', group: 'file-servers', serial: 'SRV-1', contactId: jana.id }),
      )
      expect(changed.status).toBe(200)
      expect(changed.body.device).toMatchObject({ group: 'file-servers', contactId: jana.id })
      expect(changed.body.contact?.name).toBe('Jana Nowak')
      const audit = await api<AuditPage>('ada', 'GET', '/api/admin/audit?targetKind=device')
      expect(audit.body.entries[0]).toMatchObject({
        action: 'device.updated',
        details: { group: { from: 'domain-controllers', to: 'file-servers' } },
      })
    })

    it('shows nothing of one organisation to another', async () => {
      const id = mueller.customer.id
      const contract = (await api<CustomerDetail>('ada', 'GET', `/api/customers/${id}`)).body.contracts[0]!
      const device = (await api<DeviceList>('ada', 'GET', '/api/devices')).body.devices[0]!
      const before = await rowCounts()
      expect((await api<CustomerList>('otto', 'GET', '/api/customers')).body.customers).toEqual([])
      expect((await api('otto', 'GET', `/api/customers/${id}`)).status).toBe(404)
      expect((await api('otto', 'PUT', `/api/customers/${id}`, customerInput('Taken over', []))).status).toBe(404)
      expect(
        (await api('otto', 'POST', `/api/customers/${id}/contacts`, contactInput('Spy', 'spy@x.example', null))).status,
      ).toBe(404)
      expect(
        (await api('otto', 'PUT', `/api/contacts/${jana.id}`, contactInput('Spy', 'spy@x.example', null))).status,
      ).toBe(404)
      expect((await api('otto', 'POST', `/api/customers/${id}/contracts`, contractInput(jana.id))).status).toBe(404)
      expect((await api('otto', 'PUT', `/api/contracts/${contract.id}`, contractInput(jana.id))).status).toBe(404)
      expect((await api('otto', 'POST', `/api/customers/${id}/devices`, deviceInput('X'))).status).toBe(404)
      expect((await api('otto', 'GET', `/api/devices/${device.id}`)).status).toBe(404)
      expect((await api('otto', 'PUT', `/api/devices/${device.id}`, deviceInput('X'))).status).toBe(404)
      expect((await api<DeviceList>('otto', 'GET', `/api/devices?customerId=${id}`)).body.devices).toEqual([])
      expect((await api<ContactLookupResult>('otto', 'GET', '/api/contacts/lookup?q=jana')).body.matches).toEqual([])
      // The same domain may belong to a customer of another organisation.
      expect(
        (await api('otto', 'POST', '/api/customers', customerInput('Müller GmbH', ['mueller.example']))).status,
      ).toBe(201)
      expect(await rowCounts()).toMatchObject({
        contacts: before.contacts,
        contracts: before.contracts,
        devices: before.devices,
      })
    })

    it('finds or creates a contact: by address, by number, else under the customer of the domain', async () => {
      const byMail = await db.transaction((tx) =>
        findOrCreateContact(tx, organisationId, { name: 'J', email: 'Jana.Nowak@Mueller.Example' }),
      )
      expect(byMail).toMatchObject({ contact: { id: jana.id }, customer: { name: 'Müller GmbH' }, created: false })
      const byPhone = await db.transaction((tx) =>
        findOrCreateContact(tx, organisationId, { name: 'Jana', phone: '+49 (30) 1234 56' }),
      )
      expect(byPhone).toMatchObject({ contact: { id: jana.id }, created: false })

      const made = await db.transaction((tx) =>
        findOrCreateContact(tx, organisationId, {
          name: 'Lena Vogel',
          email: 'lena.vogel@it.mueller-werke.example',
          phone: '030 777888',
          language: 'de',
        }),
      )
      expect(made).toMatchObject({
        customer: { id: mueller.customer.id },
        created: true,
        contact: { name: 'Lena Vogel', language: 'de' },
      })
      const again = await db.transaction((tx) =>
        findOrCreateContact(tx, organisationId, { name: 'Lena', email: 'lena.vogel@it.mueller-werke.example' }),
      )
      expect(again).toMatchObject({ contact: { id: made!.contact.id }, created: false })

      const contacts = await count('contacts')
      expect(
        await db.transaction((tx) =>
          findOrCreateContact(tx, organisationId, { name: 'Unknown', email: 'u@elsewhere.example' }),
        ),
      ).toBeNull()
      expect(
        await db.transaction((tx) => findOrCreateContact(tx, organisationId, { name: 'Caller', phone: '0800 123456' })),
      ).toBeNull()
      expect(await count('contacts')).toBe(contacts)

      const hinted = await db.transaction((tx) =>
        findOrCreateContact(tx, organisationId, {
          name: 'Walk-in',
          phone: '0800 123456',
          customerId: mueller.customer.id,
        }),
      )
      expect(hinted).toMatchObject({
        customer: { id: mueller.customer.id },
        created: true,
        contact: { phone: '0800 123456', email: null },
      })
    })

    it('records devices from snapshots, finds them again by serial, and lists their tickets and snapshots', async () => {
      const ticketId = await pushTicket({ name: 'Peter Keller', email: null, phone: null })
      const snapshotIds = [randomUUID(), randomUUID()]
      for (const id of snapshotIds) {
        await db.query(
          "insert into diagnostics (id, organisation_id, ticket_id, kind, data) values ($1, $2, $3, 'desktop', '{}')",
          [id, organisationId, ticketId],
        )
      }
      const snapshot = fixtureSnapshot()
      const first = await db.transaction((tx) =>
        upsertDeviceFromSnapshot(tx, organisationId, {
          customerId: mueller.customer.id,
          contactId: peter.id,
          snapshotId: snapshotIds[0]!,
          snapshot,
          at: new Date('2026-03-01T10:00:00Z'),
        }),
      )
      expect(first.created).toBe(true)
      expect(first.device).toMatchObject({
        name: 'pc-0042',
        kind: 'client',
        serial: 'PF2ABCDE',
        contactId: peter.id,
        os: 'Ubuntu 24.04.1 LTS',
      })
      expect(first.device.lastSnapshot?.id).toBe(snapshotIds[0])

      const renamed = withData(snapshot, 'os', 'info', { ...snapshot.groups.os.info.data!, hostname: 'pc-0042-new' })
      const second = await db.transaction((tx) =>
        upsertDeviceFromSnapshot(tx, organisationId, {
          customerId: mueller.customer.id,
          snapshotId: snapshotIds[1]!,
          snapshot: renamed,
          at: new Date('2026-03-02T10:00:00Z'),
        }),
      )
      expect(second).toMatchObject({
        created: false,
        device: { id: first.device.id, name: 'pc-0042', contactId: peter.id },
      })
      expect(second.device.lastSeenAt).toBe('2026-03-02T10:00:00.000Z')

      const masked = { ...snapshot, masked: { userNames: true, serials: true } }
      const byName = await db.transaction((tx) =>
        upsertDeviceFromSnapshot(tx, organisationId, {
          customerId: mueller.customer.id,
          snapshotId: snapshotIds[1]!,
          snapshot: masked,
          at: new Date('2026-03-01T12:00:00Z'),
        }),
      )
      expect(byName).toMatchObject({ created: false, device: { id: first.device.id } })
      expect(byName.device.lastSnapshot?.id).toBe(snapshotIds[1])

      const detail = await api<DeviceDetail>('sofia', 'GET', `/api/devices/${first.device.id}`)
      expect(detail.status).toBe(200)
      expect(detail.body.snapshots.map((s) => s.id)).toEqual([snapshotIds[1], snapshotIds[0]])
      expect(detail.body.tickets.map((t) => t.id)).toContain(ticketId)
      expect(detail.body.contact?.id).toBe(peter.id)
    })
  })
}
