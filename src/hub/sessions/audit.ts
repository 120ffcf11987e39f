import type { ParticipantRole } from '@shared/session/protocol'
import type { Queryable } from '../storage/db'

export const auditActions = [
  'requested',
  'accepted',
  'code_redeemed',
  'joined',
  'rejoined',
  'left',
  'permission_requested',
  'view_granted',
  'view_revoked',
  'control_granted',
  'control_revoked',
  'control_taken',
  'control_released',
  'handover_proposed',
  'handover_approved',
  'handover_denied',
  'specialist_invited',
  'join_approved',
  'join_denied',
  'paused',
  'resumed',
  'stopped',
  'connection_reported',
  /** A contract did not cover the step (joining, control, a hand-over); nothing changed. */
  'access_refused',
  'ended',
] as const
export type AuditAction = (typeof auditActions)[number]

/** Who did something: a participant, or an account acting over HTTP before it joined. */
export interface AuditActor {
  id: string | null
  role: ParticipantRole
  displayName: string
}

export interface AuditEntry {
  action: AuditAction
  actor: AuditActor | null
  subject?: { id: string; displayName: string }
  detail?: Record<string, string | number | boolean | null>
}

export interface AuditRecord extends AuditEntry {
  at: Date
}

interface AuditRow {
  at: Date | string
  actor_participant_id: string | null
  actor_role: ParticipantRole | null
  actor_name: string | null
  action: AuditAction
  subject_participant_id: string | null
  subject_name: string | null
  detail: Record<string, string | number | boolean | null>
}

/** Appends entries in order; the table refuses updates and deletes. */
export async function appendAudit(db: Queryable, sessionId: string, at: Date, entries: AuditEntry[]): Promise<void> {
  for (const entry of entries) {
    await db.query(
      `insert into remote_session_audit
         (session_id, at, actor_participant_id, actor_role, actor_name, action, subject_participant_id, subject_name, detail)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [
        sessionId,
        at.toISOString(),
        entry.actor?.id ?? null,
        entry.actor?.role ?? null,
        entry.actor?.displayName ?? null,
        entry.action,
        entry.subject?.id ?? null,
        entry.subject?.displayName ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    )
  }
}

export async function listAudit(db: Queryable, sessionId: string): Promise<AuditRecord[]> {
  const rows = await db.query<AuditRow>('select * from remote_session_audit where session_id = $1 order by id', [
    sessionId,
  ])
  return rows.map((row) => ({
    at: new Date(row.at),
    action: row.action,
    actor: row.actor_role
      ? { id: row.actor_participant_id, role: row.actor_role, displayName: row.actor_name ?? '' }
      : null,
    ...(row.subject_participant_id
      ? { subject: { id: row.subject_participant_id, displayName: row.subject_name ?? '' } }
      : {}),
    detail: row.detail,
  }))
}
