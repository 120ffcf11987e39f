import { defaultBusinessCalendar } from '@shared/tickets/calendar'
import { defaultSlaPolicy } from '@shared/tickets/slaPolicy'
import { seedDemoEnrolment } from '../enrolment/demo'
import type { Queryable } from '../storage/db'
import { insertContact } from './contacts'
import { insertContract } from './contracts'
import { insertCustomer } from './customers'
import { insertDevice } from './devices'

/**
 * The demo organisation's customer, so a newcomer sees every part: a contract in force that covers
 * the clients and some servers with a technical contact, an expired one, three contacts with phone
 * numbers, a laptop, a covered and an uncovered server, and a Get Help enrolment for its devices.
 */
export async function seedDemoCustomer(tx: Queryable, organisationId: string): Promise<void> {
  const customer = await insertCustomer(tx, organisationId, {
    name: 'Müller GmbH',
    domains: ['mueller.example'],
    locations: [{ name: 'Berlin head office', address: 'Friedrichstraße 100, 10117 Berlin' }],
    calendar: null,
    notes: 'Machine builder, 120 staff. Reception: +49 30 1234-0.',
  })
  const contact = (name: string, email: string, phone: string, jobTitle: string) =>
    insertContact(tx, organisationId, customer.id, { name, email, phone, language: 'de', jobTitle, notes: '' })
  const jana = await contact('Jana Nowak', 'jana.nowak@mueller.example', '+49 30 1234-56', 'IT administrator')
  const peter = await contact('Peter Keller', 'peter.keller@mueller.example', '030 1234-71', 'Sales')
  await contact('Erika Schmidt', 'erika.schmidt@mueller.example', '0171 5551234', 'Accounting')
  const scope = {
    clients: { all: true, groups: [], systems: [] },
    servers: { all: false, groups: ['file-servers'], systems: ['MUE-DC01'] },
    actions: { view: true, control: true, unattended: false },
  }
  await insertContract(tx, organisationId, customer.id, {
    name: 'Managed service',
    validFrom: '2025-01-01',
    validUntil: null,
    serviceHours: defaultBusinessCalendar,
    slaPolicy: defaultSlaPolicy,
    secondLevel: true,
    scope,
    technicalContactId: jana.id,
    notes: 'Servers outside the scope need an order from the technical contact.',
  })
  await insertContract(tx, organisationId, customer.id, {
    name: 'Pilot',
    validFrom: '2024-01-01',
    validUntil: '2024-12-31',
    serviceHours: defaultBusinessCalendar,
    slaPolicy: defaultSlaPolicy,
    secondLevel: false,
    scope: { ...scope, servers: { all: false, groups: [], systems: [] } },
    technicalContactId: null,
    notes: '',
  })
  const device = { serial: null, notes: '' }
  await insertDevice(tx, organisationId, customer.id, {
    ...device,
    name: 'MUE-NB-017',
    kind: 'client',
    group: 'office-clients',
    contactId: peter.id,
    model: 'Lenovo ThinkPad T14 Gen 4',
    os: 'Windows 11 Pro 23H2',
  })
  await insertDevice(tx, organisationId, customer.id, {
    ...device,
    name: 'MUE-DC01',
    kind: 'server',
    group: 'domain-controllers',
    contactId: null,
    model: 'Dell PowerEdge R650',
    os: 'Windows Server 2022',
  })
  await insertDevice(tx, organisationId, customer.id, {
    ...device,
    name: 'MUE-ERP01',
    kind: 'server',
    group: 'erp',
    contactId: null,
    model: 'HPE ProLiant DL380 Gen10',
    os: 'SUSE Linux Enterprise Server 15',
  })
  await seedDemoEnrolment(tx, organisationId, customer.id)
}
