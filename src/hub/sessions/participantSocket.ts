import { randomUUID } from 'node:crypto'
import type { WebSocket } from 'ws'
import { sessionCloseCodes, type SessionClientMessage, type SessionErrorCode } from '@shared/session/protocol'
import { authenticate } from '../auth/service'
import { hashToken } from '../auth/tokens'
import { insertChat } from './chatStore'
import { clientKindOf } from './clientKind'
import { iceConfigFor } from './ice'
import { sameHash } from './identify'
import { send, sendError, type LiveRoom, type LiveRooms } from './liveRooms'
import type { Member } from './room'
import { contractAllows } from './roomGate'
import { ensureAccountParticipant, findSession } from './sessionStore'

export interface Joined {
  room: LiveRoom
  member: Member
  socket: WebSocket
}

type JoinMessage = Extract<SessionClientMessage, { type: 'join' }>
type RoomMessage = Exclude<SessionClientMessage, { type: 'join' }>

function refuseJoin(socket: WebSocket, error: SessionErrorCode, message: string, code: number): null {
  sendError(socket, error, message)
  socket.close(code, error)
  return null
}

/** Admits a socket into its session room, or refuses it with a reason and closes it. */
export async function joinRoom(rooms: LiveRooms, socket: WebSocket, message: JoinMessage): Promise<Joined | null> {
  const room = await rooms.room(message.sessionId)
  if (!room) {
    const record = await findSession(rooms.db, message.sessionId)
    return record
      ? refuseJoin(socket, 'session_ended', 'This session has ended.', sessionCloseCodes.ended)
      : refuseJoin(socket, 'not_found', 'There is no such session.', sessionCloseCodes.forbidden)
  }

  let account = null
  let client: 'desktop' | 'web' = 'web'
  if (message.auth.kind === 'end_user') {
    if (!sameHash(hashToken(message.auth.credential), room.record.endUserCredentialHash)) {
      return refuseJoin(
        socket,
        'unauthorized',
        'This Get Help credential does not belong to this session.',
        sessionCloseCodes.unauthorized,
      )
    }
  } else {
    account = await authenticate(rooms.db, message.auth.token)
    if (!account)
      return refuseJoin(
        socket,
        'unauthorized',
        'Sign in again: the session token is missing or expired.',
        sessionCloseCodes.unauthorized,
      )
    if (account.organisation.id !== room.record.organisation.id) {
      return refuseJoin(socket, 'not_found', 'There is no such session.', sessionCloseCodes.forbidden)
    }
    client = await clientKindOf(rooms.db, message.auth.token)
  }

  let joined: Joined | null = null
  await rooms.run(room, async () => {
    let identity: Omit<Member, 'permissions' | 'connected'>
    if (!account) {
      const viewOnly = message.auth.kind === 'end_user' && message.auth.viewOnly === true
      identity = { ...room.endUser, role: 'end_user', accountId: null, ...(viewOnly ? { viewOnly } : {}) }
    } else {
      const admitted = room.state.admit(account, room.record.agent?.id ?? null)
      if (!admitted.ok) return void refuseJoin(socket, admitted.error, admitted.message, sessionCloseCodes.forbidden)
      const returning = [...room.state.members.values()].some(
        (member) => member.accountId === account!.id && member.role !== 'end_user',
      )
      // Whoever comes in to see the device, agent or specialist, needs a contract that covers it now.
      const allowed =
        returning ||
        (await contractAllows(rooms, room, {
          step: 'join',
          action: 'view',
          actor: { accountId: account.id, participantId: null, role: admitted.role, displayName: account.displayName },
          socket,
        }))
      if (!allowed) return void socket.close(sessionCloseCodes.forbidden, 'contract_refused')
      const row = await ensureAccountParticipant(rooms.db, {
        id: randomUUID(),
        sessionId: room.record.id,
        accountId: account.id,
        role: admitted.role,
        displayName: account.displayName,
      })
      identity = {
        id: row.id,
        role: admitted.role,
        displayName: account.displayName,
        accountId: account.id,
        // Bound to the token when it was signed in, not taken from the join message.
        viewOnly: admitted.role === 'specialist' && client === 'web',
      }
    }
    const { member, audit } = room.state.join(identity)
    const previous = room.sockets.get(member.id)
    room.sockets.set(member.id, socket)
    if (message.auth.kind === 'account') room.tokens.set(member.id, hashToken(message.auth.token))
    else room.tokens.delete(member.id)
    if (previous && previous !== socket) previous.close(sessionCloseCodes.replaced, 'joined from another connection')
    rooms.stopGrace(room, member.id)
    rooms.touch(room)
    await rooms.audit(room, audit)
    // A rejoining participant whose permissions stand gets its relay with the welcome.
    const relay = room.state.mayRelay(member)
    if (relay) room.relayed.add(member.id)
    else room.relayed.delete(member.id)
    send(socket, {
      type: 'welcome',
      participantId: member.id,
      role: member.role,
      session: {
        id: room.record.id,
        ticketId: room.state.session.ticketId,
        organisation: { name: room.record.organisation.name },
        customerId: room.record.customerId,
      },
      iceServers: iceConfigFor(rooms.settings, member.id, rooms.now(), relay).iceServers,
    })
    rooms.broadcastState(room)
    joined = { room, member, socket }
  })
  if (room.ended && !joined)
    return refuseJoin(socket, 'session_ended', 'This session has ended.', sessionCloseCodes.ended)
  return joined
}

