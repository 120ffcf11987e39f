import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import {
  contractRefusalSchema,
  endUserAccessSchema,
  issueCodeSchema,
  issuedCodeSchema,
  redeemCodeSchema,
} from '@shared/session/api'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import type { CodeDesk } from './codeDesk'
import type { LiveRooms } from './liveRooms'

/** Way in (b): the agent reads a one-time code out on the phone and the user types it into Get Help. */
export const codeRoutes =
  (db: Database, desk: CodeDesk, rooms: LiveRooms): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/sessions/codes',
      {
        preHandler: requireAccount(db),
        schema: {
          body: issueCodeSchema,
          response: { 201: issuedCodeSchema, 403: z.union([contractRefusalSchema, hubErrorSchema]) },
        },
      },
      async (request, reply) => {
        const account = request.account!
        if (account.role !== 'agent')
          return reply.code(403).send({ error: 'forbidden', message: 'Only agents issue session codes.' })
        const issued = await desk.issue(account, request.body.ticketId)
        if (!issued.ok) return reply.code(403).send(issued.refusal)
        return reply.code(201).send(issued.value)
      },
    )

    app.post(
      '/api/sessions/redeem',
      {
        schema: {
          body: redeemCodeSchema,
          response: { 201: endUserAccessSchema, '4xx': z.union([contractRefusalSchema, hubErrorSchema]) },
        },
        // Wrong codes have their own, stricter limits (codes.ts); this one only caps the load.
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const result = await desk.redeem({ code: request.body.code, name: request.body.name, address: request.ip })
        if (!result.ok && result.status === 403) return reply.code(403).send(result.refusal)
        if (!result.ok) return reply.code(result.status).send({ error: result.error, message: result.message })
        await rooms.room(result.value.sessionId)
        return reply.code(201).send(result.value)
      },
    )
  }
