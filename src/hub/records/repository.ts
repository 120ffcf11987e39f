import type { z } from 'zod'
import { changeSchema } from '@shared/records/change'
import { recordLimits, type LinkedTicket } from '@shared/records/common'
import { problemSchema } from '@shared/records/problem'
import { vendorCaseSchema, type VendorCase } from '@shared/records/vendorCase'
import { ticketTypeSchema, type TicketType } from '@shared/tickets/classification'
import type { Queryable } from '../storage/db'

/** Rows are parsed on the way out: stored data is a boundary like any other. */
const json = (data: unknown): unknown => (typeof data === 'string' ? JSON.parse(data) : data)

export async function nextRecordNumber(tx: Queryable, organisationId: string, kind: 'problem' | 'change') {
  const [row] = await tx.query<{ n: number }>(
    `insert into record_counters (organisation_id, kind, last_number) values ($1, $2, 1)
     on conflict (organisation_id, kind) do update set last_number = record_counters.last_number + 1
     returning last_number as n`,
    [organisationId, kind],
  )
  return row!.n
}

/** Which organisation owns a record id, if any: ids are chosen by Consoles and must not collide across. */
export async function recordOwner(db: Queryable, table: RecordTableName, id: string): Promise<string | null> {
  const [row] = await db.query<{ organisation_id: string }>(`select organisation_id from ${table} where id = $1`, [id])
  return row?.organisation_id ?? null
}

// ——— linked tickets ———

type TicketRow = { id: string; number: number; status: string; subject: string; link_at?: string }
const toLinked = (row: TicketRow): LinkedTicket => ({
  ticketId: row.id,
  number: row.number,
  subject: row.subject,
  status: row.status,
})

