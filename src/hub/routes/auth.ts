import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { accountSchema, hubErrorSchema, loginRequestSchema, loginResponseSchema } from '@shared/auth'
import { bearerToken, login, logout } from '../auth/service'
import { hashToken } from '../auth/tokens'
import type { Realtime } from '../realtime'
import type { Database } from '../storage/db'
import { bindClientKind, clientKindOfSignIn } from '../sessions/clientKind'
import { requireAccount } from './requireAccount'

export const authRoutes =
  (db: Database, realtime?: Realtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: { body: loginRequestSchema, response: { 200: loginResponseSchema, 401: hubErrorSchema } },
        // Password guessing is slowed per address; the KDF makes each guess expensive too.
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const result = await login(db, request.body.email, request.body.password)
        if (!result) {
          return reply.code(401).send({ error: 'invalid_credentials', message: 'E-mail address or password is wrong.' })
        }
        // Sessions decide what this token may do (control needs the desktop Console) from this, never from the client's word.
        await bindClientKind(db, result.token, clientKindOfSignIn(request.headers))
        return result
      },
    )

    app.get(
      '/api/auth/me',
      { preHandler: requireAccount(db), schema: { response: { 200: accountSchema } } },
      async (request) => request.account!,
    )

    app.post('/api/auth/logout', { preHandler: requireAccount(db) }, async (request, reply) => {
      const token = bearerToken(request.headers.authorization)
      if (token) {
        await logout(db, token)
        // A signed-out token must not keep working through a socket it opened before.
        realtime?.revokeToken(hashToken(token))
      }
      return reply.code(204).send()
    })
  }
