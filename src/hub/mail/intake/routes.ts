import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import { receivedMailListSchema, receivedMailSchema } from '@shared/mail/inbound'
import { requireAccount } from '../../routes/requireAccount'
import type { Database } from '../../storage/db'
import { fullMessageOfEvent, mailEventsOfTicket } from './repository'

const ticketParams = z.object({ id: z.uuid() })
const params = z.object({ id: z.uuid(), eventId: z.string().min(1).max(100) })
const notFound = { error: 'not_found', message: 'This timeline entry came from no received mail.' }

/**
 * The received mails behind a ticket's timeline, for the desk of the ticket's organisation: which
 * entries came from one, and the whole text of each. Another organisation's ticket reads as none.
 */
export const receivedMailRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.get(
      '/api/tickets/:id/mail',
      { schema: { params: ticketParams, response: { 200: receivedMailListSchema, 400: hubErrorSchema } } },
      async (request) => ({
        eventIds: await mailEventsOfTicket(db, request.account!.organisation.id, request.params.id),
      }),
    )
    app.get(
      '/api/tickets/:id/mail/:eventId',
      { schema: { params, response: { 200: receivedMailSchema, 400: hubErrorSchema, 404: hubErrorSchema } } },
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
