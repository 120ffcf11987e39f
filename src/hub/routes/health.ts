import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { healthSchema } from '@shared/auth'
import type { Database } from '../storage/db'
import { hubVersion } from '../version'

export const healthRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/health', { schema: { response: { 200: healthSchema } } }, async () => {
      await db.query('select 1')
      return { status: 'ok' as const, version: hubVersion, database: db.kind }
    })
  }
