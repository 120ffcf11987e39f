import { timelineEventSchema, type TimelineEvent } from '@shared/tickets/events'
import { ticketSchema, type Ticket } from '@shared/tickets/model'
import type { Queryable } from '../storage/db'

/** Rows are parsed on the way out too: stored data is a boundary like any other. */
const toTicket = (data: unknown): Ticket => ticketSchema.parse(typeof data === 'string' ? JSON.parse(data) : data)
const toEvent = (data: unknown): TimelineEvent =>
  timelineEventSchema.parse(typeof data === 'string' ? JSON.parse(data) : data)

/** Serialises writers per organisation until commit, so change numbers are committed in order. */
export async function lockOrganisation(tx: Queryable, organisationId: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [organisationId])
}

export async function nextChangeSeq(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ seq: string | number }>("select nextval('change_seq') as seq")
  return Number(row!.seq)
}

export async function nextTicketNumber(tx: Queryable, organisationId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `insert into ticket_counters (organisation_id, last_number) values ($1, 1)
     on conflict (organisation_id) do update set last_number = ticket_counters.last_number + 1
     returning last_number as n`,
    [organisationId],
  )
  return row!.n
}

export async function findTicket(db: Queryable, organisationId: string, id: string): Promise<Ticket | null> {
  const [row] = await db.query<{ data: unknown }>('select data from tickets where organisation_id = $1 and id = $2', [
    organisationId,
    id,
  ])
  return row ? toTicket(row.data) : null
}

/** Is this id taken by a ticket of another organisation? Then the command must not touch it. */
export async function ticketBelongsElsewhere(db: Queryable, organisationId: string, id: string): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from tickets where id = $1 and organisation_id <> $2',
    [id, organisationId],
  )
  return (row?.n ?? 0) > 0
}

export async function saveTicket(tx: Queryable, organisationId: string, ticket: Ticket, seq: number): Promise<void> {
  await tx.query(
    `insert into tickets (id, organisation_id, number, version, status, priority, level, assignee_id, change_seq, data)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (id) do update set version = excluded.version, status = excluded.status,
       priority = excluded.priority, level = excluded.level, assignee_id = excluded.assignee_id,
       change_seq = excluded.change_seq, data = excluded.data`,
    [
      ticket.id,
      organisationId,
      ticket.number,
      ticket.version,
      ticket.status,
      ticket.priority,
      ticket.level,
      ticket.assignee?.id ?? null,
      seq,
      JSON.stringify(ticket),
    ],
  )
}

export async function insertEvents(
  tx: Queryable,
  organisationId: string,
  events: TimelineEvent[],
  seq: number,
): Promise<void> {
  for (const event of events) {
    await tx.query(
      `insert into ticket_events (ticket_id, id, organisation_id, change_seq, at, data)
       values ($1, $2, $3, $4, $5, $6)`,
      [event.ticketId, event.id, organisationId, seq, event.at, JSON.stringify(event)],
    )
  }
}

/**
 * Adds events to a ticket that itself stays as it is (diagnostics, a session's summary): the ticket
 * is saved under a new change number so the sync's cursor covers the events. Call under the
 * organisation's lock.
 */
export async function appendEvents(
  tx: Queryable,
  organisationId: string,
  ticket: Ticket,
  events: TimelineEvent[],
): Promise<void> {
  const seq = await nextChangeSeq(tx)
  await saveTicket(tx, organisationId, ticket, seq)
  await insertEvents(tx, organisationId, events, seq)
}

export async function listEvents(db: Queryable, organisationId: string, ticketId: string): Promise<TimelineEvent[]> {
  const rows = await db.query<{ data: unknown }>(
    'select data from ticket_events where organisation_id = $1 and ticket_id = $2 order by change_seq, id',
    [organisationId, ticketId],
  )
  return rows.map((row) => toEvent(row.data))
}

export interface AppliedCommand {
  ticketId: string
  ticketVersion: number
}

export async function findAppliedCommand(
  db: Queryable,
  commandId: string,
): Promise<(AppliedCommand & { organisationId: string }) | null> {
  const [row] = await db.query<{ ticket_id: string; ticket_version: number; organisation_id: string }>(
    'select ticket_id, ticket_version, organisation_id from applied_commands where command_id = $1',
    [commandId],
  )
  return row
    ? { ticketId: row.ticket_id, ticketVersion: row.ticket_version, organisationId: row.organisation_id }
    : null
}

export async function recordAppliedCommand(
  tx: Queryable,
  input: {
    commandId: string
    organisationId: string
    ticketId: string
    accountId: string
    type: string
    ticketVersion: number
    deviceTime: string
  },
): Promise<void> {
  await tx.query(
    `insert into applied_commands (command_id, organisation_id, ticket_id, account_id, type, ticket_version, device_time)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      input.commandId,
      input.organisationId,
      input.ticketId,
      input.accountId,
      input.type,
      input.ticketVersion,
      input.deviceTime,
    ],
  )
}

export async function currentCursor(db: Queryable, organisationId: string): Promise<number> {
  const [row] = await db.query<{ seq: string | number | null }>(
    'select max(change_seq) as seq from tickets where organisation_id = $1',
    [organisationId],
  )
  return Number(row?.seq ?? 0)
}

/**
 * Tickets and events changed after `after`, oldest change first. A full page ends at its last
 * ticket's change number; the next pull continues from there, so nothing is skipped or repeated.
 */
export async function changesAfter(
  db: Queryable,
  organisationId: string,
  after: number,
  limit: number,
): Promise<{ tickets: Ticket[]; events: TimelineEvent[]; cursor: number; hasMore: boolean }> {
  const ticketRows = await db.query<{ data: unknown; change_seq: string | number }>(
    `select data, change_seq from tickets where organisation_id = $1 and change_seq > $2
     order by change_seq limit $3`,
    [organisationId, after, limit + 1],
  )
  const hasMore = ticketRows.length > limit
  const page = ticketRows.slice(0, limit)
  const lastTicketSeq = page.length > 0 ? Number(page[page.length - 1]!.change_seq) : after
  const eventRows = await db.query<{ data: unknown; change_seq: string | number }>(
    hasMore
      ? `select data, change_seq from ticket_events where organisation_id = $1 and change_seq > $2 and change_seq <= $3
         order by change_seq, id`
      : `select data, change_seq from ticket_events where organisation_id = $1 and change_seq > $2 order by change_seq, id`,
    hasMore ? [organisationId, after, lastTicketSeq] : [organisationId, after],
  )
  const cursor = hasMore
    ? lastTicketSeq
    : Math.max(lastTicketSeq, ...eventRows.map((row) => Number(row.change_seq)), after)
  return {
    tickets: page.map((row) => toTicket(row.data)),
    events: eventRows.map((row) => toEvent(row.data)),
    cursor,
    hasMore,
  }
}
