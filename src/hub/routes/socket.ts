import type { FastifyPluginAsync } from 'fastify'
import { describeZodError } from '@shared/errors'
import { parseStorableJson } from '@shared/text'
import { clientMessageSchema, closeCodes, maxMessageBytes } from '@shared/hubProtocol'
import { authenticate } from '../auth/service'
import { hashToken } from '../auth/tokens'
import type { Database } from '../storage/db'
import { sendMessage as send, type Realtime } from '../realtime'
import { superviseSocket } from '../socketSupervision'

const helloTimeoutMs = 10_000
const heartbeatMs = 30_000

/**
 * One WebSocket per client at `/ws`. The first message must be `hello` with a session token;
 * after that the socket receives live announcements. Malformed messages get an `error` reply
 * and change nothing; a socket that stops answering pings is dropped.
 */
export const socketRoutes =
  (db: Database, realtime: Realtime): FastifyPluginAsync =>
  async (app) => {
    app.get('/ws', { websocket: true }, (socket) => {
      let authenticated = false
      superviseSocket(socket, {
        greetingTimeoutMs: helloTimeoutMs,
        greeted: () => authenticated,
        closeCode: closeCodes.unauthorized,
        reason: 'no hello',
        heartbeatMs,
      })

      socket.on('message', (data, isBinary) => {
        void (async () => {
          const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as ArrayBuffer).byteLength
          if (isBinary || size > maxMessageBytes) {
            return send(socket, {
              type: 'error',
              error: 'bad_message',
              message: 'Messages are JSON text up to 256 KiB.',
            })
          }
          const json = parseStorableJson(data.toString())
          if (!json.ok) return send(socket, { type: 'error', error: 'bad_message', message: json.error })
          const parsed = clientMessageSchema.safeParse(json.value)
          if (!parsed.success) {
            return send(socket, { type: 'error', error: 'bad_message', message: describeZodError(parsed.error) })
          }
          const message = parsed.data
          if (message.type === 'hello') {
            const account = await authenticate(db, message.token)
            if (!account) {
              send(socket, { type: 'error', error: 'unauthorized', message: 'The session is missing or expired.' })
              return socket.close(closeCodes.unauthorized, 'unauthorized')
            }
            authenticated = true
            realtime.add(socket, account, hashToken(message.token))
            return send(socket, { type: 'welcome', account })
          }
          if (!authenticated) {
            return send(socket, {
              type: 'error',
              error: 'unauthorized',
              message: 'Send hello with a session token first.',
            })
          }
          if (message.type === 'ping') return send(socket, { type: 'pong', at: message.at })
        })().catch((error: unknown) => {
          app.log.error(error, 'websocket message failed')
          send(socket, { type: 'error', error: 'internal', message: 'The hub could not handle this message.' })
        })
      })
    })
  }
