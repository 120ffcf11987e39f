import { randomUUID } from 'node:crypto'
import { findingsFor } from '@shared/diagnostics/findings'
import { SERIAL_MASK } from '@shared/diagnostics/redact'
import type { Snapshot } from '@shared/diagnostics/snapshot'
import {
  checkCustomerAccess,
  domainOfEmail,
  type ContractAccess,
  type RemoteAction,
  phoneDigits,
  type Contact,
  type ContactLanguage,
  type CustomerDetail,
  type CustomerRef,
  type Device,
  type DeviceDetail,
  type FindingsSummary,
} from '@shared/people'
import type { Queryable } from '../storage/db'
import { findContact, findContactByEmail, findContactsByPhone, insertContact, listContacts } from './contacts'
import { contractView, listContracts } from './contracts'
import { customerOfDomain, findCustomer } from './customers'
import {
  deviceColumns,
  findDevice,
  listDevices,
  listDeviceSnapshots,
  toDevice,
  type DeviceData,
  type DeviceRow,
} from './devices'
import { notFound } from './errors'
import { summary, ticketsOfPeople } from './tickets'

export async function customerDetail(
  db: Queryable,
  organisationId: string,
  customerId: string,
  now: Date,
): Promise<CustomerDetail> {
  const customer = await findCustomer(db, organisationId, customerId)
  if (!customer) throw notFound('customer')
  const contacts = await listContacts(db, organisationId, customerId)
  const contracts = await listContracts(db, organisationId, customerId)
  return {
    customer,
    contacts,
    contracts: contracts.map((contract) => contractView(contract, contacts, now)),
    devices: await listDevices(db, organisationId, { customerId }),
  }
}

export async function deviceDetail(
  db: Queryable,
  organisationId: string,
  deviceId: string,
  now: Date = new Date(),
): Promise<DeviceDetail> {
  const device = await findDevice(db, organisationId, deviceId)
  if (!device) throw notFound('device')
  const customer = (await findCustomer(db, organisationId, device.customerId))!
  const contact = device.contactId ? await findContact(db, organisationId, device.contactId) : null
  const snapshots = await listDeviceSnapshots(db, organisationId, deviceId)
  const tickets = await ticketsOfPeople(db, organisationId, {
    emails: contact?.email ? [contact.email] : [],
    phoneDigits: contact?.phone ? [phoneDigits(contact.phone)] : [],
    snapshotIds: snapshots.map((snapshot) => snapshot.id),
    deviceId,
  })
  const ref = { id: customer.id, name: customer.name }
  const contracts = await listContracts(db, organisationId, customer.id)
  const access = checkCustomerAccess({ contracts, customer: ref, device, action: 'view', now })
  return {
    device,
    customer: ref,
    contact,
    tickets: tickets.map(summary),
    snapshots,
    coverage: access.ok
      ? {
          ok: true,
          contract: { id: access.contract.id, name: access.contract.name },
          actions: access.contract.scope.actions,
        }
      : { ok: false, code: access.code, reason: access.reason, params: access.params },
  }
}

export interface ContactHint {
  name: string
  email?: string | null
  phone?: string | null
  language?: ContactLanguage
  /** The customer the caller is known to belong to (e.g. from a Get Help enrolment); otherwise the e-mail domain decides. */
  customerId?: string | null
}

export type FoundContact = { contact: Contact; customer: CustomerRef; created: boolean }

/**
 * Finds the contact by e-mail address, then by phone number (written any way); otherwise creates
 * one under the customer named in the hint or whose e-mail domain the address has. Returns null
 * when no customer can be told (an unknown domain and no hint): nobody is filed under a guess.
 * Get Help, phone intake and e-mail intake call it inside their own transaction.
 */
