import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Account } from '@shared/auth'
import { authenticate, bearerToken } from '../auth/service'
import type { Database } from '../storage/db'

declare module 'fastify' {
  interface FastifyRequest {
    account: Account | null
  }
}

/** preHandler: answers 401 unless the request carries a live session token. */
export const requireAccount =
  (db: Database) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request.headers.authorization)
    const account = token ? await authenticate(db, token) : null
    if (!account) {
      await reply
        .code(401)
        .send({ error: 'unauthorized', message: 'Sign in first: the session is missing or expired.' })
      return
    }
    request.account = account
  }
