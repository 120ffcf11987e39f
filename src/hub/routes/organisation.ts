import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { hubErrorSchema, publicOrganisationSchema } from '@shared/auth'
import { firstOrganisation } from '../storage/accounts'
import type { Database } from '../storage/db'

export const organisationRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/public/organisation',
      { schema: { response: { 200: publicOrganisationSchema, 404: hubErrorSchema } } },
      async (_request, reply) => {
        const organisation = await firstOrganisation(db)
        if (!organisation)
          return reply.code(404).send({ error: 'not_found', message: 'This hub has no organisation yet.' })
        return { name: organisation.name }
      },
    )
  }
