import { z } from 'zod'
import { articleSchema } from './article'

/** How often an article was linked to tickets and what agents said it did there. */
export const articleFeedbackSchema = z.object({
  articleId: z.uuid(),
  links: z.int().min(0),
  solved: z.int().min(0),
  notHelpful: z.int().min(0),
  /** Rated "did not help" often: a specialist should look at it (see `isFlaggedForReview`). */
  flagged: z.boolean(),
})
export type ArticleFeedback = z.infer<typeof articleFeedbackSchema>

export const articleFeedbackResponseSchema = z.object({ feedback: z.array(articleFeedbackSchema) })

/** Minimum "did not help" verdicts before an article is flagged; one unlucky ticket is no signal. */
export const flagMinNotHelpful = 3

/**
 * The review rule: at least three "did not help" verdicts, and they are more than half of all
 * verdicts given. An article that often solves tickets but sometimes does not stays unflagged.
 */
export function isFlaggedForReview(counts: { solved: number; notHelpful: number }): boolean {
  return counts.notHelpful >= flagMinNotHelpful && counts.notHelpful * 2 > counts.solved + counts.notHelpful
}

export const knowledgeStatsSchema = z.object({
  /** Resolved or closed tickets of the organisation. */
  finishedTickets: z.int().min(0),
  /** Of those, tickets with at least one linked article: resolved with the knowledge base's help. */
  knowledgeAssisted: z.int().min(0),
  share: z.number().min(0).max(1),
})
export type KnowledgeStats = z.infer<typeof knowledgeStatsSchema>

/**
 * Articles changed after the change number `after` (any status: an article that left `published`
 * must leave the Console's cache too), oldest change first, for the Console's incremental refresh.
 */
export const kbChangesQuerySchema = z.object({
  after: z.coerce
    .number({ error: 'after must be a change number' })
    .int({ error: 'after must be a whole number' })
    .nonnegative({ error: 'after must not be negative' })
    .default(0),
})

export const kbChangesResponseSchema = z.object({
  articles: z.array(articleSchema),
  /** Pass as `after` next time. */
  cursor: z.int().nonnegative(),
})
export type KbChangesResponse = z.infer<typeof kbChangesResponseSchema>
