import type { FastifyPluginAsync } from 'fastify'
import type { RawData, WebSocket } from 'ws'
import { describeZodError } from '@shared/errors'
import { parseStorableJson } from '@shared/text'
import { maxSessionMessageBytes, sessionClientMessageSchema, sessionCloseCodes } from '@shared/session/protocol'
import { sendError, type LiveRooms } from './liveRooms'
import { handleRoomMessage, joinRoom, socketClosed, type Joined } from './participantSocket'
import { superviseSocket } from '../socketSupervision'

const joinTimeoutMs = 10_000
const heartbeatMs = 30_000

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, chunk) => n + chunk.length, 0)
  return data instanceof ArrayBuffer ? data.byteLength : data.length
}

/**
 * `/ws/session`: one socket per participant and session. The first message must be `join`;
 * every message is parsed, and anything malformed gets an `error` reply and changes nothing.
 * A socket that stops answering pings is dropped and its participant enters the grace period.
 */
export const sessionSocketRoute =
  (rooms: LiveRooms): FastifyPluginAsync =>
  async (app) => {
    app.get('/ws/session', { websocket: true }, (socket: WebSocket) => {
      let joined: Joined | null = null
      let joining = false
      superviseSocket(socket, {
        greetingTimeoutMs: joinTimeoutMs,
        greeted: () => joined !== null,
        closeCode: sessionCloseCodes.unauthorized,
        reason: 'no join',
        heartbeatMs,
        onClose: () => {
          if (joined) void socketClosed(rooms, joined)
        },
      })

      socket.on('message', (data, isBinary) => {
        void (async () => {
          if (isBinary || byteLength(data) > maxSessionMessageBytes) {
            return sendError(
              socket,
              'bad_message',
              `Messages are JSON text up to ${maxSessionMessageBytes / 1024} KiB.`,
            )
          }
          const json = parseStorableJson(data.toString())
          if (!json.ok) return sendError(socket, 'bad_message', json.error)
          const parsed = sessionClientMessageSchema.safeParse(json.value)
          if (!parsed.success) return sendError(socket, 'bad_message', describeZodError(parsed.error))
          const message = parsed.data
          if (message.type === 'join') {
            if (joined || joining)
              return sendError(socket, 'already_joined', 'This connection has already joined a session.')
            joining = true
            try {
              joined = await joinRoom(rooms, socket, message)
            } finally {
              joining = false
            }
            if (!joined) return
            // The socket may have closed while the join was being checked.
            if (socket.readyState !== socket.OPEN) await socketClosed(rooms, joined)
            return
          }
          if (!joined) return sendError(socket, 'not_joined', 'Send join with a credential first.')
          await handleRoomMessage(rooms, joined, message)
        })().catch((error: unknown) => {
          app.log.error(error, 'session message failed')
          sendError(socket, 'internal', 'The hub could not handle this message.')
        })
      })
    })
  }
