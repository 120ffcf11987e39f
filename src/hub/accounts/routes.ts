import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { accountSchema, hubErrorSchema, loginResponseSchema } from '@shared/auth'
import {
  acceptInvitationSchema,
  accountDirectorySchema,
  accountEntrySchema,
  invitationCreatedSchema,
  invitationSchema,
  inviteRequestSchema,
  linkCreatedSchema,
  linkInfoSchema,
  linkRequestSchema,
  passwordChangeSchema,
  profileUpdateSchema,
  resetPasswordSchema,
  roleChangeSchema,
} from '@shared/accounts/accounts'
import { deliverySchema } from '@shared/mail/delivery'
import { bearerToken } from '../auth/service'
import { findDelivery } from '../mail/outbox'
import { hashToken } from '../auth/tokens'
import type { Realtime } from '../realtime'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { AccountsError, AccountsService, type AccountsSettings } from './service'

const params = z.object({ id: z.uuid() })

/**
 * Where the admin reached the hub: the links in mails point there, as the link the Console shows
 * does. Behind the TLS proxy (trusted by FIRSTLINE_TRUSTED_PROXIES) this is the public address.
 */
const linkBase = (request: FastifyRequest) => `${request.protocol}://${request.host}`
const errors = {
  400: hubErrorSchema,
  401: hubErrorSchema,
  403: hubErrorSchema,
  404: hubErrorSchema,
  409: hubErrorSchema,
  410: hubErrorSchema,
}

/**
 * Accounts: the admin's screen (`/api/admin/accounts`, `/api/admin/invitations`), the one-time
 * invitation and reset links anyone holding one may use (`/api/account-links/*`), and each user's
 * own name, language and password (`/api/account/*`). Every query is scoped to the caller's
 * organisation; an id from another one is answered 404, as if it did not exist.
 */
export const accountRoutes =
  (db: Database, realtime: Realtime | undefined, settings: AccountsSettings): FastifyPluginAsyncZod =>
  async (app) => {
    const service = new AccountsService(db, realtime, settings)
    const signedIn = requireAccount(db)
    const adminOnly = async (request: FastifyRequest, reply: FastifyReply) => {
      await signedIn(request, reply)
      if (reply.sent) return
      if (request.account?.role !== 'admin')
        await reply.code(403).send({ error: 'forbidden', message: 'Only an administrator may manage accounts.' })
    }

    // Refusals from the service are answered as they are; anything else goes to the hub's own handler.
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof AccountsError)
        return reply.code(error.status).send({ error: error.code, message: error.message })
      throw error
    })

    app.get(
      '/api/admin/accounts',
      { preHandler: adminOnly, schema: { response: { 200: accountDirectorySchema, ...errors } } },
      async (request) => service.directory(request.account!),
    )

    app.post(
      '/api/admin/invitations',
      {
        preHandler: adminOnly,
        schema: { body: inviteRequestSchema, response: { 201: invitationCreatedSchema, ...errors } },
      },
      async (request, reply) =>
        reply.code(201).send(await service.invite(request.account!, request.body, linkBase(request))),
    )

    app.post(
      '/api/admin/invitations/:id/revoke',
      { preHandler: adminOnly, schema: { params, response: { 200: invitationSchema, ...errors } } },
      async (request) => service.revokeInvitation(request.account!, request.params.id),
    )

    app.put(
      '/api/admin/accounts/:id/role',
      {
        preHandler: adminOnly,
        schema: { params, body: roleChangeSchema, response: { 200: accountEntrySchema, ...errors } },
      },
      async (request) => service.changeRole(request.account!, request.params.id, request.body.role),
    )

    app.post(
      '/api/admin/accounts/:id/deactivate',
      { preHandler: adminOnly, schema: { params, response: { 200: accountEntrySchema, ...errors } } },
      async (request) => service.setActive(request.account!, request.params.id, false),
    )

    app.post(
      '/api/admin/accounts/:id/reactivate',
      { preHandler: adminOnly, schema: { params, response: { 200: accountEntrySchema, ...errors } } },
      async (request) => service.setActive(request.account!, request.params.id, true),
    )

    app.post(
      '/api/admin/accounts/:id/reset-link',
      { preHandler: adminOnly, schema: { params, response: { 201: linkCreatedSchema, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await service.createResetLink(request.account!, request.params.id, linkBase(request))),
    )

    // Whether an invitation or reset mail went out; ticket mails are not looked up here.
    app.get(
      '/api/admin/account-mails/:id',
      { preHandler: adminOnly, schema: { params, response: { 200: deliverySchema, ...errors } } },
      async (request, reply) => {
        const delivery = await findDelivery(db, request.account!.organisation.id, request.params.id)
        if (!delivery || (delivery.kind !== 'invitation' && delivery.kind !== 'password_reset'))
          return reply.code(404).send({ error: 'not_found', message: 'There is no such mail.' })
        return delivery
      },
    )

    // The links are 256 random bits, so guessing one is hopeless; the limit keeps anyone from trying at volume.
    const linkLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } }

    app.post(
      '/api/account-links/inspect',
      { config: linkLimit, schema: { body: linkRequestSchema, response: { 200: linkInfoSchema, ...errors } } },
      async (request) => service.inspectLink(request.body.token),
    )

    app.post(
      '/api/account-links/accept-invitation',
      {
        config: linkLimit,
        schema: { body: acceptInvitationSchema, response: { 200: loginResponseSchema, ...errors } },
      },
      async (request) => service.acceptInvitation(request.body, request.headers),
    )

    app.post(
      '/api/account-links/reset-password',
      { config: linkLimit, schema: { body: resetPasswordSchema, response: { 200: loginResponseSchema, ...errors } } },
      async (request) => service.resetPassword(request.body, request.headers),
    )

    app.put(
      '/api/account/profile',
      { preHandler: signedIn, schema: { body: profileUpdateSchema, response: { 200: accountSchema, ...errors } } },
      async (request) => service.updateProfile(request.account!, request.body),
    )

    app.post(
      '/api/account/password',
      {
        preHandler: signedIn,
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { body: passwordChangeSchema, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        const token = bearerToken(request.headers.authorization)!
        await service.changePassword(request.account!, hashToken(token), request.body)
        return reply.code(204).send(null)
      },
    )
  }
