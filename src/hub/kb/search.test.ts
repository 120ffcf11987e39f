import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleInput } from '@shared/kb/article'
import { articleInputSchema } from '@shared/kb/article'
import { kbSearchQuerySchema } from '@shared/kb/search'
import { createAccount, createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { changeArticle, insertArticle } from './repository'
import { searchArticles } from './search'

const plotter: ArticleInput = {
  category: 'peripherals',
  audience: 'end_user',
  translations: {
    de: {
      title: 'Großformatdrucker Zebraplotter zieht kein Papier ein',
      symptoms: 'Der Plotter meldet Papierstau.',
      steps: ['Rolle neu einlegen.'],
    },
    en: {
      title: 'Zebraplotter wide-format printer does not feed paper',
      symptoms: 'The plotter reports a paper jam.',
      steps: ['Load the roll again.'],
    },
  },
}

for (const backend of testBackends()) {
  describe(`hub search keeps up with new articles on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let organisationId: string
    let authorId: string
    const search = async (q: string, language: 'de' | 'en' | 'any' = 'any') =>
      (await searchArticles(db, organisationId, kbSearchQuerySchema.parse({ q, language }))).map((hit) => hit.title)

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const ids = await db.transaction(async (tx) => {
        const organisation = await createOrganisation(tx, 'Search upkeep')
        const author = await createAccount(tx, {
          organisationId: organisation.id,
          email: `search-${backend.name}@kb.example`,
          displayName: 'Kim Author',
          role: 'admin',
          passwordHash: 'unused',
        })
        return { organisationId: organisation.id, authorId: author }
      })
      organisationId = ids.organisationId
      authorId = ids.authorId
    })
    afterAll(async () => {
      await db.drop()
    })

    it('finds a draft only once it is published, then also by a typo and by the tail of a compound', async () => {
      const draft = await db.transaction((tx) =>
        insertArticle(tx, organisationId, authorId, articleInputSchema.parse(plotter)),
      )
      expect(await search('Zebraplotter')).toEqual([])
      const published = await db.transaction((tx) =>
        changeArticle(tx, { organisationId, authorId, id: draft.id, baseVersion: 1, status: 'published' }),
      )
      expect(published.ok).toBe(true)
      expect(await search('Zebraplotter', 'en')).toEqual([plotter.translations.en!.title])
      // A misspelling no article contains, and the back half of the German compound.
      expect(await search('zebraploter', 'en')).toEqual([plotter.translations.en!.title])
      expect(await search('Formatdrucker', 'de')).toEqual([plotter.translations.de!.title])
    })
  })
}