async function linkedTickets(
  db: Queryable,
  linkTable: 'problem_incidents' | 'change_tickets',
  column: 'problem_id' | 'change_id',
  ids: string[],
): Promise<Map<string, LinkedTicket[]>> {
  const byRecord = new Map<string, LinkedTicket[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return byRecord
  const rows = await db.query<TicketRow & { record_id: string }>(
    `select l.${column} as record_id, t.id, t.number, t.status, t.data->>'subject' as subject
     from ${linkTable} l join tickets t on t.id = l.ticket_id
     where l.${column} = any($1::uuid[]) order by l.linked_at, t.number`,
    [ids],
  )
  for (const row of rows) byRecord.get(row.record_id)?.push(toLinked(row))
  return byRecord
}

// ——— record tables ———

export type RecordTableName = 'vendor_cases' | 'problems' | 'changes'

/**
 * How one kind of record sits in its table: the whole record as jsonb, beside copies of the
 * columns queries need (its state, and the ticket or number it was created with).
 */
function recordTable<S extends { id: string; updatedAt: string }>(spec: {
  table: RecordTableName
  schema: z.ZodType<S>
  stateColumn: 'status' | 'state'
  state: (record: S) => string
  fixedColumn: 'ticket_id' | 'number'
  fixed: (record: S) => string | number
}) {
  const data = (record: S) => JSON.stringify(spec.schema.parse(record))
  /** Rows of this organisation; `rest` continues the where clause with parameters from $2. */
  const select = async (db: Queryable, organisationId: string, rest: string, params: unknown[] = []) => {
    const rows = await db.query<{ data: unknown }>(
      `select data from ${spec.table} where organisation_id = $1 ${rest}`,
      [organisationId, ...params],
    )
    return rows.map((row) => spec.schema.parse(json(row.data)))
  }
  return {
    select,
    /** False when the id is taken already: a repeated create, or one that ran at the same moment. */
    async insert(tx: Queryable, organisationId: string, record: S): Promise<boolean> {
      const rows = await tx.query(
        `insert into ${spec.table} (id, organisation_id, ${spec.fixedColumn}, ${spec.stateColumn}, updated_at, data)
         values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing returning 1`,
        [record.id, organisationId, spec.fixed(record), spec.state(record), record.updatedAt, data(record)],
      )
      return rows.length > 0
    },
    async save(tx: Queryable, record: S): Promise<void> {
      await tx.query(`update ${spec.table} set ${spec.stateColumn} = $2, updated_at = $3, data = $4 where id = $1`, [
        record.id,
        spec.state(record),
        record.updatedAt,
        data(record),
      ])
    },
    /** `lock` holds the row until the transaction ends, so concurrent edits apply one after another. */
    async find(db: Queryable, organisationId: string, id: string, lock = false): Promise<S | null> {
      return (await select(db, organisationId, `and id = $2${lock ? ' for update' : ''}`, [id]))[0] ?? null
    },
  }
}

/** A numbered record whose linked tickets live in a link table and are joined in on reading. */
function linkedRecordTable<S extends { id: string; updatedAt: string; number: number }, K extends string>(spec: {
  table: 'problems' | 'changes'
  schema: z.ZodType<S>
  stateColumn: 'status' | 'state'
  state: (record: S) => string
  linkTable: 'problem_incidents' | 'change_tickets'
  linkColumn: 'problem_id' | 'change_id'
  linksField: K
  /** SQL condition on a row for a record that needs nothing more done; lists show those last. */
  finished: string
}) {
  type Linked = S & Record<K, LinkedTicket[]>
  const rows = recordTable({ ...spec, fixedColumn: 'number', fixed: (record) => record.number })
  const withLinks = async (db: Queryable, stored: S[]): Promise<Linked[]> => {
    const links = await linkedTickets(
      db,
      spec.linkTable,
      spec.linkColumn,
      stored.map((record) => record.id),
    )
    return stored.map((record) => ({ ...record, [spec.linksField]: links.get(record.id) ?? [] }) as Linked)
  }
  return {
    insert: rows.insert,
    save: rows.save,
    async find(db: Queryable, organisationId: string, id: string, lock = false): Promise<Linked | null> {
      const found = await rows.find(db, organisationId, id, lock)
      return found ? ((await withLinks(db, [found]))[0] ?? null) : null
    },
    /** One page: those still open first, newest first within each. */
    async list(db: Queryable, organisationId: string): Promise<Linked[]> {
      const stored = await rows.select(db, organisationId, `order by (${spec.finished}), number desc limit $2`, [
        recordLimits.listPage,
      ])
      return withLinks(db, stored)
    },
    /** The records a ticket is linked to, newest first. */
    async linkedTo(db: Queryable, organisationId: string, ticketId: string): Promise<Linked[]> {
      const stored = await rows.select(
        db,
        organisationId,
        `and id in (select ${spec.linkColumn} from ${spec.linkTable} where ticket_id = $2) order by number desc`,
        [ticketId],
      )
      return withLinks(db, stored)
    },
  }
}

// ——— vendor cases ———

export const vendorCaseTable = recordTable({
  table: 'vendor_cases',
  schema: vendorCaseSchema,
  stateColumn: 'status',
  state: (vendorCase: VendorCase) => vendorCase.status,
  fixedColumn: 'ticket_id',
  fixed: (vendorCase) => vendorCase.ticketId,
})

export function vendorCasesOfTicket(db: Queryable, organisationId: string, ticketId: string): Promise<VendorCase[]> {
  return vendorCaseTable.select(db, organisationId, 'and ticket_id = $2 order by updated_at desc', [ticketId])
}

// ——— problems ———

export const problemTable = linkedRecordTable({
  table: 'problems',
  schema: problemSchema.omit({ incidents: true }),
  stateColumn: 'status',
  state: (problem) => problem.status,
  linkTable: 'problem_incidents',
  linkColumn: 'problem_id',
  linksField: 'incidents',
  finished: "status = 'resolved'",
})

export async function problemIdOfTicket(db: Queryable, ticketId: string): Promise<string | null> {
  const [row] = await db.query<{ problem_id: string }>(
    'select problem_id from problem_incidents where ticket_id = $1',
    [ticketId],
  )
  return row?.problem_id ?? null
}

export async function linkIncident(
  tx: Queryable,
  organisationId: string,
  problemId: string,
  ticketId: string,
  at: string,
): Promise<void> {
  await tx.query(
    `insert into problem_incidents (ticket_id, problem_id, organisation_id, linked_at) values ($1, $2, $3, $4)
     on conflict (ticket_id) do nothing`,
    [ticketId, problemId, organisationId, at],
  )
}

export async function unlinkIncident(tx: Queryable, problemId: string, ticketId: string): Promise<boolean> {
  const rows = await tx.query('delete from problem_incidents where problem_id = $1 and ticket_id = $2 returning 1', [
    problemId,
    ticketId,
  ])
  return rows.length > 0
}

// ——— changes ———

export const changeTable = linkedRecordTable({
  table: 'changes',
  schema: changeSchema.omit({ tickets: true }),
  stateColumn: 'state',
  state: (change) => change.state,
  linkTable: 'change_tickets',
  linkColumn: 'change_id',
  linksField: 'tickets',
  finished: "state in ('done', 'rejected', 'cancelled')",
})

export async function linkChangeTicket(
  tx: Queryable,
  organisationId: string,
  changeId: string,
  ticketId: string,
  at: string,
): Promise<void> {
  await tx.query(
    `insert into change_tickets (change_id, ticket_id, organisation_id, linked_at) values ($1, $2, $3, $4)
     on conflict (change_id, ticket_id) do nothing`,
    [changeId, ticketId, organisationId, at],
  )
}

export async function countLinks(
  db: Queryable,
  linkTable: 'problem_incidents' | 'change_tickets',
  column: 'problem_id' | 'change_id',
  id: string,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${linkTable} where ${column} = $1`, [id])
  return row?.n ?? 0
}

/** Tickets of this organisation among `ids`, with what a record shows of them. */
export async function ticketsOf(
  db: Queryable,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, LinkedTicket & { type: TicketType }>> {
  if (ids.length === 0) return new Map()
  const rows = await db.query<TicketRow & { type: string }>(
    `select id, number, status, data->>'subject' as subject, data->>'type' as type from tickets
     where organisation_id = $1 and id = any($2::uuid[])`,
    [organisationId, [...ids]],
  )
  return new Map(rows.map((row) => [row.id, { ...toLinked(row), type: ticketTypeSchema.parse(row.type) }]))
}
