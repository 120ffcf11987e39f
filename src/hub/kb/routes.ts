import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import { articleInputSchema, articleSchema, articleUpdateSchema, articleVersionSchema } from '@shared/kb/article'
import {
  articleFeedbackResponseSchema,
  kbChangesQuerySchema,
  kbChangesResponseSchema,
  knowledgeStatsSchema,
} from '@shared/kb/feedback'
import { kbListQuerySchema, kbSearchQuerySchema, kbSearchResponseSchema, kbTagQuerySchema } from '@shared/kb/search'
import type { Database } from '../storage/db'
import { requireAccount } from '../routes/requireAccount'
import { canPublish, statusAfterEdit } from './policy'
import { knowledgeStats, listArticleFeedback } from './feedback'
import {
  articlesChangedAfter,
  changeArticle,
  getArticle,
  insertArticle,
  listArticles,
  listVersions,
  type ChangeResult,
} from './repository'
import { articlesForTags, searchArticles } from './search'

const idParams = z.object({ id: z.uuid({ error: 'id must be an article id (a UUID)' }) })
const publishBody = z.object({ baseVersion: z.int().min(1).optional() }).default({})
const errors = { 403: hubErrorSchema, 404: hubErrorSchema, 409: hubErrorSchema }

const notFound = (reply: FastifyReply) =>
  reply.code(404).send({ error: 'not_found', message: 'Your organisation has no knowledge-base article with this id.' })

function sendChange(reply: FastifyReply, result: ChangeResult) {
  if (result.ok) return reply.send(result.article)
  if (result.reason === 'not_found') return notFound(reply)
  return reply.code(409).send({
    error: 'version_conflict',
    message: `The article was changed meanwhile and is at version ${result.currentVersion} now; reload it and apply your change again.`,
  })
}

/** Knowledge base: search for every signed-in role, authoring for all, publishing for reviewers. */
export const kbRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))

    app.get(
      '/api/kb/search',
      { schema: { querystring: kbSearchQuerySchema, response: { 200: kbSearchResponseSchema } } },
      async (request) => ({
        hits: await searchArticles(db, request.account!.organisation.id, request.query),
      }),
    )

    app.get(
      '/api/kb/suggestions',
      { schema: { querystring: kbTagQuerySchema, response: { 200: kbSearchResponseSchema } } },
      async (request) => ({
        hits: await articlesForTags(db, request.account!.organisation.id, request.query),
      }),
    )

    app.get(
      '/api/kb/articles',
      { schema: { querystring: kbListQuerySchema, response: { 200: z.object({ articles: z.array(articleSchema) }) } } },
      async (request) => ({ articles: await listArticles(db, request.account!.organisation.id, request.query) }),
    )

    app.get(
      '/api/kb/changes',
      { schema: { querystring: kbChangesQuerySchema, response: { 200: kbChangesResponseSchema } } },
      async (request) => articlesChangedAfter(db, request.account!.organisation.id, request.query.after),
    )

    app.get('/api/kb/feedback', { schema: { response: { 200: articleFeedbackResponseSchema } } }, async (request) => ({
      feedback: await listArticleFeedback(db, request.account!.organisation.id),
    }))

    app.get('/api/kb/stats', { schema: { response: { 200: knowledgeStatsSchema } } }, async (request) =>
      knowledgeStats(db, request.account!.organisation.id),
    )

    app.get(
      '/api/kb/articles/:id',
      { schema: { params: idParams, response: { 200: articleSchema, ...errors } } },
      async (request, reply) => {
        const article = await getArticle(db, request.account!.organisation.id, request.params.id)
        return article ? article : notFound(reply)
      },
    )

    app.get(
      '/api/kb/articles/:id/versions',
      {
        schema: {
          params: idParams,
          response: { 200: z.object({ versions: z.array(articleVersionSchema) }), ...errors },
        },
      },
      async (request, reply) => {
        const versions = await listVersions(db, request.account!.organisation.id, request.params.id)
        return versions ? { versions } : notFound(reply)
      },
    )

    app.post(
      '/api/kb/articles',
      { schema: { body: articleInputSchema, response: { 201: articleSchema } } },
      async (request, reply) => {
        const account = request.account!
        const article = await db.transaction((tx) =>
          insertArticle(tx, account.organisation.id, account.id, request.body),
        )
        return reply.code(201).send(article)
      },
    )

    app.put(
      '/api/kb/articles/:id',
      {
        schema: {
          params: idParams,
          body: articleUpdateSchema,
          response: { 200: articleSchema, 400: hubErrorSchema, ...errors },
        },
      },
      async (request, reply) => {
        const account = request.account!
        const { baseVersion, status, ...content } = request.body
        const result = await db.transaction(
          async (tx): Promise<ChangeResult | { ok: false; reason: 'forbidden'; message: string }> => {
            const current = await getArticle(tx, account.organisation.id, request.params.id)
            if (!current) return { ok: false, reason: 'not_found' }
            const next = statusAfterEdit(account.role, current.status, status)
            if (!next.ok) return { ok: false, reason: 'forbidden', message: next.message }
            return changeArticle(tx, {
              organisationId: account.organisation.id,
              authorId: account.id,
              id: current.id,
              baseVersion,
              status: next.status,
              content,
            })
          },
        )
        if (!result.ok && result.reason === 'forbidden')
          return reply.code(403).send({ error: 'forbidden', message: result.message })
        return sendChange(reply, result)
      },
    )

    app.post(
      '/api/kb/articles/:id/publish',
      { schema: { params: idParams, body: publishBody, response: { 200: articleSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        if (!canPublish(account.role)) {
          return reply.code(403).send({
            error: 'forbidden',
            message: 'Only a specialist or an admin can publish articles; ask one to review this article.',
          })
        }
        const result = await db.transaction(async (tx): Promise<ChangeResult> => {
          const current = await getArticle(tx, account.organisation.id, request.params.id)
          if (!current) return { ok: false, reason: 'not_found' }
          const baseVersion = request.body.baseVersion ?? current.version
          // Publishing what is already published changes nothing and writes no new version.
          if (current.status === 'published' && baseVersion === current.version) return { ok: true, article: current }
          return changeArticle(tx, {
            organisationId: account.organisation.id,
            authorId: account.id,
            id: current.id,
            baseVersion,
            status: 'published',
          })
        })
        return sendChange(reply, result)
      },
    )
  }
