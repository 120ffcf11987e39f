import type { KbHub } from './kbHub'
import type { ConsoleDb } from './db'

/**
 * Brings the offline knowledge base up to date: articles changed since the last refresh (an
 * article that is no longer published leaves the cache), then the per-article counts. The cursor
 * moves only in the transaction that stored the articles, so an interrupted refresh repeats.
 */
export async function refreshKnowledgeBase(db: ConsoleDb, hub: KbHub): Promise<void> {
  const stored = (await db.kbState.get('cursor'))?.value
  const { articles, cursor } = await hub.changes(typeof stored === 'number' ? stored : 0)
  const feedback = await hub.feedback()
  await db.transaction('rw', [db.kbArticles, db.kbFeedback, db.kbState], async () => {
    const published = articles.filter((article) => article.status === 'published')
    const retired = articles.filter((article) => article.status !== 'published').map((article) => article.id)
    await db.kbArticles.bulkPut(published)
    await db.kbArticles.bulkDelete(retired)
    await db.kbFeedback.clear()
    await db.kbFeedback.bulkPut(feedback)
    await db.kbState.put({ key: 'cursor', value: cursor })
  })
}
