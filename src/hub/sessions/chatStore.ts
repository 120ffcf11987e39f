import type { ParticipantRole } from '@shared/session/protocol'
import type { Queryable } from '../storage/db'

export interface ChatRecord {
  id: string
  participantId: string
  displayName: string
  role: ParticipantRole
  text: string
  sentAt: Date
}

export async function insertChat(db: Queryable, sessionId: string, chat: ChatRecord): Promise<void> {
  await db.query(
    `insert into remote_session_chat (id, session_id, participant_id, display_name, role, text, sent_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [chat.id, sessionId, chat.participantId, chat.displayName, chat.role, chat.text, chat.sentAt.toISOString()],
  )
}

export async function listChat(db: Queryable, sessionId: string): Promise<ChatRecord[]> {
  const rows = await db.query<{
    id: string
    participant_id: string
    display_name: string
    role: ParticipantRole
    text: string
    sent_at: Date | string
  }>('select * from remote_session_chat where session_id = $1 order by seq', [sessionId])
  return rows.map((row) => ({
    id: row.id,
    participantId: row.participant_id,
    displayName: row.display_name,
    role: row.role,
    text: row.text,
    sentAt: new Date(row.sent_at),
  }))
}
