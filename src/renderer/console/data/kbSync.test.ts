import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article, ArticleStatus } from '@shared/kb/article'
import type { ArticleFeedback, KbChangesResponse } from '@shared/kb/feedback'
import { ConsoleDb } from './db'
import type { KbHub } from './kbHub'
import { refreshKnowledgeBase } from './kbSync'

const organisationId = randomUUID()
const article = (title: string, status: ArticleStatus, updatedAt: string): Article => ({
  id: randomUUID(),
  organisationId,
  category: 'hardware',
  tags: [],
  audience: 'end_user',
  status,
  version: 1,
  translations: { en: { title, symptoms: title, cause: '', steps: ['Restart'], keywords: [] } },
  createdAt: updatedAt,
  updatedAt,
})

/** A hub that answers from a list; records the cursors it was asked with. */
function fakeHub(pages: KbChangesResponse[], feedback: ArticleFeedback[] = []) {
  const asked: number[] = []
  const hub: KbHub = {
    changes: async (after) => {
      asked.push(after)
      const page = pages.shift()
      if (!page) throw new Error('hub unreachable')
      return page
    },
    feedback: async () => feedback,
    listByStatus: async () => [],
    create: async () => {
      throw new Error('not used')
    },
    publish: async () => {
      throw new Error('not used')
    },
  }
  return { hub, asked }
}

describe('knowledge-base refresh', () => {
  let db: ConsoleDb
  beforeEach(() => {
    db = new ConsoleDb(`kb-${randomUUID()}`)
  })
  afterEach(async () => {
    await db.delete()
  })

  it('stores published articles, continues from its cursor, and drops articles that left published', async () => {
    const disk = article('Disk full', 'published', '2026-11-23T09:00:00.000Z')
    const vpn = article('VPN', 'published', '2026-11-23T09:01:00.000Z')
    const draft = article('Idea', 'draft', '2026-11-23T09:02:00.000Z')
    const { hub, asked } = fakeHub(
      [
        { articles: [disk, vpn, draft], cursor: 3 },
        {
          articles: [{ ...vpn, status: 'outdated', updatedAt: '2026-11-23T10:00:00.000Z' }],
          cursor: 4,
        },
      ],
      [{ articleId: disk.id, links: 4, solved: 1, notHelpful: 3, flagged: true }],
    )

    await refreshKnowledgeBase(db, hub)
    expect((await db.kbArticles.toArray()).map((a) => a.translations.en?.title).sort()).toEqual(['Disk full', 'VPN'])
    expect(await db.kbFeedback.get(disk.id)).toMatchObject({ notHelpful: 3, flagged: true })

    await refreshKnowledgeBase(db, hub)
    expect(asked).toEqual([0, 3])
    expect((await db.kbArticles.toArray()).map((a) => a.translations.en?.title)).toEqual(['Disk full'])
    expect((await db.kbState.get('cursor'))?.value).toBe(4)
  })

  it('keeps the cache and the cursor when the hub cannot be reached', async () => {
    const disk = article('Disk full', 'published', '2026-11-23T09:00:00.000Z')
    const { hub, asked } = fakeHub([{ articles: [disk], cursor: 1 }])
    await refreshKnowledgeBase(db, hub)
    await expect(refreshKnowledgeBase(db, hub)).rejects.toThrow('hub unreachable')
    expect(await db.kbArticles.count()).toBe(1)
    expect((await db.kbState.get('cursor'))?.value).toBe(1)
    expect(asked).toEqual([0, 1])
  })
})
