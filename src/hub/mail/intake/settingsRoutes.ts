import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { hubErrorSchema } from '@shared/auth'
import {
  intakeSettingsInputSchema,
  intakeSettingsResponseSchema,
  type IntakeSettings,
  type IntakeSettingsResponse,
} from '@shared/mail/settings'
import { recordAdminAction } from '../../audit/adminAudit'
import { requireAccount } from '../../routes/requireAccount'
import type { Database, Queryable } from '../../storage/db'
import { clearIntakeSettings, findIntakeSettings, saveIntakeSettings } from './settings'

const adminOnly = { error: 'forbidden', message: 'Only an administrator may change how mail becomes tickets.' }
const errors = { 400: hubErrorSchema, 401: hubErrorSchema, 403: hubErrorSchema }

/**
 * The reopen window and the per-sender limit of the admin's own organisation. `defaults` are the
 * hub's (`FIRSTLINE_MAIL_REOPEN_DAYS`, `FIRSTLINE_MAIL_NEW_TICKETS_PER_HOUR`), in force until an
 * admin saves the organisation's own.
 */
export const intakeSettingsRoutes =
  (db: Database, defaults: () => IntakeSettings): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.addHook('preHandler', async (request, reply) => {
      if (request.account && request.account.role !== 'admin') await reply.code(403).send(adminOnly)
    })
    const current = async (q: Queryable, organisationId: string): Promise<IntakeSettingsResponse> => {
      const own = await findIntakeSettings(q, organisationId)
      return { settings: own ?? defaults(), defaults: defaults(), custom: own !== null }
    }
    const audit = (before: IntakeSettingsResponse, after: IntakeSettings | null) => ({
      before: before.custom ? before.settings : null,
      after,
    })

    app.get(
      '/api/admin/mail/intake',
      { schema: { response: { 200: intakeSettingsResponseSchema, ...errors } } },
      async (request) => current(db, request.account!.organisation.id),
    )

    app.put(
      '/api/admin/mail/intake',
      { schema: { body: intakeSettingsInputSchema, response: { 200: intakeSettingsResponseSchema, ...errors } } },
      async (request) => {
        const account = request.account!
        const organisationId = account.organisation.id
        return db.transaction(async (tx) => {
          const before = await current(tx, organisationId)
          await saveIntakeSettings(tx, organisationId, request.body)
          await recordAdminAction(tx, account, {
            action: 'mail.intake_saved',
            target: { kind: 'settings', id: null, name: 'e-mail intake' },
            details: audit(before, request.body),
          })
          return current(tx, organisationId)
        })
      },
    )

    app.delete(
      '/api/admin/mail/intake',
      { schema: { response: { 200: intakeSettingsResponseSchema, ...errors } } },
      async (request) => {
        const account = request.account!
        const organisationId = account.organisation.id
        return db.transaction(async (tx) => {
          const before = await current(tx, organisationId)
          await clearIntakeSettings(tx, organisationId)
          await recordAdminAction(tx, account, {
            action: 'mail.intake_saved',
            target: { kind: 'settings', id: null, name: 'e-mail intake' },
            details: audit(before, null),
          })
          return current(tx, organisationId)
        })
      },
    )
  }
