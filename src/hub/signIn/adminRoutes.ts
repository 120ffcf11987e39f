import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ldapInputSchema,
  localPasswordsInputSchema,
  oidcProviderInputSchema,
  oidcProviderSchema,
  signInSettingsSchema,
  type OidcProviderInput,
} from '@shared/admin/signIn'
import { hubErrorSchema, type Account } from '@shared/auth'
import { recordAdminAction } from '../audit/adminAudit'
import { requireAccount } from '../routes/requireAccount'
import type { Database, Queryable } from '../storage/db'
import {
  createProvider,
  deleteProvider,
  listProviders,
  organisationSignIn,
  publicLdap,
  publicProvider,
  removeLdap,
  saveLdap,
  setLocalPasswords,
  updateProvider,
} from './repository'
import { callbackUri } from './routes'
import type { SecretBox } from './secretBox'

const adminOnly = { error: 'forbidden', message: 'Only an administrator may change how people sign in.' }
const notFound = { error: 'not_found', message: 'There is no such sign-in provider.' }
const lockedOut = {
  error: 'conflict',
  message:
    'Local passwords are off: keep at least one OpenID provider or the directory, or switch local passwords on first.',
}
const params = z.object({ id: z.uuid() })
const errors = { 400: hubErrorSchema, 403: hubErrorSchema, 404: hubErrorSchema, 409: hubErrorSchema }

/** What the audit log keeps of a provider: its settings, never its secret. */
function providerDetails(input: OidcProviderInput) {
  const { clientSecret, ...rest } = input
  return { ...rest, clientSecretChanged: clientSecret !== undefined }
}

