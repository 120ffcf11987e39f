import type { SessionSummary } from '@shared/session/api'
import { sessionChatLimit, timelineEventSchema, type TimelineEvent } from '@shared/tickets/events'
import type { Queryable } from '../storage/db'
import { appendEvents, findTicket, lockOrganisation } from '../tickets/repository'

/** Event ids derive from the session, so a second attempt finds the first one's events. */
export const summaryEventId = (sessionId: string) => `session:${sessionId}:summary`
export const chatEventId = (sessionId: string) => `session:${sessionId}:chat`

/** The timeline events for an ended session: its summary, and its chat when anything was said. */
export function sessionTimelineEvents(summary: SessionSummary, ticketId: string): TimelineEvent[] {
  const at = summary.endedAt
  const permissions = (['view', 'control'] as const).filter((p) => summary.permissions.some((g) => g.permission === p))
  const connection =
    summary.connections.length === 0
      ? 'unknown'
      : summary.connections.some((c) => c.candidateType === 'relay')
        ? 'relay'
        : 'direct'
  const events: unknown[] = [
    {
      id: summaryEventId(summary.sessionId),
      ticketId,
      type: 'session_summary',
      author: { kind: 'system' },
      at,
      payload: {
        sessionId: summary.sessionId,
        startedAt: summary.startedAt ?? summary.acceptedAt ?? summary.requestedAt ?? at,
        endedAt: at,
        participants: summary.participants.map((p) => ({
          name: p.displayName,
          role: p.role,
          joinedAt: p.joinedAt,
          leftAt: p.leftAt,
        })),
        permissions,
        connection,
        durationSeconds: summary.durationSeconds,
        endReason: summary.endReason,
        grants: summary.permissions.slice(0, 200).map((p) => ({
          name: p.displayName,
          permission: p.permission,
          grantedAt: p.grantedAt,
          revokedAt: p.revokedAt,
        })),
        controlHandovers: summary.controlHandovers.slice(0, 200),
        connections: summary.connections
          .slice(0, 50)
          .map((c) => ({ from: c.from, to: c.to, candidateType: c.candidateType })),
      },
    },
  ]
  if (summary.chat.length > 0) {
    events.push({
      id: chatEventId(summary.sessionId),
      ticketId,
      type: 'session_chat',
      author: { kind: 'system' },
      at,
      payload: {
        sessionId: summary.sessionId,
        messages: summary.chat.slice(0, sessionChatLimit).map((m) => ({ ...m, from: m.from || '?' })),
        omitted: Math.max(0, summary.chat.length - sessionChatLimit),
      },
    })
  }
  // Parsed like any stored event: what the Consoles receive must be what the schema allows.
  return events.map((event) => timelineEventSchema.parse(event))
}

/**
 * Appends an ended session's summary and chat to its ticket, in the caller's transaction, through
 * the same change numbers the sync uses so every Console pulls them. Returns false when there is
 * nothing to add: no ticket on the hub, or the events are there already (a repeated end).
 */
export async function appendSessionToTicket(
  tx: Queryable,
  organisationId: string,
  summary: SessionSummary,
): Promise<boolean> {
  const ticketId = summary.ticketId
  if (!ticketId) return false
  await lockOrganisation(tx, organisationId)
  const ticket = await findTicket(tx, organisationId, ticketId)
  if (!ticket) return false
  const [existing] = await tx.query<{ id: string }>('select id from ticket_events where ticket_id = $1 and id = $2', [
    ticketId,
    summaryEventId(summary.sessionId),
  ])
  if (existing) return false
  await appendEvents(tx, organisationId, ticket, sessionTimelineEvents(summary, ticketId))
  return true
}
