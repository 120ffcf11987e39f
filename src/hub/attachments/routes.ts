import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import { attachmentListSchema, attachmentSchema, uploadQuerySchema } from '@shared/attachments/schema'
import { contentDisposition, downloadType } from '@shared/attachments/sniff'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { findTicket } from '../tickets/repository'
import type { AttachmentLimits } from './limits'
import { attachmentContent, deleteUnlinkedAttachment, findAttachment, ticketAttachments } from './repository'
import { storeAttachment } from './service'

const params = z.object({ id: z.uuid() })
const errors = {
  400: hubErrorSchema,
  401: hubErrorSchema,
  404: hubErrorSchema,
  409: hubErrorSchema,
  413: hubErrorSchema,
  415: hubErrorSchema,
}
/** A file's bytes: Fastify sends a Buffer as it is, past the JSON serializer. */
const fileBytes = { 200: z.instanceof(Buffer), ...errors }
const noTicket = { error: 'not_found', message: 'There is no such ticket.' }
const noAttachment = { error: 'not_found', message: 'There is no such attachment.' }

/** Nothing in a served file runs: no script, no plugin, no form, no frame, no sniffing a type. */
const servedFilePolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

/**
 * Ticket attachments: the raw file is the body of the upload (any Content-Type; the hub sniffs the
 * bytes itself), the name is in the query string. Downloads always leave as attachments; only
 * raster images are also served inline, as previews.
 */
export const attachmentRoutes =
  (db: Database, limits: AttachmentLimits): FastifyPluginAsyncZod =>
  async (app) => {
    // Before the body is read, so nobody unsigned-in makes the hub buffer a file.
    app.addHook('onRequest', requireAccount(db))
    // Whatever the Content-Type says (text/plain, JSON, an image type), the body is the file's bytes.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.maxFileBytes }, (_request, body, done) =>
      done(null, body),
    )

    app.post(
      '/api/tickets/:id/attachments',
      {
        bodyLimit: limits.maxFileBytes,
        schema: { params, querystring: uploadQuerySchema, response: { 201: attachmentSchema, ...errors } },
      },
      async (request, reply) => {
        const account = request.account!
        const organisationId = account.organisation.id
        const body = request.body
        if (!Buffer.isBuffer(body)) {
          return reply.code(415).send({ error: 'unsupported_media_type', message: 'Send the file itself as the body.' })
        }
        if (!(await findTicket(db, organisationId, request.params.id))) return reply.code(404).send(noTicket)
        const outcome = await db.transaction((tx) =>
          storeAttachment(
            tx,
            {
              organisationId,
              ticketId: request.params.id,
              fileName: request.query.name,
              declaredType: request.headers['content-type'] ?? null,
              content: body,
              source: 'upload',
              uploadedBy: { id: account.id, name: account.displayName },
            },
            limits,
          ),
        )
        if (!outcome.ok) {
          const status = outcome.reason === 'empty' ? 400 : outcome.reason === 'too_large' ? 413 : 409
          return reply.code(status).send({ error: outcome.reason, message: outcome.message })
        }
        return reply.code(201).send(outcome.attachment)
      },
    )

    app.get(
      '/api/tickets/:id/attachments',
      { schema: { params, response: { 200: attachmentListSchema, ...errors } } },
      async (request, reply) => {
        const organisationId = request.account!.organisation.id
        if (!(await findTicket(db, organisationId, request.params.id))) return reply.code(404).send(noTicket)
        return { attachments: await ticketAttachments(db, organisationId, request.params.id) }
      },
    )

    app.get('/api/attachments/:id/content', { schema: { params, response: fileBytes } }, async (request, reply) => {
      const found = await attachmentContent(db, request.account!.organisation.id, request.params.id)
      if (!found) return reply.code(404).send(noAttachment)
      return reply
        .headers({
          'content-type': downloadType(found.attachment.contentType),
          'content-disposition': contentDisposition('attachment', found.attachment.fileName),
          'x-content-type-options': 'nosniff',
          'content-security-policy': servedFilePolicy,
          'cache-control': 'private, no-store',
          'x-attachment-sha256': found.attachment.sha256,
        })
        .send(found.content)
    })

    app.get('/api/attachments/:id/preview', { schema: { params, response: fileBytes } }, async (request, reply) => {
      const organisationId = request.account!.organisation.id
      const meta = await findAttachment(db, organisationId, request.params.id)
      if (!meta) return reply.code(404).send(noAttachment)
      if (!meta.previewable) {
        return reply
          .code(415)
          .send({ error: 'no_preview', message: 'Only PNG, JPEG, GIF and WebP images have a preview.' })
      }
      const found = (await attachmentContent(db, organisationId, meta.id))!
      return reply
        .headers({
          'content-type': found.attachment.contentType,
          'content-disposition': contentDisposition('inline', found.attachment.fileName),
          'x-content-type-options': 'nosniff',
          'content-security-policy': servedFilePolicy,
          'cache-control': 'private, no-store',
        })
        .send(found.content)
    })

    app.delete(
      '/api/attachments/:id',
      { schema: { params, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const organisationId = request.account!.organisation.id
        if (await deleteUnlinkedAttachment(db, organisationId, request.params.id)) return reply.code(204).send(null)
        if (await findAttachment(db, organisationId, request.params.id)) {
          return reply
            .code(409)
            .send({ error: 'conflict', message: 'A reply or note carries this attachment; it stays with the ticket.' })
        }
        return reply.code(404).send(noAttachment)
      },
    )
  }
