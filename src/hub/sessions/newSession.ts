import { randomUUID } from 'node:crypto'
import { hashToken, newSessionToken } from '../auth/tokens'
import type { Queryable } from '../storage/db'
import { appendAudit, type AuditEntry } from './audit'
import { insertSession, type NewSession } from './sessionStore'

export interface CreatedSession {
  sessionId: string
  endUserParticipantId: string
  /** Shown to Get Help once; only its hash is stored. */
  credential: string
}

/**
 * Creates a session with its end-user participant and first audit entry, in the caller's transaction.
 * The end user's credential is new and random unless the caller derived one (`derived`), as for a
 * keyed request that a retry must be able to answer again.
 */
export async function createSession(
  tx: Queryable,
  input: Omit<NewSession, 'id' | 'endUserCredentialHash'>,
  firstEntry: (endUser: { id: string; displayName: string }) => AuditEntry,
  now: Date,
  derived?: string,
): Promise<CreatedSession> {
  const credential = derived ?? newSessionToken().token
  const sessionId = randomUUID()
  const endUserParticipantId = randomUUID()
  await insertSession(
    tx,
    { ...input, id: sessionId, endUserCredentialHash: hashToken(credential) },
    endUserParticipantId,
  )
  await appendAudit(tx, sessionId, now, [firstEntry({ id: endUserParticipantId, displayName: input.requesterName })])
  return { sessionId, endUserParticipantId, credential }
}
