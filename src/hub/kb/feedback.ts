import type { ArticleFeedback, KnowledgeStats } from '@shared/kb/feedback'
import { isFlaggedForReview } from '@shared/kb/feedback'
import type { TicketCommand } from '@shared/tickets/commands'
import type { Queryable } from '../storage/db'

/** Is this a published article of the organisation? Only those can be linked to a ticket. */
export async function isPublishedArticle(db: Queryable, organisationId: string, articleId: string): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from kb_articles where id = $1 and organisation_id = $2 and status = 'published'`,
    [articleId, organisationId],
  )
  return (row?.n ?? 0) > 0
}

/**
 * Mirrors an applied link or verdict into the per-article counts, inside the command's transaction.
 * Called only when the command changed the ticket, so a repeated command counts once.
 */
export async function recordArticleFeedback(
  tx: Queryable,
  organisationId: string,
  command: TicketCommand,
  at: string,
): Promise<void> {
  if (command.type === 'link_article') {
    await tx.query(
      `insert into kb_article_feedback (organisation_id, article_id, ticket_id, verdict, linked_at)
       values ($1, $2, $3, null, $4) on conflict (article_id, ticket_id) do nothing`,
      [organisationId, command.payload.articleId, command.ticketId, at],
    )
  } else if (command.type === 'rate_article') {
    await tx.query(
      `update kb_article_feedback set verdict = $4, rated_at = $5
       where organisation_id = $1 and article_id = $2 and ticket_id = $3`,
      [organisationId, command.payload.articleId, command.ticketId, command.payload.verdict, at],
    )
  }
}

interface FeedbackRow {
  article_id: string
  links: number
  solved: number
  not_helpful: number
}

/** Counts for every article of the organisation that was ever linked, with the review flag. */
export async function listArticleFeedback(db: Queryable, organisationId: string): Promise<ArticleFeedback[]> {
  const rows = await db.query<FeedbackRow>(
    `select article_id, count(*)::int as links,
       count(*) filter (where verdict = 'solved')::int as solved,
       count(*) filter (where verdict = 'not_helpful')::int as not_helpful
     from kb_article_feedback where organisation_id = $1
     group by article_id order by article_id`,
    [organisationId],
  )
  return rows.map((row) => {
    const counts = { links: row.links, solved: row.solved, notHelpful: row.not_helpful }
    return { articleId: row.article_id, ...counts, flagged: isFlaggedForReview(counts) }
  })
}

/** How many finished tickets were solved with a linked article. */
export async function knowledgeStats(db: Queryable, organisationId: string): Promise<KnowledgeStats> {
  const [row] = await db.query<{ finished: number; assisted: number }>(
    `select count(*)::int as finished,
       count(*) filter (where exists (
         select 1 from kb_article_feedback f where f.ticket_id = t.id and f.organisation_id = t.organisation_id
       ))::int as assisted
     from tickets t where t.organisation_id = $1 and t.status in ('resolved', 'closed')`,
    [organisationId],
  )
  const finished = row?.finished ?? 0
  const assisted = row?.assisted ?? 0
  return { finishedTickets: finished, knowledgeAssisted: assisted, share: finished === 0 ? 0 : assisted / finished }
}
