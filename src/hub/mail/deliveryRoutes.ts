import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import { deliveryListSchema, deliverySchema } from '@shared/mail/delivery'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { findTicket } from '../tickets/repository'
import { findDelivery, retryDelivery, ticketDeliveries } from './outbox'

const params = z.object({ id: z.uuid() })
const errors = { 400: hubErrorSchema, 401: hubErrorSchema, 404: hubErrorSchema, 409: hubErrorSchema }
const noTicket = { error: 'not_found', message: 'There is no such ticket.' }
const noDelivery = { error: 'not_found', message: 'There is no such mail.' }

/** What became of the mails a ticket sent its requester, and sending a failed one again. */
export const deliveryRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))

    app.get(
      '/api/tickets/:id/deliveries',
      { schema: { params, response: { 200: deliveryListSchema, ...errors } } },
      async (request, reply) => {
        const organisationId = request.account!.organisation.id
        if (!(await findTicket(db, organisationId, request.params.id))) return reply.code(404).send(noTicket)
        return { deliveries: await ticketDeliveries(db, organisationId, request.params.id) }
      },
    )

    app.post(
      '/api/deliveries/:id/retry',
      { schema: { params, response: { 200: deliverySchema, ...errors } } },
      async (request, reply) => {
        const organisationId = request.account!.organisation.id
        const existing = await findDelivery(db, organisationId, request.params.id)
        // Invitation and password-reset mails carry a one-time link: only admins send them again.
        const accountMail = existing && (existing.kind === 'invitation' || existing.kind === 'password_reset')
        if (!existing || (accountMail && request.account!.role !== 'admin')) return reply.code(404).send(noDelivery)
        const retried = await retryDelivery(db, organisationId, request.params.id)
        if (retried) return retried
        return reply.code(409).send({
          error: 'conflict',
          message: `This mail is ${existing.state}; only a failed, bounced or interrupted one is sent again.`,
        })
      },
    )
  }
