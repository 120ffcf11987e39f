import type { Queryable } from '../storage/db'

export interface CodeRecord {
  id: string
  organisationId: string
  ticketId: string
  issuedBy: string
  expiresAt: Date
  usedAt: Date | null
  blockedAt: Date | null
}

interface CodeRow {
  id: string
  organisation_id: string
  ticket_id: string
  issued_by: string
  expires_at: Date | string
  used_at: Date | string | null
  blocked_at: Date | string | null
}

const toRecord = (row: CodeRow): CodeRecord => ({
  id: row.id,
  organisationId: row.organisation_id,
  ticketId: row.ticket_id,
  issuedBy: row.issued_by,
  expiresAt: new Date(row.expires_at),
  usedAt: row.used_at === null ? null : new Date(row.used_at),
  blockedAt: row.blocked_at === null ? null : new Date(row.blocked_at),
})

const live = 'used_at is null and blocked_at is null and expires_at > $1'

export async function insertCode(
  db: Queryable,
  code: {
    id: string
    codeHash: string
    organisationId: string
    ticketId: string
    issuedBy: string
    issuedAt: Date
    expiresAt: Date
  },
): Promise<void> {
  await db.query(
    `insert into remote_session_codes (id, code_hash, organisation_id, ticket_id, issued_by, issued_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      code.id,
      code.codeHash,
      code.organisationId,
      code.ticketId,
      code.issuedBy,
      code.issuedAt.toISOString(),
      code.expiresAt.toISOString(),
    ],
  )
}

export async function isLiveCode(db: Queryable, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db.query(`select 1 from remote_session_codes where ${live} and code_hash = $2`, [
    now.toISOString(),
    codeHash,
  ])
  return rows.length > 0
}

/** Marks the live code with this hash used and returns it; the row lock lets only one redeemer win. */
export async function claimCode(db: Queryable, codeHash: string, now: Date): Promise<CodeRecord | null> {
  const [row] = await db.query<CodeRow>(
    `update remote_session_codes set used_at = $1 where ${live} and code_hash = $2 returning *`,
    [now.toISOString(), codeHash],
  )
  return row ? toRecord(row) : null
}

/** The newest code with this hash in any state, to say why it no longer works. */
export async function latestCode(db: Queryable, codeHash: string): Promise<CodeRecord | null> {
  const [row] = await db.query<CodeRow>(
    'select * from remote_session_codes where code_hash = $1 order by issued_at desc, id limit 1',
    [codeHash],
  )
  return row ? toRecord(row) : null
}

export async function linkCodeToSession(db: Queryable, codeId: string, sessionId: string): Promise<void> {
  await db.query('update remote_session_codes set session_id = $2 where id = $1', [codeId, sessionId])
}

/** Counts a near miss against the live codes among these hashes and blocks those that reached the limit. */
export async function countNearMiss(db: Queryable, codeHashes: string[], now: Date, limit: number): Promise<void> {
  await db.query(
    `update remote_session_codes
     set near_misses = near_misses + 1,
         blocked_at = case when near_misses + 1 >= $2 then $1::timestamptz else blocked_at end
     where ${live} and code_hash = any($3::text[])`,
    [now.toISOString(), limit, codeHashes],
  )
}
