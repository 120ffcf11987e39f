import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../storage/db'
import { CodeDesk } from './codeDesk'
import { codeRoutes } from './codeRoutes'
import { LiveRooms } from './liveRooms'
import { participantRoutes } from './participantRoutes'
import { requestRoutes } from './requestRoutes'
import { defaultSessionSettings, type SessionSettings } from './settings'
import { sessionSocketRoute } from './socketRoute'

/** Remote sessions: the two ways in, the `/ws/session` signaling socket, ICE servers, invitations and summaries. */
export const sessionRoutes =
  (db: Database, config: { sessions?: SessionSettings }): FastifyPluginAsync =>
  async (app) => {
    const settings = config.sessions ?? defaultSessionSettings
    const now = settings.now ?? (() => new Date())
    const rooms = new LiveRooms(db, settings, app.log, now)
    const desk = new CodeDesk(db, settings.codeSecret, now)
    app.addHook('onClose', () => rooms.close())
    await app.register(sessionSocketRoute(rooms))
    await app.register(requestRoutes(db, rooms))
    await app.register(codeRoutes(db, desk, rooms))
    await app.register(participantRoutes(db, rooms))
  }
