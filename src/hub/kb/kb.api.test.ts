import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@shared/auth'
import type { Article, ArticleInput, ArticleVersion } from '@shared/kb/article'
import type { KbSearchResponse } from '@shared/kb/search'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation, type DemoLogin } from '../seed'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { loadStarterArticles } from './starter'

const draft: ArticleInput = {
  category: 'peripherals',
  audience: 'end_user',
  tags: ['headset'],
  translations: {
    de: {
      title: 'Headset knistert',
      symptoms: 'Das Headset rauscht und knistert in Besprechungen.',
      steps: ['Kabel prüfen.'],
    },
  },
}

for (const backend of testBackends()) {
  describe(`knowledge base API on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    const tokens = new Map<Role, string>()
    const as = (role: Role) => ({ authorization: `Bearer ${tokens.get(role)}` })
    const articleCount = async () => (await db.query<{ n: number }>('select count(*)::int as n from kb_articles'))[0]!.n
    const versionCount = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from kb_article_versions'))[0]!.n
    const create = async (role: Role = 'agent', payload: ArticleInput = draft) =>
      (await app.inject({ method: 'POST', url: '/api/kb/articles', headers: as(role), payload })).json<Article>()

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const logins: DemoLogin[] = await seedDemoOrganisation(db)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      for (const login of logins) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: login.email, password: login.password },
        })
        tokens.set(login.role, response.json<{ token: string }>().token)
      }
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('loads the starter knowledge base into the new organisation, published, in German and English', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/kb/articles?status=published',
        headers: as('agent'),
      })
      expect(response.statusCode).toBe(200)
      const { articles } = response.json<{ articles: Article[] }>()
      expect(articles.length).toBe(loadStarterArticles().length)
      expect(articles.length).toBeGreaterThanOrEqual(32)
      for (const article of articles) {
        expect(article).toMatchObject({ status: 'published', version: 1 })
        expect(article.translations.de?.steps.length).toBeGreaterThan(0)
        expect(article.translations.en?.steps.length).toBeGreaterThan(0)
      }
    })

    it('searches for any signed-in role and refuses requests without a session', async () => {
      for (const role of ['agent', 'specialist', 'admin'] as const) {
        const response = await app.inject({
          method: 'GET',
          url: '/api/kb/search?q=Kennwort%20vergessen&language=de',
          headers: as(role),
        })
        expect(response.statusCode).toBe(200)
        expect(response.json<KbSearchResponse>().hits[0]).toMatchObject({
          language: 'de',
          title: expect.stringMatching(/Passwort vergessen/),
        })
      }
      expect((await app.inject({ method: 'GET', url: '/api/kb/search?q=vpn' })).statusCode).toBe(401)
    })

    it('filters search by category and honours the limit', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/kb/search?q=nicht&language=any&category=network&limit=2',
        headers: as('agent'),
      })
      const { hits } = response.json<KbSearchResponse>()
      expect(hits.length).toBeLessThanOrEqual(2)
      for (const hit of hits) expect(hit.category).toBe('network')
    })

    it('suggests articles from diagnostic finding tags', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/kb/suggestions?tags=disk-full&language=en',
        headers: as('agent'),
      })
      expect(response.statusCode).toBe(200)
      expect(response.json<KbSearchResponse>().hits[0]).toMatchObject({
        language: 'en',
        tags: expect.arrayContaining(['disk-full']),
      })
    })

    it('refuses malformed queries, unknown languages and oversize limits with a clear message', async () => {
      const cases: Array<[string, RegExp]> = [
        ['/api/kb/search?q=drucker&language=fr', /language must be "de", "en" or "any"/],
        ['/api/kb/search?language=de', /q \(the search text\) is required/],
        ['/api/kb/search?q=%20%20', /must not be empty/],
        [`/api/kb/search?q=${'a'.repeat(201)}`, /at most 200 characters/],
        ['/api/kb/search?q=vpn&limit=51', /limit is at most 50/],
        ['/api/kb/search?q=vpn&limit=many', /limit must be a number/],
        ['/api/kb/suggestions?tags=Disk%20Full', /tag is lower case/],
        ['/api/kb/articles?status=archived', /status must be one of/],
        ['/api/kb/articles/not-a-uuid', /id must be an article id/],
      ]
      for (const [url, message] of cases) {
        const response = await app.inject({ method: 'GET', url, headers: as('agent') })
        expect(response.statusCode, url).toBe(400)
        expect(response.json<{ message: string }>().message).toMatch(message)
      }
    })

    it('refuses oversize or incomplete articles with the reason and stores nothing', async () => {
      const before = [await articleCount(), await versionCount()]
      const de = draft.translations.de!
      const bad: Array<[unknown, RegExp]> = [
        [{ ...draft, translations: { de: { ...de, title: 'x'.repeat(201) } } }, /title has at most 200 characters/],
        [{ ...draft, translations: { de: { ...de, steps: ['x'.repeat(1001)] } } }, /at most 1000 characters/],
        [{ ...draft, translations: { de: { ...de, steps: [] } } }, /at least one solution step/],
        [{ ...draft, translations: {} }, /German or an English text/],
        [{ ...draft, translations: { fr: de } }, /may only be "de" or "en"/],
        [{ ...draft, audience: 'everyone' }, /audience must be/],
        [{ ...draft, tags: ['Not A Tag'] }, /tag is lower case/],
      ]
      for (const [payload, message] of bad) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/kb/articles',
          headers: as('agent'),
          payload: payload as object,
        })
        expect(response.statusCode).toBe(400)
        expect(response.json<{ message: string }>().message).toMatch(message)
      }
      expect([await articleCount(), await versionCount()]).toEqual(before)
    })

    it('lets any role draft, keeps every version with author and time, and refuses stale edits', async () => {
      const created = await create('agent')
      expect(created).toMatchObject({ status: 'draft', version: 1 })
      const edit = { ...draft, baseVersion: 1, tags: ['headset', 'audio'] }
      const updated = await app.inject({
        method: 'PUT',
        url: `/api/kb/articles/${created.id}`,
        headers: as('specialist'),
        payload: edit,
      })
      expect(updated.statusCode).toBe(200)
      expect(updated.json<Article>()).toMatchObject({ version: 2, tags: ['headset', 'audio'], status: 'draft' })

      const stale = await app.inject({
        method: 'PUT',
        url: `/api/kb/articles/${created.id}`,
        headers: as('agent'),
        payload: edit,
      })
      expect(stale.statusCode).toBe(409)
      expect(stale.json<{ message: string }>().message).toMatch(/version 2/)

      const history = await app.inject({
        method: 'GET',
        url: `/api/kb/articles/${created.id}/versions`,
        headers: as('agent'),
      })
      const { versions } = history.json<{ versions: ArticleVersion[] }>()
      expect(versions.map((v) => [v.version, v.author.displayName, v.tags])).toEqual([
        [2, 'Sam Specialist', ['headset', 'audio']],
        [1, 'Alex Agent', ['headset']],
      ])
      for (const version of versions) expect(Date.parse(version.createdAt)).not.toBeNaN()
    })

    it('lets only specialists and admins publish; an agent gets 403 and the article stays a draft', async () => {
      const created = await create('agent')
      const denied = await app.inject({
        method: 'POST',
        url: `/api/kb/articles/${created.id}/publish`,
        headers: as('agent'),
        payload: {},
      })
      expect(denied.statusCode).toBe(403)
      expect(denied.json<{ message: string }>().message).toMatch(/Only a specialist or an admin can publish/)
      const unchanged = await app.inject({ method: 'GET', url: `/api/kb/articles/${created.id}`, headers: as('agent') })
      expect(unchanged.json<Article>()).toMatchObject({ status: 'draft', version: 1 })

      const published = await app.inject({
        method: 'POST',
        url: `/api/kb/articles/${created.id}/publish`,
        headers: as('specialist'),
        payload: {},
      })
      expect(published.statusCode).toBe(200)
      expect(published.json<Article>()).toMatchObject({ status: 'published', version: 2 })
      const search = await app.inject({
        method: 'GET',
        url: '/api/kb/search?q=headset%20knistert&language=de',
        headers: as('agent'),
      })
      expect(search.json<KbSearchResponse>().hits[0]?.id).toBe(created.id)
    })

    it('never lets an agent take an article out of publication; a specialist may send it back to review', async () => {
      const created = await create('admin', {
        ...draft,
        translations: { en: { title: 'Plotter jams', symptoms: 'The plotter jams.', steps: ['Open the tray.'] } },
      })
      const search = async () =>
        (await app.inject({ method: 'GET', url: '/api/kb/search?q=plotter&language=en', headers: as('agent') }))
          .json<KbSearchResponse>()
          .hits.map((hit) => hit.id)
      expect(await search()).toEqual([])
      await app.inject({
        method: 'POST',
        url: `/api/kb/articles/${created.id}/publish`,
        headers: as('admin'),
        payload: { baseVersion: 1 },
      })
      expect(await search()).toEqual([created.id])

      const edit = {
        ...draft,
        translations: { en: { title: 'Plotter jams often', symptoms: 'The plotter jams.', steps: ['Open the tray.'] } },
        baseVersion: 2,
      }
      const before = await versionCount()
      for (const status of [undefined, 'draft', 'in_review', 'outdated'] as const) {
        const refused = await app.inject({
          method: 'PUT',
          url: `/api/kb/articles/${created.id}`,
          headers: as('agent'),
          payload: { ...edit, ...(status ? { status } : {}) },
        })
        expect(refused.statusCode, String(status)).toBe(403)
        expect(refused.json<{ message: string }>().message).toMatch(/specialist or an admin/)
      }
      expect(await versionCount()).toBe(before)
      expect(await search()).toEqual([created.id])

      const reviewed = await app.inject({
        method: 'PUT',
        url: `/api/kb/articles/${created.id}`,
        headers: as('specialist'),
        payload: { ...edit, status: 'in_review' },
      })
      expect(reviewed.json<Article>()).toMatchObject({ status: 'in_review', version: 3 })
      expect(await search()).toEqual([])
      // Back in review, the agent may work on it again; publishing stays with the reviewers.
      const agentEdit = await app.inject({
        method: 'PUT',
        url: `/api/kb/articles/${created.id}`,
        headers: as('agent'),
        payload: { ...edit, baseVersion: 3 },
      })
      expect(agentEdit.json<Article>()).toMatchObject({ status: 'in_review', version: 4 })
    })

    it('answers 404 for an unknown article and changes nothing', async () => {
      const id = '00000000-0000-4000-8000-000000000000'
      const before = await versionCount()
      expect(
        (await app.inject({ method: 'GET', url: `/api/kb/articles/${id}`, headers: as('agent') })).statusCode,
      ).toBe(404)
      expect(
        (
          await app.inject({
            method: 'PUT',
            url: `/api/kb/articles/${id}`,
            headers: as('agent'),
            payload: { ...draft, baseVersion: 1 },
          })
        ).statusCode,
      ).toBe(404)
      expect(
        (await app.inject({ method: 'POST', url: `/api/kb/articles/${id}/publish`, headers: as('admin'), payload: {} }))
          .statusCode,
      ).toBe(404)
      expect(await versionCount()).toBe(before)
    })
  })
}
