import { articleTranslationsSchema, type Article, type ArticleAudience, type ArticleStatus } from '@shared/kb/article'

/** The columns every article query selects, in the shape `toArticle` reads. */
export const articleColumns = `a.id, a.organisation_id, a.category, a.tags, a.audience, a.status, a.version,
  a.translations, a.created_at, a.updated_at`

export interface ArticleRow {
  id: string
  organisation_id: string
  category: string
  tags: string[]
  audience: ArticleAudience
  status: ArticleStatus
  version: number
  translations: unknown
  created_at: Date | string
  updated_at: Date | string
}

export const isoTime = (value: Date | string): string => new Date(value).toISOString()

/** Stored rows are parsed like any other input: a damaged row fails loudly instead of reaching a client. */
export function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    category: row.category,
    tags: row.tags,
    audience: row.audience,
    status: row.status,
    version: row.version,
    translations: articleTranslationsSchema.parse(row.translations),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  }
}
