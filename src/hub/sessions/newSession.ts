import { randomUUID } from 'node:crypto'
import { newSessionToken } from '../auth/tokens'
import type { Queryable } from '../storage/db'
import { appendAudit, type AuditEntry } from './audit'
import { insertSession, type NewSession } from './sessionStore'

export interface CreatedSession {
  sessionId: string
  endUserParticipantId: string
  /** Shown to Get Help once; only its hash is stored. */
  credential: string
}

/** Creates a session with its end-user participant and first audit entry, in the caller's transaction. */
export async function createSession(
  tx: Queryable,
  input: Omit<NewSession, 'id' | 'endUserCredentialHash'>,
  firstEntry: (endUser: { id: string; displayName: string }) => AuditEntry,
  now: Date,
): Promise<CreatedSession> {
  const sessionId = randomUUID()
  const endUserParticipantId = randomUUID()
  const { token: credential, tokenHash } = newSessionToken()
  await insertSession(tx, { ...input, id: sessionId, endUserCredentialHash: tokenHash }, endUserParticipantId)
  await appendAudit(tx, sessionId, now, [firstEntry({ id: endUserParticipantId, displayName: input.requesterName })])
  return { sessionId, endUserParticipantId, credential }
}
