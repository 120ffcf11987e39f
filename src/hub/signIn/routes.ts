import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  loopbackCodeParam,
  loopbackErrorParam,
  loopbackReturnUrlSchema,
  oidcExchangeRequestSchema,
  publicSignInSchema,
} from '@shared/admin/signIn'
import { hubErrorSchema, loginResponseSchema } from '@shared/auth'
import { defaultIdleMinutes } from '../auth/tokens'
import { bindClientKind, clientKindOfSignIn } from '../sessions/clientKind'
import { firstOrganisation } from '../storage/accounts'
import type { Database } from '../storage/db'
import { startSession } from './externalAccounts'
import { finishOidcSignIn, redeemHandoff, startOidcSignIn } from './oidc'
import { findProvider, listProviders } from './repository'
import type { SecretBox } from './secretBox'

const stateCookie = 'firstline_oidc_state'
const cookiePath = '/api/auth/oidc'

/** Where the provider sends the browser back: this hub as the browser reached it. */
export function callbackUri(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${cookiePath}/callback`
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=') || null
  }
  return null
}

function stateCookieHeader(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  // Lax: the provider's redirect back is a top-level GET, which carries it; other sites' requests do not.
  const secure = request.protocol === 'https' ? '; Secure' : ''
  return `${stateCookie}=${value}; Path=${cookiePath}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`
}

/** The web Console, told the outcome in its address fragment (never sent to any server). */
const consoleWith = (fragment: Record<string, string>) => `/#${new URLSearchParams(fragment).toString()}`

/**
 * The desktop Console's listener on the agent's computer, told the outcome in its query: the
 * one-time code (never the token) or why the sign-in was refused.
 */
function loopbackWith(returnTo: string, outcome: { code: string } | { error: string }): string {
  const url = new URL(returnTo)
  if ('code' in outcome) url.searchParams.set(loopbackCodeParam, outcome.code)
  else url.searchParams.set(loopbackErrorParam, outcome.error)
  return url.href
}

export const signInRoutes =
  (db: Database, options: { secrets: SecretBox; tokenIdleMinutes?: number | undefined }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/public/sign-in',
      {
        schema: {
          querystring: z.object({ organisation: z.uuid().optional() }),
          response: { 200: publicSignInSchema },
        },
      },
      async (request) => {
        const organisationId = request.query.organisation ?? (await firstOrganisation(db))?.id
        if (!organisationId) return { providers: [] }
        const providers = await listProviders(db, options.secrets, organisationId)
        return { providers: providers.map(({ id, displayName }) => ({ id, displayName })) }
      },
    )

    app.get(
      '/api/auth/oidc/:provider/start',
      {
        schema: {
          params: z.object({ provider: z.uuid() }),
          // Only the desktop Console names a return address: its loopback listener (RFC 8252 §7.3).
          querystring: z.object({ return_to: loopbackReturnUrlSchema.optional() }),
          response: { 404: hubErrorSchema },
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const provider = await findProvider(db, options.secrets, request.params.provider)
        if (!provider)
          return reply.code(404).send({ error: 'not_found', message: 'There is no such sign-in provider.' })
        const returnTo = request.query.return_to ?? null
        if (provider.secretUnreadable) {
          request.log.error(
            { provider: provider.id },
            'the client secret of this OpenID provider cannot be opened with the secret key: re-enter it',
          )
          return reply.redirect(
            returnTo ? loopbackWith(returnTo, { error: 'provider' }) : consoleWith({ sso_error: 'provider' }),
          )
        }
        try {
          const { url, state } = await startOidcSignIn(db, provider, callbackUri(request), new Date(), returnTo)
          return reply.header('set-cookie', stateCookieHeader(request, state, 600)).redirect(url)
        } catch (error) {
          request.log.warn({ provider: provider.id, reason: (error as Error).message }, 'OpenID provider unreachable')
          return reply.redirect(
            returnTo ? loopbackWith(returnTo, { error: 'provider' }) : consoleWith({ sso_error: 'provider' }),
          )
        }
      },
    )

    app.get(
      '/api/auth/oidc/callback',
      {
        schema: {
          querystring: z.object({
            code: z.string().max(4000).optional(),
            state: z.string().max(500).optional(),
            iss: z.string().max(500).optional(),
            error: z.string().max(200).optional(),
            error_description: z.string().max(2000).optional(),
            session_state: z.string().max(500).optional(),
          }),
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const callbackUrl = new URL(request.url, 'http://callback.invalid')
        const result = await finishOidcSignIn(db, callbackUrl, cookieValue(request.headers.cookie, stateCookie), (id) =>
          findProvider(db, options.secrets, id),
        )
        reply.header('set-cookie', stateCookieHeader(request, '', 0))
        if (result.kind === 'refused') {
          if (result.detail) request.log.warn({ reason: result.detail }, 'OpenID sign-in refused')
          return reply.redirect(
            result.returnTo
              ? loopbackWith(result.returnTo, { error: result.error })
              : consoleWith({ sso_error: result.error }),
          )
        }
        return reply.redirect(
          result.returnTo ? loopbackWith(result.returnTo, { code: result.code }) : consoleWith({ sso: result.code }),
        )
      },
    )

    app.post(
      '/api/auth/oidc/exchange',
      {
        schema: { body: oidcExchangeRequestSchema, response: { 200: loginResponseSchema, 401: hubErrorSchema } },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const accountId = await redeemHandoff(db, request.body.code)
        if (!accountId)
          return reply
            .code(401)
            .send({ error: 'invalid_code', message: 'This sign-in link was used or is too old. Sign in again.' })
        // The account may have been deactivated in the minute since the provider vouched for it.
        const result = await startSession(
          db,
          accountId,
          new Date(),
          options.tokenIdleMinutes ?? defaultIdleMinutes,
        ).catch(() => null)
        if (!result) return reply.code(401).send({ error: 'disabled', message: 'This account is deactivated.' })
        await bindClientKind(db, result.token, clientKindOfSignIn(request.headers))
        return result
      },
    )
  }
