import type { FastifyPluginAsync } from 'fastify'
import type { Realtime } from '../realtime'
import type { Database } from '../storage/db'
import { currentCursor } from '../tickets/repository'
import { CodeDesk } from './codeDesk'
import { codeRoutes } from './codeRoutes'
import { LiveRooms } from './liveRooms'
import { participantRoutes } from './participantRoutes'
import { requestRoutes } from './requestRoutes'
import { defaultSessionSettings, type SessionSettings } from './settings'
import { sessionSocketRoute } from './socketRoute'

/** Remote sessions: the two ways in, the `/ws/session` signaling socket, ICE servers, invitations and summaries. */
export const sessionRoutes =
  (db: Database, config: { sessions?: SessionSettings }, realtime?: Realtime): FastifyPluginAsync =>
  async (app) => {
    const settings = config.sessions ?? defaultSessionSettings
    const now = settings.now ?? (() => new Date())
    const ticketChanged = async (organisationId: string) =>
      realtime?.broadcast(organisationId, { type: 'changed', cursor: await currentCursor(db, organisationId) })
    const rooms = new LiveRooms(db, settings, app.log, now, ticketChanged)
    const desk = new CodeDesk(db, settings.codeSecret, now)
    const stopListening = realtime?.onTokenRevoked((tokenHash) => void rooms.revokeToken(tokenHash))
    app.addHook('onClose', () => {
      stopListening?.()
      return rooms.close()
    })
    await app.register(sessionSocketRoute(rooms))
    await app.register(requestRoutes(db, rooms, ticketChanged))
    await app.register(codeRoutes(db, desk, rooms))
    await app.register(participantRoutes(db, rooms))
  }