/** Applies one message from a joined participant, in order with every other change to its room. */
export function handleRoomMessage(rooms: LiveRooms, joined: Joined, message: RoomMessage): Promise<void> {
  const { room, member, socket } = joined
  return rooms.run(room, async () => {
    if (room.state.members.get(member.id) !== member || room.sockets.get(member.id) !== socket) {
      return sendError(socket, 'not_joined', 'You are no longer in this session; join again.')
    }
    // Queued like everything else, so a pong also confirms that earlier messages were handled.
    if (message.type === 'ping') return send(socket, { type: 'pong', at: message.at })
    rooms.touch(room)
    const control = controlStep(message)
    if (control) {
      const actor = {
        accountId: member.accountId,
        participantId: member.id,
        role: member.role,
        displayName: member.displayName,
      }
      if (!(await contractAllows(rooms, room, { step: control, action: 'control', actor, socket }))) return
    }
    switch (message.type) {
      case 'signal': {
        const outcome = room.state.checkSignal(member, message.to)
        if (!outcome.ok) return sendError(socket, outcome.error, outcome.message)
        const target = room.sockets.get(message.to)
        if (!target)
          return sendError(
            socket,
            'unknown_participant',
            'That participant is reconnecting; signal again once they are back.',
          )
        return send(target, { type: 'signal', from: member.id, data: message.data })
      }
      case 'consent':
        return void (await rooms.apply(room, room.state.consent(member, message), socket))
      case 'permission_request':
        return void (await rooms.apply(room, room.state.requestPermission(member, message.permission), socket))
      case 'control_request':
        return void (await rooms.apply(room, room.state.requestControl(member), socket))
      case 'control_release':
        return void (await rooms.apply(room, room.state.releaseControl(member), socket))
      case 'control_handover':
        return void (await rooms.apply(room, room.state.proposeHandover(member, message.to), socket))
      case 'chat': {
        const chat = {
          id: randomUUID(),
          participantId: member.id,
          displayName: member.displayName,
          role: member.role,
          text: message.text,
          sentAt: rooms.now(),
        }
        await insertChat(rooms.db, room.record.id, chat)
        const { participantId: from, sentAt, ...rest } = chat
        return rooms.broadcast(room, { type: 'chat', ...rest, from, at: sentAt.toISOString() })
      }
      case 'connection_report':
        return reportConnection(rooms, joined, message)
      case 'leave': {
        room.sockets.delete(member.id)
        await rooms.apply(room, room.state.leave(member, 'left'))
        return socket.close(sessionCloseCodes.left, 'left')
      }
    }
  })
}

/** The messages that would give someone control of the device, and so need a contract that allows it. */
function controlStep(message: RoomMessage): 'control_request' | 'control_grant' | 'control_take' | 'handover' | null {
  switch (message.type) {
    case 'permission_request':
      return message.permission === 'control' ? 'control_request' : null
    case 'control_request':
      return 'control_take'
    case 'control_handover':
      return 'handover'
    case 'consent':
      if (message.action === 'grant_control') return 'control_grant'
      return message.action === 'approve_handover' ? 'handover' : null
    default:
      return null
  }
}

async function reportConnection(
  rooms: LiveRooms,
  { room, member, socket }: Joined,
  message: Extract<RoomMessage, { type: 'connection_report' }>,
): Promise<void> {
  const peer = room.state.members.get(message.peer)
  if (!peer || peer.id === member.id)
    return sendError(socket, 'unknown_participant', `No participant ${message.peer} in this session.`)
  const key = `${member.id}:${peer.id}`
  const value = `${message.candidateType}/${message.protocol ?? ''}`
  if (room.connectionTypes.get(key) === value) return
  room.connectionTypes.set(key, value)
  await rooms.audit(room, [
    {
      action: 'connection_reported',
      actor: member,
      subject: peer,
      detail: { peerName: peer.displayName, candidateType: message.candidateType, protocol: message.protocol ?? null },
    },
  ])
}

/** A participant's socket closed without `leave`: it keeps its place for the grace period. */
export function socketClosed(rooms: LiveRooms, { room, member, socket }: Joined): Promise<void> {
  return rooms.run(room, async () => {
    if (room.sockets.get(member.id) !== socket) return
    room.sockets.delete(member.id)
    room.state.disconnect(member)
    rooms.broadcastState(room)
    rooms.startGrace(room, member.id)
  })
}
