import type {
  ConsentMessage,
  EndReason,
  Participant,
  ParticipantRole,
  Permission,
  SessionErrorCode,
  SessionState,
  SessionStatus,
} from '@shared/session/protocol'
import type { AuditActor, AuditEntry } from './audit'

export interface Member {
  id: string
  role: ParticipantRole
  displayName: string
  /** Null for the end user, who has no account. */
  accountId: string | null
  permissions: Set<Permission>
  connected: boolean
  /**
   * A specialist who joined from the web Console: view and chat only, control never. An end user in
   * Get Help for the browser: their screen can be seen, not controlled.
   */
  viewOnly?: boolean
}

interface Invitation {
  id: string
  accountId: string
  displayName: string
  invitedBy: string
  approved: boolean
}

export type Outcome =
  { ok: true; audit: AuditEntry[]; end?: EndReason } | { ok: false; error: SessionErrorCode; message: string }

const webOnlyMessage = (member: Member) =>
  `${member.displayName} joined from the web Console, which can see and chat but not control; control needs the desktop Console.`

const done = (...audit: AuditEntry[]): Outcome => ({ ok: true, audit })
const refuse = (error: SessionErrorCode, message: string): Outcome => ({ ok: false, error, message })

/**
 * The rules of one session room, without sockets or storage, so every rule is testable on its
 * own. Invariants: only staff hold permissions; every permission comes from the end user; the
 * control token is held by at most one participant, and only by one with the control
 * permission; a revoke or a leave takes the token away in the same step.
 */
export class RoomState {
  readonly members = new Map<string, Member>()
  controlHolder: string | null = null
  paused = false
  handover: { from: string; to: string } | null = null
  permissionRequests: Array<{ participantId: string; permission: Permission }> = []
  private readonly invitations = new Map<string, Invitation>()

  constructor(
    public session: {
      id: string
      ticketId: string | null
      ticketNumber?: number | null
      status: Exclude<SessionStatus, 'ended'>
    },
  ) {}

  /** Which role an account may join with, or why it may not. */
  admit(
    account: { id: string; role: string },
    agentAccountId: string | null,
  ): { ok: true; role: 'agent' | 'specialist' } | { ok: false; error: SessionErrorCode; message: string } {
    const present = [...this.members.values()].find((member) => member.accountId === account.id)
    if (present && present.role !== 'end_user') return { ok: true, role: present.role }
    if (this.session.status === 'waiting') {
      return {
        ok: false,
        error: 'forbidden',
        message: 'This request has not been accepted yet; accept it from the queue first.',
      }
    }
    if (account.id === agentAccountId) return { ok: true, role: 'agent' }
    const invitation = [...this.invitations.values()].find((candidate) => candidate.accountId === account.id)
    if (invitation?.approved) return { ok: true, role: 'specialist' }
    if (invitation)
      return { ok: false, error: 'forbidden', message: 'The person being helped has not approved you joining yet.' }
    return { ok: false, error: 'forbidden', message: 'You are not part of this session. The agent can invite you.' }
  }

  /** Whether an account may join now: present as staff already (rejoining), or approved by the end user. */
  mayJoin(accountId: string): boolean {
    if ([...this.members.values()].some((m) => m.accountId === accountId && m.role !== 'end_user')) return true
    return [...this.invitations.values()].some((i) => i.accountId === accountId && i.approved)
  }

  /** Adds a participant, or puts a returning one back in its place. */
  join(member: Omit<Member, 'permissions' | 'connected'>): { member: Member; audit: AuditEntry[] } {
    const existing = this.members.get(member.id)
    if (existing) {
      existing.connected = true
      // Rejoining from the other Console changes what the participant can do.
      existing.viewOnly = member.viewOnly
      if (existing.viewOnly) this.dropControl(existing)
      return { member: existing, audit: [{ action: 'rejoined', actor: existing }] }
    }
    const joined: Member = { ...member, permissions: new Set(), connected: true }
    this.members.set(joined.id, joined)
    if (joined.accountId) {
      // An approved invitation admits its specialist once; after leaving they need a new one.
      for (const [id, invitation] of this.invitations)
        if (invitation.accountId === joined.accountId) this.invitations.delete(id)
    }
    return { member: joined, audit: [{ action: 'joined', actor: joined }] }
  }

  disconnect(member: Member): void {
    member.connected = false
  }

  leave(member: Member, reason: 'left' | 'connection_lost'): Outcome {
    this.members.delete(member.id)
    const audit: AuditEntry[] = [{ action: 'left', actor: member, detail: { reason } }]
    if (this.controlHolder === member.id) this.controlHolder = null
    if (this.handover && (this.handover.from === member.id || this.handover.to === member.id)) this.handover = null
    this.permissionRequests = this.permissionRequests.filter((request) => request.participantId !== member.id)
    if (member.role === 'end_user') return { ok: true, audit, end: 'end_user_left' }
    return { ok: true, audit }
  }