export async function findOrCreateContact(
  tx: Queryable,
  organisationId: string,
  hint: ContactHint,
): Promise<FoundContact | null> {
  const email = hint.email?.trim().toLowerCase() || null
  const phone = hint.phone?.trim() || null
  const withCustomer = async (contact: Contact, created: boolean): Promise<FoundContact> => {
    const customer = await findCustomer(tx, organisationId, contact.customerId)
    return { contact, customer: { id: customer!.id, name: customer!.name }, created }
  }
  if (email) {
    const known = await findContactByEmail(tx, organisationId, email)
    if (known) return withCustomer(known, false)
  }
  if (phone) {
    const known = await findContactsByPhone(tx, organisationId, phone)
    // A shared number (a switchboard) may belong to several people: prefer the hinted customer's.
    const pick = known.find((contact) => contact.customerId === hint.customerId) ?? known[0]
    if (pick) return withCustomer(pick, false)
  }
  let customer: CustomerRef | null = null
  if (hint.customerId) {
    const hinted = await findCustomer(tx, organisationId, hint.customerId)
    customer = hinted ? { id: hinted.id, name: hinted.name } : null
  }
  if (!customer && email) {
    const domain = domainOfEmail(email)
    customer = domain ? await customerOfDomain(tx, organisationId, domain) : null
  }
  if (!customer || (!email && !phone)) return null
  const name = hint.name.trim().slice(0, 200) || email?.split('@')[0] || phone!
  const contact = await insertContact(tx, organisationId, customer.id, {
    name,
    email,
    phone,
    language: hint.language ?? 'en',
    jobTitle: '',
    notes: '',
  })
  return { contact, customer, created: true }
}

const present = (...parts: Array<string | null | undefined>) => {
  const text = parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ')
    .trim()
  return text === '' ? null : text.slice(0, 200)
}

