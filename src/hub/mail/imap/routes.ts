import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema, type Account } from '@shared/auth'
import {
  mailboxInputSchema,
  mailboxListSchema,
  mailboxSchema,
  mailboxTestResultSchema,
  type MailboxInput,
} from '@shared/mail/inboundMailbox'
import { recordAdminAction } from '../../audit/adminAudit'
import { requireAccount } from '../../routes/requireAccount'
import type { SecretBox } from '../../signIn/secretBox'
import type { Database } from '../../storage/db'
import { testMailbox } from './connection'
import { createMailbox, deleteMailbox, findMailbox, listMailboxes, publicMailbox, updateMailbox } from './mailboxes'

const adminOnly = { error: 'forbidden', message: 'Only an administrator may change the mailboxes the hub reads.' }
const notFound = { error: 'not_found', message: 'There is no such mailbox.' }
const params = z.object({ id: z.uuid() })
const errors = { 400: hubErrorSchema, 403: hubErrorSchema, 404: hubErrorSchema }

/** What the audit log keeps of a mailbox: its settings, never its password. */
function auditDetails(input: MailboxInput) {
  const { password, ...rest } = input
  return { ...rest, passwordChanged: password !== undefined }
}

export interface MailboxAdminHooks {
  /** A mailbox was added, changed or removed: the reader reads it anew or stops. */
  changed(mailboxId: string): Promise<void>
}

/** The mailboxes of the admin's own organisation that e-mail intake reads. */
export const mailboxAdminRoutes =
  (db: Database, secrets: SecretBox, hooks: MailboxAdminHooks): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.addHook('preHandler', async (request, reply) => {
      if (request.account && request.account.role !== 'admin') await reply.code(403).send(adminOnly)
    })
    const org = (account: Account) => account.organisation.id

    app.get(
      '/api/admin/mailboxes',
      { schema: { response: { 200: mailboxListSchema, ...errors } } },
      async (request) => ({
        mailboxes: (await listMailboxes(db, secrets, org(request.account!))).map(publicMailbox),
      }),
    )

    app.post(
      '/api/admin/mailboxes',
      { schema: { body: mailboxInputSchema, response: { 201: mailboxSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const { password } = request.body
        if (!password)
          return reply.code(400).send({ error: 'invalid_request', message: 'password: a new mailbox needs one' })
        const id = await db.transaction(async (tx) => {
          const created = await createMailbox(tx, secrets, org(account), { ...request.body, password })
          await recordAdminAction(tx, account, {
            action: 'mailbox.added',
            target: { kind: 'settings', id: created, name: request.body.name },
            details: auditDetails(request.body),
          })
          return created
        })
        await hooks.changed(id)
        return reply.code(201).send(publicMailbox((await findMailbox(db, secrets, id, org(account)))!))
      },
    )

    app.put(
      '/api/admin/mailboxes/:id',
      { schema: { params, body: mailboxInputSchema, response: { 200: mailboxSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const updated = await db.transaction(async (tx) => {
          if (!(await updateMailbox(tx, secrets, org(account), request.params.id, request.body))) return false
          await recordAdminAction(tx, account, {
            action: 'mailbox.updated',
            target: { kind: 'settings', id: request.params.id, name: request.body.name },
            details: auditDetails(request.body),
          })
          return true
        })
        if (!updated) return reply.code(404).send(notFound)
        await hooks.changed(request.params.id)
        return publicMailbox((await findMailbox(db, secrets, request.params.id, org(account)))!)
      },
    )

    app.delete(
      '/api/admin/mailboxes/:id',
      { schema: { params, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const removed = await db.transaction(async (tx) => {
          const name = await deleteMailbox(tx, org(account), request.params.id)
          if (name === null) return false
          await recordAdminAction(tx, account, {
            action: 'mailbox.removed',
            target: { kind: 'settings', id: request.params.id, name },
          })
          return true
        })
        if (!removed) return reply.code(404).send(notFound)
        await hooks.changed(request.params.id)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/admin/mailboxes/:id/test',
      { schema: { params, response: { 200: mailboxTestResultSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const mailbox = await findMailbox(db, secrets, request.params.id, org(account))
        if (!mailbox) return reply.code(404).send(notFound)
        const result = await testMailbox(mailbox)
        await recordAdminAction(db, account, {
          action: 'mailbox.tested',
          target: { kind: 'settings', id: mailbox.id, name: mailbox.name },
          details: { ok: result.ok, stage: result.stage },
        })
        return result
      },
    )
  }