  invite(invitedBy: AuditActor, specialist: { accountId: string; displayName: string }, id: string): Outcome {
    if (this.session.status !== 'active') return refuse('forbidden', 'Specialists can join only a running session.')
    if ([...this.members.values()].some((member) => member.accountId === specialist.accountId)) {
      return refuse('forbidden', `${specialist.displayName} is already in this session.`)
    }
    for (const [key, invitation] of this.invitations)
      if (invitation.accountId === specialist.accountId) this.invitations.delete(key)
    this.invitations.set(id, { id, ...specialist, invitedBy: invitedBy.displayName, approved: false })
    return done({
      action: 'specialist_invited',
      actor: invitedBy,
      detail: { invitationId: id, specialistAccountId: specialist.accountId, specialistName: specialist.displayName },
    })
  }

  consent(actor: Member, message: ConsentMessage): Outcome {
    if (actor.role !== 'end_user')
      return refuse('forbidden', 'Only the person being helped can give or take back consent.')
    switch (message.action) {
      case 'grant_view':
      case 'grant_control':
      case 'revoke_view':
      case 'revoke_control': {
        const target = this.members.get(message.participantId)
        if (!target || target.role === 'end_user')
          return refuse('unknown_participant', `No agent or specialist ${message.participantId} in this session.`)
        if (message.action === 'grant_control' && target.viewOnly) return refuse('forbidden', webOnlyMessage(target))
        return message.action.startsWith('grant')
          ? this.grant(actor, target, message.action === 'grant_view' ? 'view' : 'control')
          : this.revoke(actor, target, message.action === 'revoke_view' ? 'view' : 'control')
      }
      case 'approve_join':
      case 'deny_join': {
        const invitation = this.invitations.get(message.invitationId)
        if (!invitation || invitation.approved) return refuse('not_found', 'There is no open invitation with this id.')
        const detail = {
          invitationId: invitation.id,
          specialistAccountId: invitation.accountId,
          specialistName: invitation.displayName,
        }
        if (message.action === 'deny_join') {
          this.invitations.delete(invitation.id)
          return done({ action: 'join_denied', actor, detail })
        }
        if (message.displayName !== invitation.displayName) {
          return refuse(
            'bad_message',
            `The invited specialist is ${invitation.displayName}, not ${message.displayName}; nothing was approved.`,
          )
        }
        invitation.approved = true
        return done({ action: 'join_approved', actor, detail })
      }
      case 'approve_handover':
      case 'deny_handover': {
        const handover = this.handover
        if (!handover || handover.to !== message.to)
          return refuse('not_found', 'There is no hand-over of control waiting for this participant.')
        this.handover = null
        const from = this.members.get(handover.from)
        const to = this.members.get(handover.to)
        if (!from || !to) return refuse('not_found', 'The participants of this hand-over have left.')
        if (to.viewOnly && message.action === 'approve_handover') return refuse('forbidden', webOnlyMessage(to))
        if (message.action === 'deny_handover')
          return done({ action: 'handover_denied', actor, subject: to, detail: { from: from.displayName } })
        to.permissions.add('view').add('control')
        this.controlHolder = to.id
        this.dropRequests(to.id, ['view', 'control'])
        return done({
          action: 'handover_approved',
          actor,
          subject: to,
          detail: { from: from.displayName, fromParticipantId: from.id },
        })
      }
      case 'pause':
      case 'resume': {
        const pause = message.action === 'pause'
        if (this.paused === pause) return done()
        this.paused = pause
        return done({ action: pause ? 'paused' : 'resumed', actor })
      }
      case 'stop':
        return { ok: true, audit: [{ action: 'stopped', actor }], end: 'stopped' }
    }
  }

  requestPermission(actor: Member, permission: Permission): Outcome {
    if (actor.role === 'end_user') return refuse('forbidden', 'Only an agent or specialist asks for permissions.')
    if (actor.permissions.has(permission)) return done()
    if (permission === 'control' && actor.viewOnly) return refuse('forbidden', webOnlyMessage(actor))
    const endUser = [...this.members.values()].find((member) => member.role === 'end_user')
    if (permission === 'control' && endUser?.viewOnly) {
      return refuse(
        'forbidden',
        `${endUser.displayName} uses Get Help in a browser, which can share the screen but cannot be controlled.`,
      )
    }
    if (this.permissionRequests.some((r) => r.participantId === actor.id && r.permission === permission)) return done()
    this.permissionRequests.push({ participantId: actor.id, permission })
    return done({ action: 'permission_requested', actor, detail: { permission } })
  }

  requestControl(actor: Member): Outcome {
    if (actor.role === 'end_user')
      return refuse('forbidden', 'The person being helped does not need the control token.')
    if (actor.viewOnly) return refuse('forbidden', webOnlyMessage(actor))
    if (!actor.permissions.has('control'))
      return refuse('not_permitted', 'The person being helped has not allowed you to control their computer.')
    if (this.paused) return refuse('paused', 'The person being helped has paused the session.')
    if (this.controlHolder === actor.id) return done()
    const holder = this.controlHolder ? this.members.get(this.controlHolder) : undefined
    if (holder) return refuse('token_held', `${holder.displayName} has control; they can hand it over.`)
    this.controlHolder = actor.id
    return done({ action: 'control_taken', actor })
  }

