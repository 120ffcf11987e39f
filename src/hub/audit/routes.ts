import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditPageSchema, auditQuerySchema } from '@shared/admin/audit'
import { hubErrorSchema } from '@shared/auth'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { listAdminActions } from './adminAudit'

/** The admin audit log, for admins of the organisation only, newest first, filtered by action, target or actor. */
export const auditRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.get(
      '/api/admin/audit',
      { schema: { querystring: auditQuerySchema, response: { 200: auditPageSchema, 403: hubErrorSchema } } },
      async (request, reply) => {
        const account = request.account!
        if (account.role !== 'admin') {
          return reply.code(403).send({ error: 'forbidden', message: 'Only an administrator may read the audit log.' })
        }
        return listAdminActions(db, account.organisation.id, request.query)
      },
    )
  }
