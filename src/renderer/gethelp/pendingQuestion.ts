import type { SessionState } from '@shared/session/protocol'

export type Pending =
  | { kind: 'handover'; to: string; from: string; toName: string }
  | { kind: 'invitation'; id: string; name: string; invitedBy: string }
  | { kind: 'control'; participantId: string; name: string }
  | { kind: 'view'; participantId: string; name: string }

/** The one question to put to the user now, most consequential first. */
export function pendingQuestion(state: SessionState, answered: readonly string[]): Pending | null {
  const name = (id: string) => state.participants.find((p) => p.id === id)?.displayName ?? '?'
  if (state.handover)
    return { kind: 'handover', to: state.handover.to, from: name(state.handover.from), toName: state.handover.toName }
  const [invitation] = state.invitations
  if (invitation) return { kind: 'invitation', ...invitation, name: invitation.displayName }
  const asked = (id: string, permission: 'view' | 'control') =>
    state.permissionRequests.some((r) => r.participantId === id && r.permission === permission)
  for (const p of state.participants) {
    if (p.role !== 'end_user' && !p.permissions.includes('control') && asked(p.id, 'control'))
      return { kind: 'control', participantId: p.id, name: p.displayName }
  }
  for (const p of state.participants) {
    if (p.role === 'end_user' || !p.connected || p.permissions.includes('view')) continue
    if (asked(p.id, 'view') || !answered.includes(p.id))
      return { kind: 'view', participantId: p.id, name: p.displayName }
  }
  return null
}
