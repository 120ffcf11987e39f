import type { ParticipantRole, SessionStatus } from '@shared/session/protocol'
import type { Queryable } from '../storage/db'

export interface SessionRecord {
  id: string
  organisation: { id: string; name: string }
  ticketId: string | null
  origin: 'request' | 'code'
  status: SessionStatus
  requesterName: string
  description: string | null
  endUserCredentialHash: string
  agent: { id: string; displayName: string } | null
  requestedAt: Date | null
  acceptedAt: Date | null
  startedAt: Date | null
  endedAt: Date | null
  summary: unknown
  /** The customer and device the session reaches, where known (from the enrolment or the ticket's links). */
  customerId: string | null
  deviceId: string | null
}

interface SessionRow {
  id: string
  organisation_id: string
  organisation_name: string
  ticket_id: string | null
  origin: 'request' | 'code'
  status: SessionStatus
  requester_name: string
  description: string | null
  end_user_credential_hash: string
  agent_account_id: string | null
  agent_name: string | null
  requested_at: Date | string | null
  accepted_at: Date | string | null
  started_at: Date | string | null
  ended_at: Date | string | null
  summary: unknown
  customer_id: string | null
  device_id: string | null
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value))

const selectSession = `select s.*, o.name as organisation_name, a.display_name as agent_name
  from remote_sessions s
  join organisations o on o.id = s.organisation_id
  left join accounts a on a.id = s.agent_account_id`

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    ticketId: row.ticket_id,
    origin: row.origin,
    status: row.status,
    requesterName: row.requester_name,
    description: row.description,
    endUserCredentialHash: row.end_user_credential_hash,
    agent: row.agent_account_id ? { id: row.agent_account_id, displayName: row.agent_name ?? '' } : null,
    requestedAt: date(row.requested_at),
    acceptedAt: date(row.accepted_at),
    startedAt: date(row.started_at),
    endedAt: date(row.ended_at),
    summary: row.summary,
    customerId: row.customer_id ?? null,
    deviceId: row.device_id ?? null,
  }
}

export interface NewSession {
  id: string
  organisationId: string
  ticketId: string | null
  origin: 'request' | 'code'
  status: 'waiting' | 'active'
  requesterName: string
  description: string | null
  endUserCredentialHash: string
  agentAccountId: string | null
  /** Get Help's idempotency key of the request that made it, if it sent one. */
  requestKey?: string | null
  /** The customer and device the session reaches, where known. */
  customerId?: string | null
  deviceId?: string | null
  requestedAt: Date | null
  startedAt: Date | null
}

