import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@shared/auth'
import type { Article, ArticleInput } from '@shared/kb/article'
import type { ArticleFeedback, KbChangesResponse, KnowledgeStats } from '@shared/kb/feedback'
import type { PushResponse } from '@shared/sync'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Ticket } from '@shared/tickets/model'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation, type DemoLogin } from '../seed'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'

const deviceTime = '2026-11-23T09:00:00.000Z'

for (const backend of testBackends()) {
  describe(`article links and verdicts on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let published: Article[] = []
    const tokens = new Map<Role, string>()
    const as = (role: Role) => ({ authorization: `Bearer ${tokens.get(role)}` })

    const push = async (commands: unknown[], role: Role = 'agent') =>
      (
        await app.inject({ method: 'POST', url: '/api/sync/push', headers: as(role), payload: { commands } })
      ).json<PushResponse>()
    const ticket = async (id: string) =>
      (await app.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: as('agent') })).json<{
        ticket: Ticket
        events: TimelineEvent[]
      }>()
    const feedback = async () =>
      (await app.inject({ method: 'GET', url: '/api/kb/feedback', headers: as('agent') })).json<{
        feedback: ArticleFeedback[]
      }>().feedback
    const feedbackRows = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from kb_article_feedback'))[0]!.n
    const edit = (ticketId: string, baseVersion: number, type: string, payload: unknown) => ({
      commandId: randomUUID(),
      ticketId,
      baseVersion,
      deviceTime,
      type,
      payload,
    })

    async function newTicket(subject = 'Laptop says the disk is full'): Promise<string> {
      const ticketId = randomUUID()
      const [result] = (
        await push([
          {
            type: 'create_ticket',
            commandId: randomUUID(),
            ticketId,
            baseVersion: null,
            deviceTime,
            payload: {
              subject,
              description: 'No space left for updates',
              channel: 'phone',
              requester: { name: 'Jana Nowak', email: null, phone: null, device: null },
              type: 'incident',
              category: 'hardware',
              impact: 'low',
              urgency: 'medium',
            },
          },
        ])
      ).results
      expect(result?.status).toBe('applied')
      return ticketId
    }

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
      published = (
        await app.inject({ method: 'GET', url: '/api/kb/articles?status=published', headers: as('agent') })
      ).json<{ articles: Article[] }>().articles
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    const article = (index: number) => published[index]!
    const titleOf = (a: Article) => a.translations.en?.title ?? a.translations.de!.title

    it('links a published article to a ticket once, with a timeline event, and counts the link', async () => {
      const ticketId = await newTicket()
      const disk = article(0)
      const link = edit(ticketId, 1, 'link_article', { articleId: disk.id, title: titleOf(disk) })
      const [first] = (await push([link])).results
      expect(first).toMatchObject({ status: 'applied', ticketVersion: 2, duplicate: false })
      // The same command again, and a second link of the same article: both change nothing.
      const [again] = (await push([link])).results
      expect(again).toMatchObject({ status: 'applied', duplicate: true })
      const [relink] = (await push([edit(ticketId, 2, 'link_article', { articleId: disk.id, title: titleOf(disk) })]))
        .results
      expect(relink).toMatchObject({ status: 'applied', ticketVersion: 2 })

      const { ticket: stored, events } = await ticket(ticketId)
      expect(stored.articles).toEqual([{ id: disk.id, title: titleOf(disk), verdict: null }])
      expect(events.filter((e) => e.type === 'article_linked')).toHaveLength(1)
      expect((await feedback()).find((f) => f.articleId === disk.id)).toMatchObject({
        links: 1,
        solved: 0,
        notHelpful: 0,
      })
    })

    it('refuses unknown, unpublished and malformed article links with a reason and changes nothing', async () => {
      const ticketId = await newTicket()
      const rowsBefore = await feedbackRows()
      const draft: ArticleInput = {
        category: 'hardware',
        audience: 'internal',
        translations: { en: { title: 'Unreviewed idea', symptoms: 'Something odd', steps: ['Try it'] } },
      }
      const unpublished = (
        await app.inject({ method: 'POST', url: '/api/kb/articles', headers: as('agent'), payload: draft })
      ).json<Article>()

      const { results } = await push([
        edit(ticketId, 1, 'link_article', { articleId: randomUUID(), title: 'Made up' }),
        edit(ticketId, 1, 'link_article', { articleId: unpublished.id, title: 'Unreviewed idea' }),
        edit(ticketId, 1, 'link_article', { articleId: 'disk-article', title: 'Disk full' }),
        edit(ticketId, 1, 'link_article', { articleId: article(1).id, title: '' }),
        edit(ticketId, 1, 'rate_article', { articleId: article(1).id, verdict: 'great' }),
        edit(ticketId, 1, 'rate_article', { articleId: article(1).id, verdict: 'solved' }),
      ])
      expect(results.map((r) => (r.status === 'rejected' ? r.error : r.status))).toEqual([
        'unknown_article',
        'unknown_article',
        'invalid_command',
        'invalid_command',
        'invalid_command',
        'article_not_linked',
      ])
      const messages = results.map((r) => (r.status === 'rejected' ? r.message : ''))
      expect(messages[0]).toMatch(/no published knowledge-base article/)
      expect(messages[2]).toMatch(/articleId must be an article id/)
      expect(messages[4]).toMatch(/verdict must be "solved" or "not_helpful"/)
      expect(messages[5]).toMatch(/Link the article to the ticket before rating it/)

      const { ticket: stored, events } = await ticket(ticketId)
      expect(stored.version).toBe(1)
      expect(stored.articles).toBeUndefined()
      expect(events.map((e) => e.type)).toEqual(['created'])
      expect(await feedbackRows()).toBe(rowsBefore)
    })

    it('keeps one verdict per ticket and article, the latest, and flags an article that often did not help', async () => {
      const target = article(2)
      const verdicts = ['not_helpful', 'not_helpful', 'solved', 'not_helpful'] as const
      for (const [index, verdict] of verdicts.entries()) {
        const ticketId = await newTicket(`Ticket ${index}`)
        const { results } = await push([
          edit(ticketId, 1, 'link_article', { articleId: target.id, title: titleOf(target) }),
          // The agent first thought it helped, then changed their mind (or the other way round).
          edit(ticketId, 2, 'rate_article', {
            articleId: target.id,
            verdict: verdict === 'solved' ? 'not_helpful' : 'solved',
          }),
          edit(ticketId, 3, 'rate_article', { articleId: target.id, verdict }),
        ])
        expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
        expect((await ticket(ticketId)).ticket.articles).toEqual([{ id: target.id, title: titleOf(target), verdict }])
        const counts = (await feedback()).find((f) => f.articleId === target.id)!
        expect(counts).toMatchObject({
          links: index + 1,
          notHelpful: verdicts.slice(0, index + 1).filter((v) => v === 'not_helpful').length,
        })
        // Flagged from the third "did not help", which is then more than half of the verdicts.
        expect(counts.flagged).toBe(index === 3)
      }
    })

    it('counts a ticket resolved with a linked article as knowledge-assisted', async () => {
      const stats = async () =>
        (await app.inject({ method: 'GET', url: '/api/kb/stats', headers: as('admin') })).json<KnowledgeStats>()
      const before = await stats()
      const withArticle = await newTicket('Printer offline')
      const without = await newTicket('Printer offline too')
      const linked = article(3)
      await push([edit(withArticle, 1, 'link_article', { articleId: linked.id, title: titleOf(linked) })])
      const { results } = await push([
        edit(withArticle, 2, 'change_status', { status: 'resolved', note: 'Followed the article' }),
        edit(without, 1, 'change_status', { status: 'resolved', note: 'Restarted it' }),
      ])
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
      const after = await stats()
      expect(after.finishedTickets).toBe(before.finishedTickets + 2)
      expect(after.knowledgeAssisted).toBe(before.knowledgeAssisted + 1)
      expect(after.share).toBeCloseTo(after.knowledgeAssisted / after.finishedTickets)
    })

    it('hands the Console articles changed after its cursor, unpublished ones included, and refuses a bad cursor', async () => {
      const changes = async (after?: number | string) =>
        app.inject({
          method: 'GET',
          url: `/api/kb/changes${after === undefined ? '' : `?after=${encodeURIComponent(after)}`}`,
          headers: as('agent'),
        })
      const all = (await changes()).json<KbChangesResponse>()
      expect(all.articles.length).toBeGreaterThanOrEqual(published.length)
      expect(all.cursor).toBeGreaterThan(0)
      // Nothing changed since: nothing comes back, however often the Console asks.
      expect((await changes(all.cursor)).json<KbChangesResponse>()).toEqual({ articles: [], cursor: all.cursor })

      const target = article(4)
      const outdated = await app.inject({
        method: 'PUT',
        url: `/api/kb/articles/${target.id}`,
        headers: as('specialist'),
        payload: { ...target, baseVersion: target.version, status: 'outdated' },
      })
      expect(outdated.statusCode).toBe(200)
      const next = (await changes(all.cursor)).json<KbChangesResponse>()
      expect(next.articles.map((a) => [a.id, a.status])).toEqual([[target.id, 'outdated']])
      expect(next.cursor).toBeGreaterThan(all.cursor)

      for (const bad of ['yesterday', '-1', '1.5']) {
        const response = await changes(bad)
        expect(response.statusCode, bad).toBe(400)
        expect(response.json<{ message: string }>().message).toMatch(/after must/)
      }
      expect((await app.inject({ method: 'GET', url: '/api/kb/feedback' })).statusCode).toBe(401)
    })
  })
}
