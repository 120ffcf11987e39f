import { z } from 'zod'
import { articleSchema, type Article, type ArticleInput } from '@shared/kb/article'
import {
  articleFeedbackResponseSchema,
  kbChangesResponseSchema,
  type ArticleFeedback,
  type KbChangesResponse,
} from '@shared/kb/feedback'
import { request } from '../../platform/hubClient'

/** The hub's knowledge-base endpoints the Console uses; every answer is parsed before use. */
export interface KbHub {
  changes(after: number): Promise<KbChangesResponse>
  feedback(): Promise<ArticleFeedback[]>
  listByStatus(status: 'draft' | 'in_review' | 'published'): Promise<Article[]>
  create(input: ArticleInput): Promise<Article>
  publish(id: string, baseVersion: number): Promise<Article>
}

export function kbHub(hubUrl: string, token: string): KbHub {
  return {
    changes: (after) =>
      request(hubUrl, `/api/kb/changes?after=${after}`, (json) => kbChangesResponseSchema.parse(json), { token }),
    feedback: () =>
      request(hubUrl, '/api/kb/feedback', (json) => articleFeedbackResponseSchema.parse(json).feedback, { token }),
    listByStatus: (status) =>
      request(
        hubUrl,
        `/api/kb/articles?status=${status}`,
        (json) => z.object({ articles: z.array(articleSchema) }).parse(json).articles,
        { token },
      ),
    create: (input) =>
      request(hubUrl, '/api/kb/articles', (json) => articleSchema.parse(json), {
        method: 'POST',
        token,
        body: JSON.stringify(input),
      }),
    publish: (id, baseVersion) =>
      request(hubUrl, `/api/kb/articles/${id}/publish`, (json) => articleSchema.parse(json), {
        method: 'POST',
        token,
        body: JSON.stringify({ baseVersion }),
      }),
  }
}