/** Creates the session and its end-user participant together. */
export async function insertSession(db: Queryable, session: NewSession, endUserParticipantId: string): Promise<void> {
  await db.query(
    `insert into remote_sessions (id, organisation_id, ticket_id, origin, status, requester_name, description,
       end_user_credential_hash, agent_account_id, requested_at, started_at, request_key, customer_id, device_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      session.id,
      session.organisationId,
      session.ticketId,
      session.origin,
      session.status,
      session.requesterName,
      session.description,
      session.endUserCredentialHash,
      session.agentAccountId,
      session.requestedAt?.toISOString() ?? null,
      session.startedAt?.toISOString() ?? null,
      session.requestKey ?? null,
      session.customerId ?? null,
      session.deviceId ?? null,
    ],
  )
  await db.query(
    `insert into remote_session_participants (id, session_id, role, account_id, display_name) values ($1, $2, 'end_user', null, $3)`,
    [endUserParticipantId, session.id, session.requesterName],
  )
}

export async function findSession(db: Queryable, id: string): Promise<SessionRecord | null> {
  const [row] = await db.query<SessionRow>(`${selectSession} where s.id = $1`, [id])
  return row ? toRecord(row) : null
}

export async function listWaitingSessions(db: Queryable, organisationId: string): Promise<SessionRecord[]> {
  const rows = await db.query<SessionRow>(
    `${selectSession} where s.organisation_id = $1 and s.status = 'waiting' order by s.requested_at, s.id`,
    [organisationId],
  )
  return rows.map(toRecord)
}

/** The number of the session's ticket, or null while the ticket has not reached the hub. */
export async function ticketNumberOf(
  db: Queryable,
  organisationId: string,
  ticketId: string | null,
): Promise<number | null> {
  if (!ticketId) return null
  const [row] = await db.query<{ number: number }>(
    'select number from tickets where organisation_id = $1 and id = $2',
    [organisationId, ticketId],
  )
  return row ? Number(row.number) : null
}

/** Running sessions led by one agent, newest first. */
export async function listActiveSessionsOf(db: Queryable, agentAccountId: string): Promise<SessionRecord[]> {
  const rows = await db.query<SessionRow>(
    `${selectSession} where s.agent_account_id = $1 and s.status = 'active' order by s.started_at desc, s.id`,
    [agentAccountId],
  )
  return rows.map(toRecord)
}

/** Moves a waiting request to active; null when it was not waiting (already taken or ended). */
export async function acceptWaitingSession(
  db: Queryable,
  input: { id: string; organisationId: string; agentAccountId: string; ticketId: string; at: Date },
): Promise<boolean> {
  const rows = await db.query(
    `update remote_sessions set status = 'active', agent_account_id = $3, ticket_id = $4, accepted_at = $5, started_at = $5
     where id = $1 and organisation_id = $2 and status = 'waiting' returning id`,
    [input.id, input.organisationId, input.agentAccountId, input.ticketId, input.at.toISOString()],
  )
  return rows.length === 1
}

export async function endSession(
  db: Queryable,
  id: string,
  at: Date,
  reason: string,
  summary: unknown,
): Promise<boolean> {
  const rows = await db.query(
    `update remote_sessions set status = 'ended', ended_at = $2, end_reason = $3, summary = $4::jsonb
     where id = $1 and status <> 'ended' returning id`,
    [id, at.toISOString(), reason, JSON.stringify(summary)],
  )
  return rows.length === 1
}

export interface ParticipantRecord {
  id: string
  role: ParticipantRole
  accountId: string | null
  displayName: string
}

interface ParticipantRow {
  id: string
  role: ParticipantRole
  account_id: string | null
  display_name: string
}

const toParticipant = (row: ParticipantRow): ParticipantRecord => ({
  id: row.id,
  role: row.role,
  accountId: row.account_id,
  displayName: row.display_name,
})

export async function findEndUserParticipant(db: Queryable, sessionId: string): Promise<ParticipantRecord | null> {
  const [row] = await db.query<ParticipantRow>(
    `select * from remote_session_participants where session_id = $1 and role = 'end_user'`,
    [sessionId],
  )
  return row ? toParticipant(row) : null
}

export async function findAccountParticipant(
  db: Queryable,
  sessionId: string,
  accountId: string,
): Promise<ParticipantRecord | null> {
  const [row] = await db.query<ParticipantRow>(
    'select * from remote_session_participants where session_id = $1 and account_id = $2',
    [sessionId, accountId],
  )
  return row ? toParticipant(row) : null
}

/** The participant row for an account, created on its first join; its role is that of this join. */
export async function ensureAccountParticipant(
  db: Queryable,
  input: { id: string; sessionId: string; accountId: string; role: 'agent' | 'specialist'; displayName: string },
): Promise<ParticipantRecord> {
  await db.query(
    `insert into remote_session_participants (id, session_id, role, account_id, display_name)
     values ($1, $2, $3, $4, $5)
     on conflict (session_id, account_id) do update set role = excluded.role, display_name = excluded.display_name`,
    [input.id, input.sessionId, input.role, input.accountId, input.displayName],
  )
  const found = await findAccountParticipant(db, input.sessionId, input.accountId)
  if (!found) throw new Error('participant row vanished')
  return found
}

/** An active specialist account of the organisation, for invitations. */
export async function findSpecialist(
  db: Queryable,
  organisationId: string,
  accountId: string,
): Promise<{ id: string; displayName: string } | null> {
  const [row] = await db.query<{ id: string; display_name: string }>(
    `select id, display_name from accounts
     where id = $1 and organisation_id = $2 and role = 'specialist' and disabled_at is null`,
    [accountId, organisationId],
  )
  return row ? { id: row.id, displayName: row.display_name } : null
}

/** Records what the session reaches, copied from its ticket's links; a session that knows already keeps its own. */
export async function setSessionReach(
  db: Queryable,
  id: string,
  reach: { customerId: string; deviceId: string | null },
): Promise<void> {
  await db.query('update remote_sessions set customer_id = $2, device_id = $3 where id = $1 and customer_id is null', [
    id,
    reach.customerId,
    reach.deviceId,
  ])
}
