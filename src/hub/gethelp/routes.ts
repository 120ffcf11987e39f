import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import {
  diagnosticsUploadSchema,
  getHelpReceiptSchema,
  getHelpRequestSchema,
  getHelpStatusSchema,
  maxGetHelpBodyBytes,
  storedDiagnosticsSchema,
} from '@shared/gethelp'
import { bearerToken } from '../auth/service'
import { EnrolmentError, enrolmentGate } from '../enrolment/gate'
import type { Realtime } from '../realtime'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { currentCursor } from '../tickets/repository'
import {
  addGetHelpDiagnostics,
  createGetHelpTicket,
  getHelpStatus,
  GetHelpError,
  listDiagnostics,
  requestFreshDiagnostics,
} from './service'

const statusFor: Record<GetHelpError['code'], number> = {
  invalid_snapshot: 400,
  snapshot_too_large: 413,
  unknown_ticket: 404,
  invalid_ticket: 400,
}

const ticketParams = z.object({ id: z.uuid() })
const errors = {
  400: hubErrorSchema,
  401: hubErrorSchema,
  403: hubErrorSchema,
  404: hubErrorSchema,
  413: hubErrorSchema,
  429: hubErrorSchema,
}

/**
 * End users reach the hub without an account: a new request, and follow-ups on their own ticket
 * with the secret they got back. Agents see and request diagnostics on their tickets.
 */
export const getHelpRoutes =
  (db: Database, realtime: Realtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof GetHelpError)
        return reply.code(statusFor[error.code]).send({ error: error.code, message: error.message })
      if (error instanceof EnrolmentError)
        return reply.code(error.status).send({ error: error.code, message: error.message })
      throw error
    })
    const announce = async (organisationId: string) =>
      realtime.broadcast(organisationId, { type: 'changed', cursor: await currentCursor(db, organisationId) })

    app.post(
      '/api/gethelp/requests',
      {
        bodyLimit: maxGetHelpBodyBytes,
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { body: getHelpRequestSchema, response: { 200: getHelpReceiptSchema, ...errors } },
      },
      async (request) => {
        // Filed under the customer the enrolment names; without a valid enrolment nothing is filed.
        const enrolment = await enrolmentGate(db).resolve(db, request.body.enrolment, request.ip)
        const { organisationId, repeated, ...receipt } = await createGetHelpTicket(db, request.body, enrolment)
        if (!repeated) await announce(organisationId)
        return receipt
      },
    )

    app.get(
      '/api/gethelp/requests/:id',
      { schema: { params: ticketParams, response: { 200: getHelpStatusSchema, ...errors } } },
      async (request, reply) => {
        const token = bearerToken(request.headers.authorization)
        if (!token) return reply.code(401).send({ error: 'unauthorized', message: 'The follow-up secret is missing.' })
        return getHelpStatus(db, request.params.id, token)
      },
    )

    app.post(
      '/api/gethelp/requests/:id/diagnostics',
      {
        bodyLimit: maxGetHelpBodyBytes,
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { params: ticketParams, body: diagnosticsUploadSchema, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        const token = bearerToken(request.headers.authorization)
        if (!token) return reply.code(401).send({ error: 'unauthorized', message: 'The follow-up secret is missing.' })
        const { organisationId } = await addGetHelpDiagnostics(db, request.params.id, token, request.body)
        await announce(organisationId)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/tickets/:id/diagnostics',
      {
        preHandler: requireAccount(db),
        schema: { params: ticketParams, response: { 200: z.array(storedDiagnosticsSchema) } },
      },
      async (request) => listDiagnostics(db, request.account!.organisation.id, request.params.id),
    )

    app.post(
      '/api/tickets/:id/diagnostics/request',
      { preHandler: requireAccount(db), schema: { params: ticketParams, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const asked = await requestFreshDiagnostics(db, request.account!.organisation.id, request.params.id)
        if (!asked)
          return reply.code(404).send({ error: 'unknown_ticket', message: 'This ticket did not come from Get Help.' })
        return reply.code(204).send(null)
      },
    )
  }
