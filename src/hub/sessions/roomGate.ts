import type { RemoteAction } from '@shared/people'
import type { ParticipantRole } from '@shared/session/protocol'
import type { WebSocket } from 'ws'
import { checkGate, reachOf, recordRefusal, type GateStep } from './contractGate'
import { send, type LiveRoom, type LiveRooms } from './liveRooms'

/**
 * The contract check for a step inside a running room (joining, control, a hand-over). Call inside
 * `rooms.run`, before the step changes anything. On a refusal the sender gets a `contract_refused`
 * error with the code and parameters to say it in its language, and the refusal is recorded.
 */
export async function contractAllows(
  rooms: LiveRooms,
  room: LiveRoom,
  input: {
    step: GateStep
    action: RemoteAction
    actor: { accountId: string | null; participantId: string | null; role: ParticipantRole; displayName: string }
    socket: WebSocket
  },
): Promise<boolean> {
  const organisationId = room.record.organisation.id
  const at = rooms.now()
  const reach = await reachOf(rooms.db, organisationId, {
    customerId: room.record.customerId,
    deviceId: room.record.deviceId,
    ticketId: room.state.session.ticketId,
  })
  const refused = await checkGate(rooms.db, organisationId, reach, input.action, at)
  if (!refused) return true
  await rooms.db.transaction((tx) =>
    recordRefusal(tx, {
      organisationId,
      sessionId: room.record.id,
      ticketId: room.state.session.ticketId,
      step: input.step,
      actor: input.actor,
      refused,
      at,
    }),
  )
  const { code, reason, params, message } = refused.refusal
  send(input.socket, { type: 'error', error: 'contract_refused', message, refusal: { code, reason, params } })
  return false
}
