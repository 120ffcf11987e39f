import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalKbIndex, localArticlesForTags, searchLocal, type LocalKbIndex } from '@shared/kb/localSearch'
import { findingTagCases, relevanceTable } from '@shared/kb/relevanceTable'
import { kbSearchQuerySchema, kbTagQuerySchema } from '@shared/kb/search'
import { createAccount, createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { articlesForTags, searchArticles } from './search'
import { loadStarterArticles, seedKnowledgeBase } from './starter'

const top3 = (keys: Array<string | undefined>) => keys.slice(0, 3)

for (const backend of testBackends()) {
  describe(`knowledge-base relevance on the hub (${backend.name})`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let organisationId: string
    let keyOf: Map<string, string>

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const seeded = await db.transaction(async (tx) => {
        const organisation = await createOrganisation(tx, 'Relevance')
        const author = await createAccount(tx, {
          organisationId: organisation.id,
          email: `kb-${backend.name}@relevance.example`,
          displayName: 'Kim Author',
          role: 'admin',
          passwordHash: 'unused',
        })
        return { organisationId: organisation.id, ids: await seedKnowledgeBase(tx, organisation.id, author) }
      })
      organisationId = seeded.organisationId
      keyOf = new Map([...seeded.ids].map(([key, id]) => [id, key]))
    })
    afterAll(async () => {
      await db.drop()
    })

    it.each(relevanceTable)(
      '"$query" ($language) finds $expected in the top 3',
      async ({ query, language, expected }) => {
        const hits = await searchArticles(db, organisationId, kbSearchQuerySchema.parse({ q: query, language }))
        expect(top3(hits.map((hit) => keyOf.get(hit.id)))).toContain(expected)
      },
    )

    it.each(relevanceTable)('"$query" in any language finds $expected in the top 3', async ({ query, expected }) => {
      const hits = await searchArticles(db, organisationId, kbSearchQuerySchema.parse({ q: query, language: 'any' }))
      expect(top3(hits.map((hit) => keyOf.get(hit.id)))).toContain(expected)
    })

    it.each(findingTagCases)('finding tags $tags suggest $expected first', async ({ tags, expected }) => {
      const hits = await articlesForTags(
        db,
        organisationId,
        kbTagQuerySchema.parse({ tags: tags.join(','), language: 'de' }),
      )
      expect(top3(hits.map((hit) => keyOf.get(hit.id)))).toContain(expected)
    })

    it('returns nothing for text no article is about, and stays within a category', async () => {
      expect(
        await searchArticles(
          db,
          organisationId,
          kbSearchQuerySchema.parse({ q: 'quarterly sales forecast xylophone' }),
        ),
      ).toEqual([])
      const hits = await searchArticles(
        db,
        organisationId,
        kbSearchQuerySchema.parse({ q: 'Drucker', category: 'network' }),
      )
      expect(hits.every((hit) => hit.category === 'network')).toBe(true)
    })
  })
}

describe('knowledge-base relevance offline (MiniSearch)', () => {
  let index: LocalKbIndex
  beforeAll(() => {
    const articles = loadStarterArticles().map(({ key, category, tags, translations }) => ({
      id: key,
      category,
      tags,
      status: 'published' as const,
      translations,
    }))
    index = createLocalKbIndex(articles)
  })

  it.each(relevanceTable)('"$query" ($language) finds $expected in the top 3', ({ query, language, expected }) => {
    expect(top3(searchLocal(index, query, { language }).map((hit) => hit.id))).toContain(expected)
  })

  it.each(relevanceTable)('"$query" in any language finds $expected in the top 3', ({ query, expected }) => {
    expect(top3(searchLocal(index, query).map((hit) => hit.id))).toContain(expected)
  })

  it.each(findingTagCases)('finding tags $tags suggest $expected first', ({ tags, expected }) => {
    expect(top3(localArticlesForTags(index, tags).map((hit) => hit.id))).toContain(expected)
  })
})
