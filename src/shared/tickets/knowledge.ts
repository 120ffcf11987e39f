import { z } from 'zod'
import type { Ticket } from './model'
import { isFinished } from './status'

/** Most articles one ticket can link: more is noise, not knowledge. */
export const maxLinkedArticles = 20
export const linkedArticleTitleMax = 200

/** What the agent says an article did for this ticket. */
export const articleVerdicts = ['solved', 'not_helpful'] as const
export const articleVerdictSchema = z.enum(articleVerdicts, { error: 'verdict must be "solved" or "not_helpful"' })
export type ArticleVerdict = z.infer<typeof articleVerdictSchema>

/** An article linked to a ticket; the title is kept so the ticket reads well offline. */
export const linkedArticleSchema = z.object({
  id: z.uuid(),
  title: z.string().trim().min(1).max(linkedArticleTitleMax),
  verdict: articleVerdictSchema.nullable(),
})
export type LinkedArticle = z.infer<typeof linkedArticleSchema>

export const linkArticlePayloadSchema = z.object({
  articleId: z.uuid({ error: 'articleId must be an article id (a UUID)' }),
  title: z
    .string({ error: 'title is required' })
    .trim()
    .min(1, { error: 'title must not be empty' })
    .max(linkedArticleTitleMax, { error: `title has at most ${linkedArticleTitleMax} characters` }),
})

export const rateArticlePayloadSchema = z.object({
  articleId: z.uuid({ error: 'articleId must be an article id (a UUID)' }),
  verdict: articleVerdictSchema,
})

export const linkedArticles = (ticket: Ticket): readonly LinkedArticle[] => ticket.articles ?? []

/** A ticket resolved (or closed) with at least one linked article was solved with the knowledge base's help. */
export function isKnowledgeAssisted(ticket: Ticket): boolean {
  return isFinished(ticket.status) && linkedArticles(ticket).length > 0
}
