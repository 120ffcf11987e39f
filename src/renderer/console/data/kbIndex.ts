import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import type { Article } from '@shared/kb/article'
import type { ArticleFeedback } from '@shared/kb/feedback'
import { createLocalKbIndex, type LocalKbIndex } from '@shared/kb/localSearch'
import type { ConsoleDb } from './db'

const empty = createLocalKbIndex<Article>([])

// One index per database, shared by every panel that searches: building it for thousands of
// articles takes a noticeable moment, so it happens once per change of the cache, not per view.
const built = new WeakMap<ConsoleDb, { key: string; index: LocalKbIndex<Article> }>()

/** Changes whenever a refresh stored, changed or removed an article. */
function cacheKey(articles: readonly Article[]): string {
  let newest = ''
  for (const article of articles) if (article.updatedAt > newest) newest = article.updatedAt
  return `${articles.length}:${newest}`
}

/** The offline search index over the cached published articles. */
export function useKbIndex(db: ConsoleDb): LocalKbIndex<Article> {
  const articles = useLiveQuery(() => db.kbArticles.toArray(), [db])
  return useMemo(() => {
    if (!articles) return built.get(db)?.index ?? empty
    const key = cacheKey(articles)
    const known = built.get(db)
    if (known?.key === key) return known.index
    const index = createLocalKbIndex(articles)
    built.set(db, { key, index })
    return index
  }, [db, articles])
}

export function useKbFeedback(db: ConsoleDb): ReadonlyMap<string, ArticleFeedback> {
  const rows = useLiveQuery(() => db.kbFeedback.toArray(), [db])
  return useMemo(() => new Map((rows ?? []).map((row) => [row.articleId, row])), [rows])
}
