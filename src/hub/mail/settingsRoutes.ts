import { X509Certificate } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { hubErrorSchema } from '@shared/auth'
import {
  mailSettingsInputSchema,
  mailSettingsResponseSchema,
  mailTestInputSchema,
  mailTestResultSchema,
  type MailSettings,
} from '@shared/mail/settings'
import { recordAdminAction } from '../audit/adminAudit'
import { requireAccount } from '../routes/requireAccount'
import type { SecretBox } from '../signIn/secretBox'
import type { Database, Queryable } from '../storage/db'
import { findMailSettings } from './outbox'
import { sendMail, type SmtpOptions } from './sender'
import { smtpPasswordContext } from './worker'

const adminOnly = { error: 'forbidden', message: 'Only an administrator may change how the desk sends e-mail.' }
const errors = { 400: hubErrorSchema, 401: hubErrorSchema, 403: hubErrorSchema, 409: hubErrorSchema }

async function publicSettings(q: Queryable, organisationId: string): Promise<MailSettings | null> {
  const stored = await findMailSettings(q, organisationId)
  return stored ? { ...stored.data, passwordSet: stored.sealedPassword !== null } : null
}

/** Why the PEM text holds no readable certificate, or null when every block is one. */
function unreadableCertificate(pem: string): string | null {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []
  for (const block of blocks) {
    try {
      new X509Certificate(block)
    } catch {
      return 'The CA certificate cannot be read; paste the whole PEM text of the certificate.'
    }
  }
  return blocks.length > 0 ? null : 'The CA certificate must be in PEM form (-----BEGIN CERTIFICATE----- …)'
}

const testTexts = {
  en: {
    subject: 'Test mail from the support desk',
    text: 'This is a test mail. If you read it, the desk can send e-mail.',
  },
  de: {
    subject: 'Testmail des Support-Desks',
    text: 'Dies ist eine Testmail. Wenn Sie sie lesen, kann der Desk E-Mails versenden.',
  },
}

/** SMTP settings of the admin's own organisation, and a test mail that reports the server's answer. */
export const mailSettingsRoutes =
  (db: Database, secrets: SecretBox, smtp: SmtpOptions = {}): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.addHook('preHandler', async (request, reply) => {
      if (request.account && request.account.role !== 'admin') await reply.code(403).send(adminOnly)
    })

    app.get(
      '/api/admin/mail',
      { schema: { response: { 200: mailSettingsResponseSchema, ...errors } } },
      async (request) => ({
        settings: await publicSettings(db, request.account!.organisation.id),
      }),
    )

    app.put(
      '/api/admin/mail',
      { schema: { body: mailSettingsInputSchema, response: { 200: mailSettingsResponseSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const organisationId = account.organisation.id
        const { password, ...data } = request.body
        const caProblem = data.tlsCa ? unreadableCertificate(data.tlsCa) : null
        if (caProblem) return reply.code(400).send({ error: 'invalid_request', message: caProblem })
        await db.transaction(async (tx) => {
          const before = await findMailSettings(tx, organisationId)
          const sealed =
            password === undefined
              ? (before?.sealedPassword ?? null)
              : password === null
                ? null
                : secrets.seal(password, smtpPasswordContext(organisationId))
          // Merged into what is stored: the intake settings kept beside the SMTP ones stay.
          await tx.query(
            `insert into mail_settings (organisation_id, data, smtp_password, updated_at) values ($1, $2, $3, now())
             on conflict (organisation_id) do update set data = mail_settings.data || excluded.data,
               smtp_password = excluded.smtp_password, updated_at = now()`,
            [organisationId, JSON.stringify(data), sealed],
          )
          await recordAdminAction(tx, account, {
            action: 'mail.settings_saved',
            target: { kind: 'settings', id: null, name: 'e-mail' },
            details: { before: before?.data ?? null, after: data, passwordChanged: password !== undefined },
          })
        })
        return { settings: await publicSettings(db, organisationId) }
      },
    )

    app.post(
      '/api/admin/mail/test',
      { schema: { body: mailTestInputSchema, response: { 200: mailTestResultSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const organisationId = account.organisation.id
        const stored = await findMailSettings(db, organisationId)
        if (!stored)
          return reply
            .code(409)
            .send({ error: 'conflict', message: 'Save the SMTP settings before sending a test mail.' })
        const password = stored.sealedPassword
          ? secrets.open(stored.sealedPassword, smtpPasswordContext(organisationId))
          : null
        if (stored.sealedPassword && password === null)
          return reply.code(409).send({
            error: 'conflict',
            message: 'The stored SMTP password cannot be opened with this hub’s key; enter it again.',
          })
        const texts = testTexts[stored.data.language]
        const domain = stored.data.senderAddress.slice(stored.data.senderAddress.lastIndexOf('@') + 1)
        const outcome = await sendMail(
          stored.data,
          password,
          {
            to: request.body.to,
            subject: texts.subject,
            text: `${texts.text}\n\n${stored.data.signature}`.trim(),
            html: `<p>${texts.text}</p>`,
            messageId: `<test-${crypto.randomUUID()}@${domain}>`,
            inReplyTo: null,
            references: '',
            language: stored.data.language,
          },
          smtp,
        )
        await db.transaction((tx) =>
          recordAdminAction(tx, account, {
            action: 'mail.test_sent',
            target: { kind: 'settings', id: null, name: 'e-mail' },
            details: { to: request.body.to, ok: outcome.ok, response: outcome.response },
          }),
        )
        return { ok: outcome.ok, response: outcome.response }
      },
    )
  }
