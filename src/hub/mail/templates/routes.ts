import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { hubErrorSchema } from '@shared/auth'
import {
  mailPreviewInputSchema,
  mailPreviewSchema,
  mailTemplateInputSchema,
  mailTemplateKeySchema,
  mailTemplateListSchema,
  mailTemplateSchema,
  templateProblem,
} from '@shared/mail/templates'
import { recordAdminAction } from '../../audit/adminAudit'
import { requireAccount } from '../../routes/requireAccount'
import type { Database } from '../../storage/db'
import { findMailSettings } from '../outbox'
import { previewTemplate } from './preview'
import { deleteTemplate, findTemplate, listTemplates, saveTemplate } from './repository'

const adminOnly = { error: 'forbidden', message: 'Only an administrator may change the desk’s mail texts.' }
const errors = { 400: hubErrorSchema, 401: hubErrorSchema, 403: hubErrorSchema }

/**
 * The organisation's wording of each mail, per kind and language: list (built-in text where there
 * is no own one), save, reset to the built-in text, and a preview for made-up values.
 */
export const mailTemplateRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.addHook('preHandler', async (request, reply) => {
      if (request.account && request.account.role !== 'admin') await reply.code(403).send(adminOnly)
    })

    app.get(
      '/api/admin/mail/templates',
      { schema: { response: { 200: mailTemplateListSchema, ...errors } } },
      async (request) => ({ templates: await listTemplates(db, request.account!.organisation.id) }),
    )

    app.put(
      '/api/admin/mail/templates/:kind/:language',
      {
        schema: {
          params: mailTemplateKeySchema,
          body: mailTemplateInputSchema,
          response: { 200: mailTemplateSchema, ...errors },
        },
      },
      async (request, reply) => {
        const account = request.account!
        const { kind, language } = request.params
        const problem = templateProblem(kind, request.body)
        if (problem) return reply.code(400).send({ error: 'invalid_template', message: problem })
        return db.transaction(async (tx) => {
          const before = await findTemplate(tx, account.organisation.id, kind, language)
          await saveTemplate(tx, account.organisation.id, account.id, kind, language, request.body)
          await recordAdminAction(tx, account, {
            action: 'mail.template_saved',
            target: { kind: 'settings', id: null, name: `e-mail template ${kind} (${language})` },
            details: {
              kind,
              language,
              before: { subject: before.subject, body: before.body, custom: before.custom },
              after: request.body,
            },
          })
          return findTemplate(tx, account.organisation.id, kind, language)
        })
      },
    )

    app.delete(
      '/api/admin/mail/templates/:kind/:language',
      { schema: { params: mailTemplateKeySchema, response: { 200: mailTemplateSchema, ...errors } } },
      async (request) => {
        const account = request.account!
        const { kind, language } = request.params
        return db.transaction(async (tx) => {
          const before = await findTemplate(tx, account.organisation.id, kind, language)
          if (await deleteTemplate(tx, account.organisation.id, kind, language))
            await recordAdminAction(tx, account, {
              action: 'mail.template_reset',
              target: { kind: 'settings', id: null, name: `e-mail template ${kind} (${language})` },
              details: { kind, language, before: { subject: before.subject, body: before.body } },
            })
          return findTemplate(tx, account.organisation.id, kind, language)
        })
      },
    )

    app.post(
      '/api/admin/mail/templates/preview',
      { schema: { body: mailPreviewInputSchema, response: { 200: mailPreviewSchema, ...errors } } },
      async (request, reply) => {
        const { kind, language, subject, body } = request.body
        const problem = templateProblem(kind, { subject, body })
        if (problem) return reply.code(400).send({ error: 'invalid_template', message: problem })
        const settings = await findMailSettings(db, request.account!.organisation.id)
        return previewTemplate(
          kind,
          language,
          { subject, body },
          request.account!.organisation.name,
          settings?.data ?? null,
        )
      },
    )
  }
