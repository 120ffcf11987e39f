import { z } from 'zod'
import { changeSchema, type Change } from '@shared/records/change'
import type { LinkedTicket } from '@shared/records/common'
import { problemSchema, type Problem } from '@shared/records/problem'
import { vendorCaseSchema, type VendorCase } from '@shared/records/vendorCase'
import { recordLimits } from '@shared/records/common'
import { ticketTypeSchema, type TicketType } from '@shared/tickets/classification'
import type { Queryable } from '../storage/db'

/** What a row keeps of a problem or change; the linked tickets come from the link tables. */
const storedProblemSchema = problemSchema.omit({ incidents: true })
const storedChangeSchema = changeSchema.omit({ tickets: true })
type StoredProblem = z.infer<typeof storedProblemSchema>
type StoredChange = z.infer<typeof storedChangeSchema>

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
export async function recordOwner(
  db: Queryable,
  table: 'vendor_cases' | 'problems' | 'changes',
  id: string,
): Promise<string | null> {
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

// ——— vendor cases ———

export async function insertVendorCase(tx: Queryable, organisationId: string, vendorCase: VendorCase): Promise<void> {
  await tx.query(
    `insert into vendor_cases (id, organisation_id, ticket_id, status, updated_at, data) values ($1, $2, $3, $4, $5, $6)`,
    [
      vendorCase.id,
      organisationId,
      vendorCase.ticketId,
      vendorCase.status,
      vendorCase.updatedAt,
      JSON.stringify(vendorCase),
    ],
  )
}

export async function saveVendorCase(tx: Queryable, vendorCase: VendorCase): Promise<void> {
  await tx.query('update vendor_cases set status = $2, updated_at = $3, data = $4 where id = $1', [
    vendorCase.id,
    vendorCase.status,
    vendorCase.updatedAt,
    JSON.stringify(vendorCase),
  ])
}

/** `lock` holds the row until the transaction ends, so concurrent log entries apply one after another. */
export async function findVendorCase(
  db: Queryable,
  organisationId: string,
  id: string,
  lock = false,
): Promise<VendorCase | null> {
  const [row] = await db.query<{ data: unknown }>(
    `select data from vendor_cases where organisation_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [organisationId, id],
  )
  return row ? vendorCaseSchema.parse(json(row.data)) : null
}

export async function vendorCasesOfTicket(db: Queryable, organisationId: string, ticketId: string) {
  const rows = await db.query<{ data: unknown }>(
    'select data from vendor_cases where organisation_id = $1 and ticket_id = $2 order by updated_at desc',
    [organisationId, ticketId],
  )
  return rows.map((row) => vendorCaseSchema.parse(json(row.data)))
}

// ——— problems ———

export async function insertProblem(tx: Queryable, organisationId: string, problem: StoredProblem): Promise<void> {
  await tx.query(
    `insert into problems (id, organisation_id, number, status, updated_at, data) values ($1, $2, $3, $4, $5, $6)`,
    [
      problem.id,
      organisationId,
      problem.number,
      problem.status,
      problem.updatedAt,
      JSON.stringify(storedProblemSchema.parse(problem)),
    ],
  )
}

export async function saveProblem(tx: Queryable, problem: StoredProblem): Promise<void> {
  await tx.query('update problems set status = $2, updated_at = $3, data = $4 where id = $1', [
    problem.id,
    problem.status,
    problem.updatedAt,
    JSON.stringify(storedProblemSchema.parse(problem)),
  ])
}

async function withIncidents(db: Queryable, rows: { data: unknown }[]): Promise<Problem[]> {
  const stored = rows.map((row) => storedProblemSchema.parse(json(row.data)))
  const links = await linkedTickets(
    db,
    'problem_incidents',
    'problem_id',
    stored.map((p) => p.id),
  )
  return stored.map((problem) => ({ ...problem, incidents: links.get(problem.id) ?? [] }))
}

export async function findProblem(
  db: Queryable,
  organisationId: string,
  id: string,
  lock = false,
): Promise<Problem | null> {
  const rows = await db.query<{ data: unknown }>(
    `select data from problems where organisation_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [organisationId, id],
  )
  return (await withIncidents(db, rows))[0] ?? null
}

/** Unresolved problems first, newest first within each, one page. */
export async function listProblems(db: Queryable, organisationId: string): Promise<Problem[]> {
  const rows = await db.query<{ data: unknown }>(
    `select data from problems where organisation_id = $1
     order by (status = 'resolved'), number desc limit $2`,
    [organisationId, recordLimits.listPage],
  )
  return withIncidents(db, rows)
}

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

export async function insertChange(tx: Queryable, organisationId: string, change: StoredChange): Promise<void> {
  await tx.query(
    `insert into changes (id, organisation_id, number, state, updated_at, data) values ($1, $2, $3, $4, $5, $6)`,
    [
      change.id,
      organisationId,
      change.number,
      change.state,
      change.updatedAt,
      JSON.stringify(storedChangeSchema.parse(change)),
    ],
  )
}

export async function saveChange(tx: Queryable, change: StoredChange): Promise<void> {
  await tx.query('update changes set state = $2, updated_at = $3, data = $4 where id = $1', [
    change.id,
    change.state,
    change.updatedAt,
    JSON.stringify(storedChangeSchema.parse(change)),
  ])
}

async function withTickets(db: Queryable, rows: { data: unknown }[]): Promise<Change[]> {
  const stored = rows.map((row) => storedChangeSchema.parse(json(row.data)))
  const links = await linkedTickets(
    db,
    'change_tickets',
    'change_id',
    stored.map((c) => c.id),
  )
  return stored.map((change) => ({ ...change, tickets: links.get(change.id) ?? [] }))
}

export async function findChange(db: Queryable, organisationId: string, id: string, lock = false) {
  const rows = await db.query<{ data: unknown }>(
    `select data from changes where organisation_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [organisationId, id],
  )
  return (await withTickets(db, rows))[0] ?? null
}

/** Changes still to do first, newest first within each, one page. */
export async function listChanges(db: Queryable, organisationId: string): Promise<Change[]> {
  const rows = await db.query<{ data: unknown }>(
    `select data from changes where organisation_id = $1
     order by (state in ('done', 'rejected', 'cancelled')), number desc limit $2`,
    [organisationId, recordLimits.listPage],
  )
  return withTickets(db, rows)
}

export async function changesOfTicket(db: Queryable, organisationId: string, ticketId: string): Promise<Change[]> {
  const rows = await db.query<{ data: unknown }>(
    `select c.data from changes c join change_tickets l on l.change_id = c.id
     where c.organisation_id = $1 and l.ticket_id = $2 order by c.number desc`,
    [organisationId, ticketId],
  )
  return withTickets(db, rows)
}

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
