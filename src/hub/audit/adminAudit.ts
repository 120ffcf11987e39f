import type { Account } from '@shared/auth'
import type { AuditEntry, AuditPage, AuditQuery, AuditTargetKind } from '@shared/admin/audit'
import type { Queryable } from '../storage/db'

/**
 * Who did it: an account (admins for changes; agents and specialists whose remote access a contract
 * refused), or with `id: null` someone without an account, such as an end user redeeming a code.
 */
export type AdminActor = Pick<Account, 'displayName'> & { id: string | null; organisation: { id: string } }

export interface AdminAction {
  action: string
  target: { kind: AuditTargetKind; id: string | null; name: string | null }
  details?: Record<string, unknown>
}

/**
 * Records one admin action. Call it inside the transaction that makes the change (pass the `tx`),
 * so the entry commits with the change or not at all. Details must never hold secrets (password
 * hashes, tokens, invitation links).
 */
export async function recordAdminAction(tx: Queryable, actor: AdminActor | null, entry: AdminAction): Promise<void> {
  if (!actor) throw new Error('an admin action needs its actor')
  await tx.query(
    `insert into admin_audit (organisation_id, actor_id, actor_name, action, target_kind, target_id, target_name, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      actor.organisation.id,
      actor.id,
      actor.displayName,
      entry.action,
      entry.target.kind,
      entry.target.id,
      entry.target.name,
      JSON.stringify(entry.details ?? {}),
    ],
  )
}

interface AuditRow {
  seq: string | number
  at: Date | string
  actor_id: string | null
  actor_name: string
  action: string
  target_kind: AuditTargetKind
  target_id: string | null
  target_name: string | null
  details: unknown
}

/** One page of an organisation's admin audit log, newest first, filtered as asked. */
export async function listAdminActions(db: Queryable, organisationId: string, query: AuditQuery): Promise<AuditPage> {
  const where = ['organisation_id = $1']
  const params: unknown[] = [organisationId]
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value)
    where.push(clause(params.length))
  }
  if (query.action) {
    if (query.action.includes('.')) add((n) => `action = $${n}`, query.action)
    else add((n) => `action like $${n}`, `${query.action}.%`)
  }
  if (query.targetKind) add((n) => `target_kind = $${n}`, query.targetKind)
  if (query.actorId) add((n) => `actor_id = $${n}`, query.actorId)
  if (query.before) add((n) => `seq < $${n}`, query.before)
  params.push(query.limit + 1)
  const rows = await db.query<AuditRow>(
    `select seq, at, actor_id, actor_name, action, target_kind, target_id, target_name, details
       from admin_audit where ${where.join(' and ')} order by seq desc limit $${params.length}`,
    params,
  )
  const entries: AuditEntry[] = rows.slice(0, query.limit).map((row) => ({
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actor: { id: row.actor_id, name: row.actor_name },
    action: row.action,
    target: { kind: row.target_kind, id: row.target_id, name: row.target_name },
    details: (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>,
  }))
  return { entries, hasMore: rows.length > query.limit }
}
