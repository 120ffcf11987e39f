import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import type { Article } from '@shared/kb/article'
import type { ArticleFeedback } from '@shared/kb/feedback'
import { createLocalKbIndex, type LocalKbIndex } from '@shared/kb/localSearch'
import type { ConsoleDb } from './db'

const empty = createLocalKbIndex<Article>([])

/**
 * The offline search index over the cached published articles, rebuilt when the cache changes
 * (a refresh writes all its articles in one transaction, so that is one rebuild per sync that
 * brought changes).
 */
export function useKbIndex(db: ConsoleDb): LocalKbIndex<Article> {
  const articles = useLiveQuery(() => db.kbArticles.toArray(), [db])
  return useMemo(() => (articles ? createLocalKbIndex(articles) : empty), [articles])
}

export function useKbFeedback(db: ConsoleDb): ReadonlyMap<string, ArticleFeedback> {
  const rows = useLiveQuery(() => db.kbFeedback.toArray(), [db])
  return useMemo(() => new Map((rows ?? []).map((row) => [row.articleId, row])), [rows])
}