  releaseControl(actor: Member): Outcome {
    if (this.controlHolder !== actor.id) return refuse('not_permitted', 'You do not hold control.')
    this.controlHolder = null
    if (this.handover?.from === actor.id) this.handover = null
    return done({ action: 'control_released', actor })
  }

  proposeHandover(actor: Member, to: string): Outcome {
    if (this.controlHolder !== actor.id)
      return refuse('not_permitted', 'Only the participant holding control can hand it over.')
    const target = this.members.get(to)
    if (!target || target.role === 'end_user' || target.id === actor.id) {
      return refuse('unknown_participant', 'Control can be handed only to another agent or specialist in this session.')
    }
    if (target.viewOnly) return refuse('forbidden', webOnlyMessage(target))
    this.handover = { from: actor.id, to: target.id }
    return done({ action: 'handover_proposed', actor, subject: target })
  }

  /**
   * Whether a participant may have TURN credentials: only in a session an agent accepted, staff
   * once the user let them see the screen, the user once anyone may see it.
   */
  mayRelay(member: Member): boolean {
    if (this.session.status !== 'active') return false
    if (member.role !== 'end_user') return member.permissions.has('view')
    return [...this.members.values()].some((other) => other.role !== 'end_user' && other.permissions.has('view'))
  }

  /** Peers connect only to the end user, and only once the user has allowed that peer to see the screen. */
  checkSignal(from: Member, to: string): Outcome {
    const target = this.members.get(to)
    if (!target) return refuse('unknown_participant', `No participant ${to} in this session.`)
    if (target.id === from.id) return refuse('bad_message', 'A peer cannot signal itself.')
    const staff = from.role === 'end_user' ? target : target.role === 'end_user' ? from : null
    if (!staff) return refuse('forbidden', 'Peers connect only to the person being helped.')
    if (!staff.permissions.has('view'))
      return refuse('not_permitted', `The person being helped has not allowed ${staff.displayName} to see the screen.`)
    return done()
  }

  snapshot(): SessionState {
    const participants: Participant[] = [...this.members.values()].map((member) => ({
      id: member.id,
      role: member.role,
      displayName: member.displayName,
      permissions: [...member.permissions],
      connected: member.connected,
      ...(member.viewOnly ? { viewOnly: true } : {}),
    }))
    const to = this.handover ? this.members.get(this.handover.to) : undefined
    return {
      type: 'state',
      session: { ...this.session, paused: this.paused },
      participants,
      controlHolder: this.controlHolder,
      invitations: [...this.invitations.values()]
        .filter((invitation) => !invitation.approved)
        .map(({ id, displayName, invitedBy }) => ({ id, displayName, invitedBy })),
      handover: this.handover && to ? { ...this.handover, toName: to.displayName } : null,
      permissionRequests: [...this.permissionRequests],
    }
  }

  private grant(actor: Member, target: Member, permission: Permission): Outcome {
    const audit: AuditEntry[] = []
    // Control without seeing the screen is meaningless, so granting control grants view too.
    for (const p of permission === 'control' ? (['view', 'control'] as const) : (['view'] as const)) {
      if (target.permissions.has(p)) continue
      target.permissions.add(p)
      audit.push({ action: p === 'view' ? 'view_granted' : 'control_granted', actor, subject: target })
    }
    this.dropRequests(target.id, permission === 'control' ? ['view', 'control'] : ['view'])
    return done(...audit)
  }

  private revoke(actor: Member, target: Member, permission: Permission): Outcome {
    const audit: AuditEntry[] = []
    for (const p of permission === 'view' ? (['control', 'view'] as const) : (['control'] as const)) {
      if (!target.permissions.delete(p)) continue
      audit.push({ action: p === 'view' ? 'view_revoked' : 'control_revoked', actor, subject: target })
    }
    // Refusing a pending request is the same gesture as revoking.
    this.dropRequests(target.id, permission === 'view' ? ['view', 'control'] : ['control'])
    if (this.controlHolder === target.id && !target.permissions.has('control')) this.controlHolder = null
    if (this.handover?.to === target.id) this.handover = null
    return done(...audit)
  }

  /** A participant who may not control loses the permission, the token and any hand-over to them. */
  private dropControl(member: Member): void {
    member.permissions.delete('control')
    if (this.controlHolder === member.id) this.controlHolder = null
    if (this.handover?.to === member.id) this.handover = null
    this.dropRequests(member.id, ['control'])
  }

  private dropRequests(participantId: string, permissions: Permission[]): void {
    this.permissionRequests = this.permissionRequests.filter(
      (request) => request.participantId !== participantId || !permissions.includes(request.permission),
    )
  }
}
