import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { hubErrorSchema } from '@shared/auth'
import {
  enrolmentCheckSchema,
  enrolmentCreatedSchema,
  enrolmentInfoSchema,
  enrolmentInputSchema,
  enrolmentListSchema,
  enrolmentSchema,
} from '@shared/enrolment'
import { idParamsSchema } from '@shared/people'
import { findCustomer } from '../people/customers'
import { PeopleError } from '../people/errors'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { EnrolmentError, enrolmentGate } from './gate'
import { listEnrolments } from './repository'
import { createEnrolment, withdrawEnrolment } from './service'

const errors = { 400: hubErrorSchema, 403: hubErrorSchema, 404: hubErrorSchema, 429: hubErrorSchema }
const adminOnly = { error: 'forbidden', message: 'Only an administrator may manage Get Help enrolments.' }

/**
 * This hub as the admin's Console reached it (behind a trusted TLS proxy, as the proxy names it):
 * the enrolment link must open where the people it is sent to can reach this hub.
 */
export function publicHubUrl(request: FastifyRequest): string {
  const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(request.host)
    ? request.host
    : '127.0.0.1'
  return `${request.protocol === 'https' ? 'https' : 'http'}://${host}`
}

/**
 * Enrolment codes per customer (admins), and the anonymous check Get Help makes before it stores
 * a code. Another organisation's ids answer 404, as if they did not exist.
 */
export const enrolmentRoutes =
  (db: Database, clock: () => Date = () => new Date()): FastifyPluginAsyncZod =>
  async (app) => {
    const fail = (reply: FastifyReply, error: unknown) => {
      if (error instanceof PeopleError || error instanceof EnrolmentError)
        return reply.code(error.status).send({ error: error.code, message: error.message })
      throw error
    }

    app.post(
      '/api/customers/:id/enrolments',
      {
        preHandler: requireAccount(db),
        schema: {
          params: idParamsSchema,
          body: enrolmentInputSchema,
          response: { 201: enrolmentCreatedSchema, ...errors },
        },
      },
      async (request, reply) => {
        const account = request.account!
        if (account.role !== 'admin') return reply.code(403).send(adminOnly)
        try {
          const created = await db.transaction((tx) =>
            createEnrolment(tx, account, request.params.id, request.body, publicHubUrl(request), clock()),
          )
          return reply.code(201).send(created)
        } catch (error) {
          return fail(reply, error)
        }
      },
    )

    app.get(
      '/api/customers/:id/enrolments',
      {
        preHandler: requireAccount(db),
        schema: { params: idParamsSchema, response: { 200: enrolmentListSchema, ...errors } },
      },
      async (request, reply) => {
        const account = request.account!
        if (account.role !== 'admin') return reply.code(403).send(adminOnly)
        const organisationId = account.organisation.id
        if (!(await findCustomer(db, organisationId, request.params.id)))
          return reply.code(404).send({ error: 'not_found', message: 'There is no such customer.' })
        return listEnrolments(db, organisationId, request.params.id, clock())
      },
    )

    app.post(
      '/api/enrolments/:id/revoke',
      {
        preHandler: requireAccount(db),
        schema: { params: idParamsSchema, response: { 200: enrolmentSchema, ...errors } },
      },
      async (request, reply) => {
        const account = request.account!
        if (account.role !== 'admin') return reply.code(403).send(adminOnly)
        try {
          return await db.transaction((tx) => withdrawEnrolment(tx, account, request.params.id, clock()))
        } catch (error) {
          return fail(reply, error)
        }
      },
    )

    app.post(
      '/api/gethelp/enrolment',
      {
        // Without an account, like the other Get Help routes; wrong codes also count per address in the gate.
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: { body: enrolmentCheckSchema, response: { 200: enrolmentInfoSchema, ...errors } },
      },
      async (request, reply) => {
        try {
          const found = await enrolmentGate(db).resolve(db, request.body.code, request.ip)
          return { organisation: { name: found.organisationName }, customer: { name: found.customerName } }
        } catch (error) {
          return fail(reply, error)
        }
      },
    )
  }
