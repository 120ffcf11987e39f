import { randomUUID } from 'node:crypto'
import type { Enrolment, EnrolmentState } from '@shared/enrolment'
import type { Queryable } from '../storage/db'
import { keyedDigest } from '../storage/hubKey'

/** Only this keyed digest of a code is stored: a copy of the database cannot be searched for codes. */
export async function hashEnrolmentCode(db: Queryable, normalisedCode: string): Promise<string> {
  return (await keyedDigest(db, 'enrolment-code', normalisedCode)).toString('hex')
}

interface EnrolmentRow {
  id: string
  organisation_id: string
  customer_id: string
  label: string
  created_by_name: string | null
  created_at: Date | string
  expires_at: Date | string | null
  revoked_at: Date | string | null
  last_used_at: Date | string | null
}

const iso = (value: Date | string) => new Date(value).toISOString()
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value))

export function stateOf(row: { expiresAt: string | null; revokedAt: string | null }, now: Date): EnrolmentState {
  if (row.revokedAt) return 'revoked'
  if (row.expiresAt && new Date(row.expiresAt) <= now) return 'expired'
  return 'active'
}

function toEnrolment(row: EnrolmentRow, now: Date): Enrolment {
  const base = {
    id: row.id,
    customerId: row.customer_id,
    label: row.label,
    createdBy: row.created_by_name,
    createdAt: iso(row.created_at),
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
    lastUsedAt: isoOrNull(row.last_used_at),
  }
  return { ...base, state: stateOf(base, now) }
}

const columns = `e.id, e.organisation_id, e.customer_id, e.label, a.display_name as created_by_name,
  e.created_at, e.expires_at, e.revoked_at, e.last_used_at`

export async function insertEnrolment(
  tx: Queryable,
  entry: {
    organisationId: string
    customerId: string
    label: string
    codeHash: string
    createdBy: string | null
    expiresAt: Date | null
    now: Date
  },
): Promise<string> {
  const id = randomUUID()
  await tx.query(
    `insert into enrolments (id, organisation_id, customer_id, label, code_hash, created_by, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      entry.organisationId,
      entry.customerId,
      entry.label,
      entry.codeHash,
      entry.createdBy,
      entry.now.toISOString(),
      entry.expiresAt?.toISOString() ?? null,
    ],
  )
  return id
}

export async function findEnrolment(
  db: Queryable,
  organisationId: string,
  id: string,
  now: Date,
): Promise<Enrolment | null> {
  const [row] = await db.query<EnrolmentRow>(
    `select ${columns} from enrolments e left join accounts a on a.id = e.created_by
      where e.organisation_id = $1 and e.id = $2`,
    [organisationId, id],
  )
  return row ? toEnrolment(row, now) : null
}

/** A customer's enrolments, newest first. */
export async function listEnrolments(
  db: Queryable,
  organisationId: string,
  customerId: string,
  now: Date,
): Promise<Enrolment[]> {
  const rows = await db.query<EnrolmentRow>(
    `select ${columns} from enrolments e left join accounts a on a.id = e.created_by
      where e.organisation_id = $1 and e.customer_id = $2 order by e.created_at desc, e.id`,
    [organisationId, customerId],
  )
  return rows.map((row) => toEnrolment(row, now))
}

/** Marks it revoked; a second revoke keeps the first time. Null when the organisation has no such enrolment. */
export async function revokeEnrolment(
  tx: Queryable,
  organisationId: string,
  id: string,
  now: Date,
): Promise<{ enrolment: Enrolment; changed: boolean } | null> {
  const changed = await tx.query(
    `update enrolments set revoked_at = $3 where organisation_id = $1 and id = $2 and revoked_at is null returning id`,
    [organisationId, id, now.toISOString()],
  )
  const enrolment = await findEnrolment(tx, organisationId, id, now)
  return enrolment ? { enrolment, changed: changed.length > 0 } : null
}

/** The enrolment behind a code, with the names Get Help shows; any organisation (the code is the credential). */
export interface EnrolmentOfCode {
  id: string
  organisationId: string
  organisationName: string
  customerId: string
  customerName: string
  expiresAt: string | null
  revokedAt: string | null
}

export async function enrolmentOfCodeHash(db: Queryable, codeHash: string): Promise<EnrolmentOfCode | null> {
  const [row] = await db.query<{
    id: string
    organisation_id: string
    organisation_name: string
    customer_id: string
    customer_name: string
    expires_at: Date | string | null
    revoked_at: Date | string | null
  }>(
    `select e.id, e.organisation_id, o.name as organisation_name, e.customer_id, c.name as customer_name,
            e.expires_at, e.revoked_at
       from enrolments e
       join organisations o on o.id = e.organisation_id
       join customers c on c.id = e.customer_id and c.organisation_id = e.organisation_id
      where e.code_hash = $1`,
    [codeHash],
  )
  if (!row) return null
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
  }
}

export async function touchEnrolment(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('update enrolments set last_used_at = greatest(coalesce(last_used_at, $2), $2) where id = $1', [
    id,
    now.toISOString(),
  ])
}
