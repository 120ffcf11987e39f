import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import { receivedMailSchema } from '@shared/mail/inbound'
import { requireAccount } from '../../routes/requireAccount'
import type { Database } from '../../storage/db'
import { fullMessageOfEvent } from './repository'

const params = z.object({ id: z.uuid(), eventId: z.string().min(1).max(100) })
const notFound = { error: 'not_found', message: 'This timeline entry came from no received mail.' }

/** The whole text of the mail behind a timeline entry, for the desk of the ticket's organisation. */
export const receivedMailRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.get(
      '/api/tickets/:id/mail/:eventId',
      { schema: { params, response: { 200: receivedMailSchema, 404: hubErrorSchema } } },
      async (request, reply) => {
        const mail = await fullMessageOfEvent(
          db,
          request.account!.organisation.id,
          request.params.id,
          request.params.eventId,
        )
        return mail ?? reply.code(404).send(notFound)
      },
    )
  }
