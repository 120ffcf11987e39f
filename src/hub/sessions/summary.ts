import type { SessionSummary } from '@shared/session/api'
import type { EndReason, Permission } from '@shared/session/protocol'
import type { AuditRecord } from './audit'
import type { ChatRecord } from './chatStore'
import type { SessionRecord } from './sessionStore'

const iso = (date: Date | null): string | null => date?.toISOString() ?? null

/** The summary for the ticket's timeline, derived from the audit log so both always agree. */
export function buildSummary(
  session: SessionRecord,
  audit: AuditRecord[],
  chat: ChatRecord[],
  endedAt: Date,
  endReason: EndReason,
): SessionSummary {
  const participants = new Map<string, SessionSummary['participants'][number]>()
  const permissions: SessionSummary['permissions'] = []
  const controlHandovers: SessionSummary['controlHandovers'] = []
  const connections = new Map<string, SessionSummary['connections'][number]>()

  const open = (participantId: string, displayName: string, permission: Permission, at: Date) => {
    if (
      !permissions.some((p) => p.participantId === participantId && p.permission === permission && p.revokedAt === null)
    ) {
      permissions.push({ participantId, displayName, permission, grantedAt: at.toISOString(), revokedAt: null })
    }
  }
  const close = (participantId: string, at: Date, permission?: Permission) => {
    for (const p of permissions) {
      if (p.participantId === participantId && p.revokedAt === null && (!permission || p.permission === permission))
        p.revokedAt = at.toISOString()
    }
  }

  for (const entry of audit) {
    const actor = entry.actor
    const subject = entry.subject
    switch (entry.action) {
      case 'joined':
      case 'rejoined':
        if (actor?.id) {
          const known = participants.get(actor.id)
          if (known) known.leftAt = null
          else
            participants.set(actor.id, {
              id: actor.id,
              role: actor.role,
              displayName: actor.displayName,
              joinedAt: entry.at.toISOString(),
              leftAt: null,
            })
        }
        break
      case 'left':
        if (actor?.id) {
          const known = participants.get(actor.id)
          if (known) known.leftAt = entry.at.toISOString()
          close(actor.id, entry.at)
        }
        break
      case 'view_granted':
      case 'control_granted':
        if (subject)
          open(subject.id, subject.displayName, entry.action === 'view_granted' ? 'view' : 'control', entry.at)
        break
      case 'view_revoked':
      case 'control_revoked':
        if (subject) close(subject.id, entry.at, entry.action === 'view_revoked' ? 'view' : 'control')
        break
      case 'handover_approved':
        if (subject) {
          open(subject.id, subject.displayName, 'view', entry.at)
          open(subject.id, subject.displayName, 'control', entry.at)
          controlHandovers.push({
            from: String(entry.detail?.from ?? ''),
            to: subject.displayName,
            at: entry.at.toISOString(),
          })
        }
        break
      case 'control_taken':
        if (actor) controlHandovers.push({ from: null, to: actor.displayName, at: entry.at.toISOString() })
        break
      case 'connection_reported':
        if (actor) {
          const to = String(entry.detail?.peerName ?? '')
          const candidateType = entry.detail?.candidateType
          const protocol = entry.detail?.protocol
          if (
            candidateType === 'host' ||
            candidateType === 'srflx' ||
            candidateType === 'prflx' ||
            candidateType === 'relay'
          ) {
            connections.set(`${actor.displayName}\u0000${to}`, {
              from: actor.displayName,
              to,
              candidateType,
              protocol: protocol === 'udp' || protocol === 'tcp' ? protocol : null,
            })
          }
        }
        break
      default:
        break
    }
  }
  for (const participant of participants.values()) participant.leftAt ??= endedAt.toISOString()
  for (const permission of permissions) permission.revokedAt ??= endedAt.toISOString()

  const startedAt = session.startedAt ?? session.requestedAt ?? endedAt
  const pickupSeconds =
    session.requestedAt && session.acceptedAt
      ? Math.round((session.acceptedAt.getTime() - session.requestedAt.getTime()) / 1000)
      : null
  return {
    sessionId: session.id,
    ticketId: session.ticketId,
    origin: session.origin,
    requestedAt: iso(session.requestedAt),
    acceptedAt: iso(session.acceptedAt),
    pickupSeconds,
    startedAt: iso(session.startedAt),
    endedAt: endedAt.toISOString(),
    durationSeconds: Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)),
    endReason,
    participants: [...participants.values()],
    permissions,
    controlHandovers,
    connections: [...connections.values()],
    chat: chat.map((message) => ({
      from: message.displayName,
      role: message.role,
      text: message.text,
      at: message.sentAt.toISOString(),
    })),
  }
}