/** Sign-in settings for the admin's own organisation: local passwords, OpenID providers, LDAP. */
export const signInAdminRoutes =
  (db: Database, secrets: SecretBox): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.addHook('preHandler', async (request, reply) => {
      if (request.account && request.account.role !== 'admin') await reply.code(403).send(adminOnly)
    })

    const settingsOf = async (organisationId: string, redirectUri: string) => {
      const settings = await organisationSignIn(db, secrets, organisationId)
      return {
        localPasswords: settings.localPasswords,
        oidcProviders: (await listProviders(db, secrets, organisationId)).map(publicProvider),
        ldap: publicLdap(settings.ldap),
        redirectUri,
      }
    }
    /** Whether someone other than a break-glass admin could still sign in after the change. */
    const keepsAWayIn = async (tx: Queryable, organisationId: string) => {
      const settings = await organisationSignIn(tx, secrets, organisationId)
      return (
        settings.localPasswords ||
        settings.ldap !== null ||
        (await listProviders(tx, secrets, organisationId)).length > 0
      )
    }
    const org = (account: Account) => account.organisation.id

    app.get('/api/admin/sign-in', { schema: { response: { 200: signInSettingsSchema, ...errors } } }, async (request) =>
      settingsOf(org(request.account!), callbackUri(request)),
    )

    app.put(
      '/api/admin/sign-in/local-passwords',
      { schema: { body: localPasswordsInputSchema, response: { 200: signInSettingsSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const { enabled } = request.body
        const settings = await organisationSignIn(db, secrets, org(account))
        const others = settings.ldap !== null || (await listProviders(db, secrets, org(account))).length > 0
        if (!enabled && !others) return reply.code(409).send(lockedOut)
        await db.transaction(async (tx) => {
          await setLocalPasswords(tx, org(account), enabled)
          await recordAdminAction(tx, account, {
            action: enabled ? 'sign_in.local_passwords_on' : 'sign_in.local_passwords_off',
            target: { kind: 'settings', id: null, name: 'local passwords' },
            details: { before: settings.localPasswords, after: enabled },
          })
        })
        return settingsOf(org(account), callbackUri(request))
      },
    )

    app.post(
      '/api/admin/sign-in/oidc-providers',
      { schema: { body: oidcProviderInputSchema, response: { 201: oidcProviderSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const { clientSecret } = request.body
        if (!clientSecret)
          return reply.code(400).send({ error: 'invalid_request', message: 'clientSecret: a new provider needs one' })
        const id = await db.transaction(async (tx) => {
          const created = await createProvider(tx, secrets, org(account), { ...request.body, clientSecret })
          await recordAdminAction(tx, account, {
            action: 'sign_in.provider_added',
            target: { kind: 'settings', id: created, name: request.body.displayName },
            details: providerDetails(request.body),
          })
          return created
        })
        const provider = (await listProviders(db, secrets, org(account))).find((p) => p.id === id)!
        return reply.code(201).send(publicProvider(provider))
      },
    )

    app.put(
      '/api/admin/sign-in/oidc-providers/:id',
      { schema: { params, body: oidcProviderInputSchema, response: { 200: oidcProviderSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const updated = await db.transaction(async (tx) => {
          if (!(await updateProvider(tx, secrets, org(account), request.params.id, request.body))) return false
          await recordAdminAction(tx, account, {
            action: 'sign_in.provider_updated',
            target: { kind: 'settings', id: request.params.id, name: request.body.displayName },
            details: providerDetails(request.body),
          })
          return true
        })
        if (!updated) return reply.code(404).send(notFound)
        const provider = (await listProviders(db, secrets, org(account))).find((p) => p.id === request.params.id)!
        return publicProvider(provider)
      },
    )

    app.delete(
      '/api/admin/sign-in/oidc-providers/:id',
      { schema: { params, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const outcome = await db
          .transaction(async (tx) => {
            const name = await deleteProvider(tx, org(account), request.params.id)
            if (name === null) return 'missing' as const
            if (!(await keepsAWayIn(tx, org(account)))) throw new LockedOut()
            await recordAdminAction(tx, account, {
              action: 'sign_in.provider_removed',
              target: { kind: 'settings', id: request.params.id, name },
            })
            return 'removed' as const
          })
          .catch((error: unknown) => {
            if (error instanceof LockedOut) return 'locked' as const
            throw error
          })
        if (outcome === 'missing') return reply.code(404).send(notFound)
        if (outcome === 'locked') return reply.code(409).send(lockedOut)
        return reply.code(204).send(null)
      },
    )

    app.put(
      '/api/admin/sign-in/ldap',
      { schema: { body: ldapInputSchema, response: { 200: signInSettingsSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const before = await organisationSignIn(db, secrets, org(account))
        if (!before.ldap && !request.body.bindPassword)
          return reply.code(400).send({ error: 'invalid_request', message: 'bindPassword: a new directory needs one' })
        await db.transaction(async (tx) => {
          await saveLdap(tx, secrets, org(account), request.body)
          const { bindPassword, ...rest } = request.body
          await recordAdminAction(tx, account, {
            action: 'sign_in.ldap_saved',
            target: { kind: 'settings', id: null, name: 'LDAP' },
            details: { ...rest, bindPasswordChanged: bindPassword !== undefined },
          })
        })
        return settingsOf(org(account), callbackUri(request))
      },
    )

    app.delete(
      '/api/admin/sign-in/ldap',
      { schema: { response: { 200: signInSettingsSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const before = await organisationSignIn(db, secrets, org(account))
        if (!before.ldap) return reply.code(404).send({ error: 'not_found', message: 'No directory is set up.' })
        const outcome = await db
          .transaction(async (tx) => {
            await removeLdap(tx, org(account))
            if (!(await keepsAWayIn(tx, org(account)))) throw new LockedOut()
            await recordAdminAction(tx, account, {
              action: 'sign_in.ldap_removed',
              target: { kind: 'settings', id: null, name: 'LDAP' },
            })
            return 'removed' as const
          })
          .catch((error: unknown) => {
            if (error instanceof LockedOut) return 'locked' as const
            throw error
          })
        if (outcome === 'locked') return reply.code(409).send(lockedOut)
        return settingsOf(org(account), callbackUri(request))
      },
    )
  }

class LockedOut extends Error {}
