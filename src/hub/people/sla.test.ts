import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@shared/auth'
import type { Contact, CustomerDetail, Device, DeviceDetail } from '@shared/people'
import type { SlaCustomersResponse } from '@shared/people/sla'
import { defaultBusinessCalendar } from '@shared/tickets/calendar'
import { defaultSlaPolicy } from '@shared/tickets/slaPolicy'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { signedInAccount } from '../storage/testAccounts'
import { testBackends } from '../storage/testDatabases'

const mornings = [{ from: '08:00', to: '12:00' }]
const morningHours = {
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    monday: mornings,
    tuesday: mornings,
    wednesday: mornings,
    thursday: mornings,
    friday: mornings,
    saturday: [],
    sunday: [],
  },
  holidays: ['2026-12-24'],
}

const customerInput = (name: string, domain: string, calendar: unknown = null) => ({
  name,
  domains: [domain],
  locations: [],
  calendar,
  notes: '',
})

const contractInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Managed service',
  validFrom: '2025-01-01',
  validUntil: null,
  serviceHours: morningHours,
  slaPolicy: defaultSlaPolicy,
  secondLevel: false,
  scope: {
    clients: { all: false, groups: ['office-clients'], systems: [] },
    servers: { all: false, groups: [], systems: [] },
    actions: { view: true, control: true },
  },
  technicalContactId: null,
  ...overrides,
})

for (const backend of testBackends()) {
  describe(`SLA rules per customer and device tickets on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    const tokens: Record<string, string> = {}

    async function person(key: string, role: Role, organisationId: string) {
      tokens[key] = (await signedInAccount(db, key, role, organisationId)).token
    }

    async function api<T>(who: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${tokens[who]}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      return { status: response.statusCode, body: response.json<T>() }
    }

    async function pushTicket(subject: string, requester: { email: string | null }, links: unknown) {
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
              subject,
              description: '',
              channel: 'phone',
              requester: { name: 'Peter Keller', email: requester.email, phone: null, device: null },
              links,
              type: 'incident',
              category: 'hardware',
              impact: 'low',
              urgency: 'low',
            },
          },
        ],
      })
      expect(response.body.results[0]!.status).toBe('applied')
      return ticketId
    }

    let mueller: CustomerDetail
    let peter: Contact
    let laptop: Device
    let server: Device

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      const other = await createOrganisation(db, 'Fabrikam')
      await person('anna', 'agent', org.id)
      await person('sofia', 'specialist', org.id)
      await person('ada', 'admin', org.id)
      await person('otto', 'admin', other.id)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      await app.ready()

      mueller = (
        await api<CustomerDetail>('ada', 'POST', '/api/customers', customerInput('Müller GmbH', 'mueller.example'))
      ).body
      await api('ada', 'POST', `/api/customers/${mueller.customer.id}/contracts`, contractInput())
      await api('ada', 'POST', `/api/customers/${mueller.customer.id}/contracts`, {
        ...contractInput({ name: 'Old terms', validFrom: '2024-01-01', validUntil: '2024-12-31' }),
        serviceHours: defaultBusinessCalendar,
      })
      await api('ada', 'POST', '/api/customers', customerInput('Bäckerei Schmidt', 'schmidt.example', morningHours))
      await api('otto', 'POST', '/api/customers', customerInput('Fabrikam Kunde', 'fabrikam-kunde.example'))
      peter = (
        await api<Contact>('ada', 'POST', `/api/customers/${mueller.customer.id}/contacts`, {
          name: 'Peter Keller',
          email: 'peter@mueller.example',
          phone: null,
          language: 'de',
        })
      ).body
      const device = (name: string, kind: string, group: string) =>
        api<Device>('ada', 'POST', `/api/customers/${mueller.customer.id}/devices`, {
          name,
          kind,
          group,
          contactId: peter.id,
          model: null,
          serial: null,
          os: null,
        })
      laptop = (await device('MUE-NB-017', 'client', 'office-clients')).body
      server = (await device('MUE-FS01', 'server', 'file-servers')).body
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it("answers every role of the organisation with its customers' hours and contracts, and nothing of another", async () => {
      for (const who of ['anna', 'sofia', 'ada']) {
        const { status, body } = await api<SlaCustomersResponse>(who, 'GET', '/api/sla/customers')
        expect(status).toBe(200)
        expect(body.customers.map((c) => c.name)).toEqual(['Bäckerei Schmidt', 'Müller GmbH'])
      }
      const { body } = await api<SlaCustomersResponse>('anna', 'GET', '/api/sla/customers')
      const [schmidt, müller] = body.customers
      expect(schmidt).toMatchObject({ calendar: morningHours, contracts: [] })
      expect(müller!.calendar).toBeNull()
      expect(müller!.contracts.map((c) => [c.name, c.validFrom, c.validUntil])).toEqual([
        ['Managed service', '2025-01-01', null],
        ['Old terms', '2024-01-01', '2024-12-31'],
      ])
      expect(müller!.contracts[0]).toMatchObject({ serviceHours: morningHours, slaPolicy: defaultSlaPolicy })

      const other = await api<SlaCustomersResponse>('otto', 'GET', '/api/sla/customers')
      expect(other.body.customers.map((c) => c.name)).toEqual(['Fabrikam Kunde'])
      const anonymous = await app.inject({ method: 'GET', url: '/api/sla/customers' })
      expect(anonymous.statusCode).toBe(401)
    })

    it("lists a device's linked tickets, not its user's tickets linked to another device, and says what covers it", async () => {
      const links = (deviceId: string | null) => ({ customerId: mueller.customer.id, contactId: peter.id, deviceId })
      const onLaptop = await pushTicket(
        'Laptop will not boot',
        { email: 'someone-else@mueller.example' },
        links(laptop.id),
      )
      const onServer = await pushTicket('Share is full', { email: 'peter@mueller.example' }, links(server.id))
      const unlinked = await pushTicket('Printer jam', { email: 'peter@mueller.example' }, null)

      const laptopView = await api<DeviceDetail>('anna', 'GET', `/api/devices/${laptop.id}`)
      expect(laptopView.status).toBe(200)
      expect(laptopView.body.tickets.map((t) => t.id).sort()).toEqual([onLaptop, unlinked].sort())
      expect(laptopView.body.coverage).toEqual({
        ok: true,
        contract: { id: expect.any(String), name: 'Managed service' },
        actions: { view: true, control: true, unattended: false },
      })

      const serverView = await api<DeviceDetail>('sofia', 'GET', `/api/devices/${server.id}`)
      expect(serverView.body.tickets.map((t) => t.id).sort()).toEqual([onServer, unlinked].sort())
      expect(serverView.body.coverage).toMatchObject({
        ok: false,
        code: 'kind_not_covered',
        params: { customer: 'Müller GmbH', kind: 'server' },
      })

      const elsewhere = await api('otto', 'GET', `/api/devices/${laptop.id}`)
      expect(elsewhere.status).toBe(404)
    })
  })
}
