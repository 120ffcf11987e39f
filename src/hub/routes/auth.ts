import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { accountSchema, hubErrorSchema, loginRequestSchema, loginResponseSchema } from '@shared/auth'
import { bearerToken, logout } from '../auth/service'
import { SignInThrottle } from '../auth/signInThrottle'
import { hashToken } from '../auth/tokens'
import type { Realtime } from '../realtime'
import type { Database } from '../storage/db'
import { bindClientKind, clientKindOfSignIn } from '../sessions/clientKind'
import { requireAccount } from './requireAccount'
import { passwordSignInMessages, signInWithPassword } from '../signIn/passwordSignIn'
import { processSecretBox, type SecretBox } from '../signIn/secretBox'

export const authRoutes =
  (
    db: Database,
    realtime?: Realtime,
    options: {
      throttle?: SignInThrottle | undefined
      tokenIdleMinutes?: number | undefined
      /** Opens directory secrets (the LDAP bind password); a key of this process when omitted. */
      secrets?: SecretBox | undefined
    } = {},
  ): FastifyPluginAsyncZod =>
  async (app) => {
    const throttle = options.throttle ?? new SignInThrottle()
    const secrets = options.secrets ?? processSecretBox()
    app.post(
      '/api/auth/login',
      {
        schema: {
          body: loginRequestSchema,
          response: {
            200: loginResponseSchema,
            401: hubErrorSchema,
            403: hubErrorSchema,
            429: hubErrorSchema,
            503: hubErrorSchema,
          },
        },
        // Password guessing is slowed per address here, per account by the throttle; the KDF makes each guess expensive too.
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const { email, password } = request.body
        const waitMs = throttle.attempt(email, request.ip)
        if (waitMs > 0) {
          const seconds = Math.ceil(waitMs / 1000)
          return reply
            .code(429)
            .header('retry-after', String(seconds))
            .send({
              error: 'too_many_requests',
              message: `Too many failed sign-ins for this account. Try again in ${seconds} seconds.`,
            })
        }
        // The local password, then the organisation's directory (LDAP), behind the same throttle.
        const outcome = await signInWithPassword(db, email, password, {
          secrets,
          idleMinutes: options.tokenIdleMinutes,
        })
        if (outcome.kind === 'invalid') {
          return reply.code(401).send({ error: 'invalid_credentials', message: 'E-mail address or password is wrong.' })
        }
        if (outcome.kind === 'unreachable') {
          return reply.code(503).send({ error: 'directory_unreachable', message: passwordSignInMessages.unreachable })
        }
        if (outcome.kind === 'refused') {
          return reply.code(403).send({ error: outcome.error, message: passwordSignInMessages[outcome.error] })
        }
        const result = outcome.response
        throttle.succeeded(email, request.ip)
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
