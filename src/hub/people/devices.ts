import { randomUUID } from 'node:crypto'
import {
  deviceSchema,
  deviceSnapshotRefSchema,
  type Device,
  type DeviceInput,
  type DeviceSnapshotRef,
} from '@shared/people'
import type { Queryable } from '../storage/db'
import { requireContactOf } from './contacts'
import { iso, notFound, PeopleError } from './errors'

export interface DeviceRow {
  id: string
  customer_id: string
  contact_id: string | null
  name: string
  kind: string
  device_group: string | null
  serial: string | null
  data: unknown
  last_seen_at: Date | string | null
  created_at: Date | string
  updated_at: Date | string
}

export const deviceColumns =
  'id, customer_id, contact_id, name, kind, device_group, serial, data, last_seen_at, created_at, updated_at'

/** What a device row keeps in jsonb. */
export interface DeviceData {
  model: string | null
  os: string | null
  notes: string
  lastSnapshot: DeviceSnapshotRef | null
}

export function toDevice(row: DeviceRow): Device {
  const data = row.data as Partial<DeviceData>
  return deviceSchema.parse({
    id: row.id,
    customerId: row.customer_id,
    contactId: row.contact_id,
    name: row.name,
    kind: row.kind,
    group: row.device_group,
    model: data.model ?? null,
    serial: row.serial,
    os: data.os ?? null,
    notes: data.notes ?? '',
    lastSnapshot: data.lastSnapshot ?? null,
    lastSeenAt: row.last_seen_at === null ? null : iso(row.last_seen_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  })
}

export async function findDevice(db: Queryable, organisationId: string, id: string): Promise<Device | null> {
  const [row] = await db.query<DeviceRow>(
    `select ${deviceColumns} from devices where organisation_id = $1 and id = $2`,
    [organisationId, id],
  )
  return row ? toDevice(row) : null
}

/** Devices of the organisation, or of one of its customers, by name. */
export async function listDevices(
  db: Queryable,
  organisationId: string,
  filter: { customerId?: string; contactIds?: readonly string[] } = {},
): Promise<Device[]> {
  const where = ['organisation_id = $1']
  const params: unknown[] = [organisationId]
  if (filter.customerId) {
    params.push(filter.customerId)
    where.push(`customer_id = $${params.length}`)
  }
  if (filter.contactIds) {
    params.push(filter.contactIds)
    where.push(`contact_id = any($${params.length}::uuid[])`)
  }
  const rows = await db.query<DeviceRow>(
    `select ${deviceColumns} from devices where ${where.join(' and ')} order by lower(name), id`,
    params,
  )
  return rows.map(toDevice)
}

async function checkSerialFree(
  tx: Queryable,
  customerId: string,
  serial: string | null,
  exceptId: string | null,
): Promise<void> {
  if (serial === null) return
  const [taken] = await tx.query<{ name: string }>(
    'select name from devices where customer_id = $1 and serial = $2 and id is distinct from $3',
    [customerId, serial, exceptId],
  )
  if (taken)
    throw new PeopleError(409, 'serial_taken', `The serial number ${serial} is already the device ${taken.name}.`)
}

async function checkInput(
  tx: Queryable,
  organisationId: string,
  customerId: string,
  input: DeviceInput,
  id: string | null,
) {
  if (input.contactId !== null) await requireContactOf(tx, organisationId, customerId, input.contactId, "device's user")
  await checkSerialFree(tx, customerId, input.serial, id)
}

export async function insertDevice(
  tx: Queryable,
  organisationId: string,
  customerId: string,
  input: DeviceInput,
  id: string = randomUUID(),
): Promise<Device> {
  await checkInput(tx, organisationId, customerId, input, null)
  const data: DeviceData = { model: input.model, os: input.os, notes: input.notes, lastSnapshot: null }
  const [row] = await tx.query<DeviceRow>(
    `insert into devices (id, organisation_id, customer_id, contact_id, name, kind, device_group, serial, data)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${deviceColumns}`,
    [
      id,
      organisationId,
      customerId,
      input.contactId,
      input.name,
      input.kind,
      input.group,
      input.serial,
      JSON.stringify(data),
    ],
  )
  return toDevice(row!)
}

/** Changes what an admin keeps about a device; what its snapshots reported (last snapshot, last seen) stays. */
export async function updateDevice(
  tx: Queryable,
  organisationId: string,
  id: string,
  input: DeviceInput,
): Promise<{ before: Device; after: Device }> {
  const before = await findDevice(tx, organisationId, id)
  if (!before) throw notFound('device')
  await checkInput(tx, organisationId, before.customerId, input, id)
  const data: DeviceData = { model: input.model, os: input.os, notes: input.notes, lastSnapshot: before.lastSnapshot }
  const [row] = await tx.query<DeviceRow>(
    `update devices set contact_id = $3, name = $4, kind = $5, device_group = $6, serial = $7, data = $8, updated_at = now()
      where organisation_id = $1 and id = $2 returning ${deviceColumns}`,
    [organisationId, id, input.contactId, input.name, input.kind, input.group, input.serial, JSON.stringify(data)],
  )
  return { before, after: toDevice(row!) }
}

/** The device's snapshots, newest first. */
export async function listDeviceSnapshots(
  db: Queryable,
  organisationId: string,
  deviceId: string,
): Promise<DeviceSnapshotRef[]> {
  const rows = await db.query<{ snapshot_id: string; at: Date | string; findings: unknown }>(
    `select snapshot_id, at, findings from device_snapshots
      where organisation_id = $1 and device_id = $2 order by at desc, snapshot_id limit 200`,
    [organisationId, deviceId],
  )
  return rows.map((row) =>
    deviceSnapshotRefSchema.parse({ id: row.snapshot_id, at: iso(row.at), findings: row.findings }),
  )
}