/** How a snapshot looked: counts per severity and the first findings' titles. */
export function summariseFindings(snapshot: Snapshot, at: Date): FindingsSummary {
  const findings = findingsFor(snapshot, { hubTime: at })
  return {
    counts: {
      critical: findings.filter((f) => f.severity === 'critical').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
    top: findings.slice(0, 5).map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
  }
}

export interface SnapshotOrigin {
  customerId: string
  /** The contact who sent it, if known. */
  contactId?: string | null
  /** The diagnostics record the snapshot is stored as. */
  snapshotId: string
  snapshot: Snapshot
  at: Date
}

/**
 * Records what a device's snapshot says about it: finds the device by serial number (when the
 * user allowed sending it) or by host name within the customer, creates it as a client otherwise,
 * and keeps model, OS, last snapshot and last seen. What an admin set (name, kind, group, notes)
 * stays. Sending the same snapshot again changes nothing more.
 */
export async function upsertDeviceFromSnapshot(
  tx: Queryable,
  organisationId: string,
  origin: SnapshotOrigin,
): Promise<{ device: Device; created: boolean }> {
  const customer = await findCustomer(tx, organisationId, origin.customerId)
  if (!customer) throw notFound('customer')
  const contactId =
    origin.contactId && (await findContact(tx, organisationId, origin.contactId))?.customerId === customer.id
      ? origin.contactId
      : null
  const groups = origin.snapshot.groups
  const system = groups.hardware.system.data
  const os = groups.os.info.data
  const rawSerial = origin.snapshot.masked.serials ? null : present(system?.serial)
  const serial = rawSerial && rawSerial !== SERIAL_MASK ? rawSerial.slice(0, 100) : null
  const hostname = present(os?.hostname)
  const model = present(system?.manufacturer, system?.model)
  const osName = present(os?.distro ?? os?.platform, os?.release)
  const findings = summariseFindings(origin.snapshot, origin.at)
  const lastSnapshot = { id: origin.snapshotId, at: origin.at.toISOString(), findings }

  const [bySerial] = serial
    ? await tx.query<DeviceRow>(`select ${deviceColumns} from devices where customer_id = $1 and serial = $2`, [
        customer.id,
        serial,
      ])
    : []
  const [byName] =
    !bySerial && hostname
      ? await tx.query<DeviceRow>(
          `select ${deviceColumns} from devices where customer_id = $1 and lower(name) = lower($2)
            order by (serial is null) desc, created_at limit 1`,
          [customer.id, hostname],
        )
      : []
  const known = bySerial ?? byName
  let row: DeviceRow
  if (known) {
    const before = toDevice(known)
    const newer = !before.lastSnapshot || before.lastSnapshot.at <= lastSnapshot.at
    const data: DeviceData = {
      model: model ?? before.model,
      os: osName ?? before.os,
      notes: before.notes,
      lastSnapshot: newer ? lastSnapshot : before.lastSnapshot,
    }
    ;[row] = (await tx.query<DeviceRow>(
      `update devices set contact_id = coalesce(contact_id, $3), serial = coalesce(serial, $4), data = $5,
              last_seen_at = greatest(last_seen_at, $6), updated_at = now()
        where organisation_id = $1 and id = $2 returning ${deviceColumns}`,
      [organisationId, before.id, contactId, serial, JSON.stringify(data), origin.at.toISOString()],
    )) as [DeviceRow]
  } else {
    const data: DeviceData = { model, os: osName, notes: '', lastSnapshot }
    ;[row] = (await tx.query<DeviceRow>(
      `insert into devices (id, organisation_id, customer_id, contact_id, name, kind, device_group, serial, data, last_seen_at)
       values ($8, $1, $2, $3, $4, 'client', null, $5, $6, $7) returning ${deviceColumns}`,
      [
        organisationId,
        customer.id,
        contactId,
        hostname ?? 'Unnamed device',
        serial,
        JSON.stringify(data),
        origin.at.toISOString(),
        randomUUID(),
      ],
    )) as [DeviceRow]
  }
  await tx.query(
    `insert into device_snapshots (device_id, snapshot_id, organisation_id, at, findings)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [row.id, origin.snapshotId, organisationId, origin.at.toISOString(), JSON.stringify(findings)],
  )
  return { device: toDevice(row), created: !known }
}

/**
 * Whether the organisation's contracts let 2nd level reach this device for an action now: the
 * hub-side check for remote sessions, specialist joins and control hand-overs. An unknown device
 * (or one of another organisation) answers 404 like any other id.
 */
export async function checkDeviceAccess(
  db: Queryable,
  organisationId: string,
  deviceId: string,
  action: RemoteAction,
  now: Date,
): Promise<ContractAccess> {
  const device = await findDevice(db, organisationId, deviceId)
  if (!device) throw notFound('device')
  const customer = (await findCustomer(db, organisationId, device.customerId))!
  const contracts = await listContracts(db, organisationId, customer.id)
  return checkCustomerAccess({ contracts, customer: { id: customer.id, name: customer.name }, device, action, now })
}

/** What a remote session reaches: the customer, and the device where the hub knows it. */
export interface Reach {
  customerId: string
  deviceId: string | null
}

export interface ReachAccess {
  access: ContractAccess
  customer: CustomerRef
  /** The device checked; null when the session's device is unknown (checked as an unnamed client). */
  device: Pick<Device, 'id' | 'name' | 'kind'> | null
}

/**
 * `checkDeviceAccess` for what a session reaches: a known device is checked as itself; a device the
 * hub does not know (or no longer knows) as a client without a name, so only a scope covering all
 * clients allows it. Null when the customer is not the organisation's: nothing to check against.
 */
export async function checkReachAccess(
  db: Queryable,
  organisationId: string,
  reach: Reach,
  action: RemoteAction,
  now: Date,
): Promise<ReachAccess | null> {
  const found = reach.deviceId ? await findDevice(db, organisationId, reach.deviceId) : null
  // A device of another customer than the session's is refused as such (`other_customer`).
  const customer = await findCustomer(db, organisationId, reach.customerId)
  if (!customer) return null
  const contracts = await listContracts(db, organisationId, customer.id)
  const device = found ?? { customerId: customer.id, name: null, kind: 'client' as const, group: null }
  const access = checkCustomerAccess({
    contracts,
    customer: { id: customer.id, name: customer.name },
    device,
    action,
    now,
  })
  return {
    access,
    customer: { id: customer.id, name: customer.name },
    device: found ? { id: found.id, name: found.name, kind: found.kind } : null,
  }
}
