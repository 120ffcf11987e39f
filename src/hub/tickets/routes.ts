import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import { pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '@shared/sync'
import { timelineEventSchema } from '@shared/tickets/events'
import { ticketSchema } from '@shared/tickets/model'
import type { Realtime } from '../realtime'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { changesAfter, currentCursor, findTicket, listEvents } from './repository'
import { pushCommands } from './service'

export const ticketRoutes =
  (db: Database, realtime: Realtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))

    app.post(
      '/api/sync/push',
      {
        config: { textCheckedPerItem: true },
        schema: { body: pushRequestSchema, response: { 200: pushResponseSchema } },
      },
      async (request) => {
        const account = request.account!
        const results = await pushCommands(db, account, request.body.commands, undefined, (message) =>
          request.log.error(message),
        )
        const cursor = await currentCursor(db, account.organisation.id)
        if (results.some((r) => r.status === 'applied' && !r.duplicate)) {
          realtime.broadcast(account.organisation.id, { type: 'changed', cursor })
        }
        return { results, cursor }
      },
    )

    app.get(
      '/api/sync/changes',
      { schema: { querystring: pullQuerySchema, response: { 200: pullResponseSchema } } },
      async (request) => changesAfter(db, request.account!.organisation.id, request.query.after, request.query.limit),
    )

    app.get(
      '/api/tickets/:id',
      {
        schema: {
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({ ticket: ticketSchema, events: z.array(timelineEventSchema) }),
            404: hubErrorSchema,
          },
        },
      },
      async (request, reply) => {
        const organisationId = request.account!.organisation.id
        const ticket = await findTicket(db, organisationId, request.params.id)
        if (!ticket) return reply.code(404).send({ error: 'not_found', message: 'There is no such ticket.' })
        return { ticket, events: await listEvents(db, organisationId, ticket.id) }
      },
    )
  }
