import { timingSafeEqual } from 'node:crypto'
import type { Account } from '@shared/auth'
import { authenticate, bearerToken } from '../auth/service'
import { hashToken } from '../auth/tokens'
import type { Database } from '../storage/db'
import {
  findAccountParticipant,
  findEndUserParticipant,
  type ParticipantRecord,
  type SessionRecord,
} from './sessionStore'

export type Identity = { kind: 'end_user' } | { kind: 'account'; account: Account }

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** Who a bearer token stands for in this session: its end user's credential, or a signed-in account of its organisation. */
export async function identify(
  db: Database,
  session: SessionRecord,
  authorization: string | undefined,
): Promise<Identity | null> {
  const token = bearerToken(authorization)
  if (!token) return null
  if (sameHash(hashToken(token), session.endUserCredentialHash)) return { kind: 'end_user' }
  const account = await authenticate(db, token)
  return account && account.organisation.id === session.organisation.id ? { kind: 'account', account } : null
}

export function participantOf(
  db: Database,
  session: SessionRecord,
  identity: Identity,
): Promise<ParticipantRecord | null> {
  return identity.kind === 'end_user'
    ? findEndUserParticipant(db, session.id)
    : findAccountParticipant(db, session.id, identity.account.id)
}
