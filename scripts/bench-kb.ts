/**
 * Knowledge-base search benchmark: 5,000 articles made from the starter set, hub search
 * (PGlite, through the repository) and offline search (MiniSearch) both in Node and in Chromium,
 * where the Console runs it, against a plain substring scan over the same articles in each
 * runtime. Prints progress, then one JSON object on the last line.
 */
import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { build } from 'vite'
import type { ArticleTranslation } from '../src/shared/kb/article'
import { createLocalKbIndex, searchLocal, type LocalArticle } from '../src/shared/kb/localSearch'
import { queryWords } from '../src/shared/kb/queryTerms'
import { relevanceTable } from '../src/shared/kb/relevanceTable'
import { kbSearchQuerySchema } from '../src/shared/kb/search'
import { insertArticle } from '../src/hub/kb/repository'
import { searchArticles } from '../src/hub/kb/search'
import { loadStarterArticles, type StarterArticle } from '../src/hub/kb/starter'
import { createAccount, createOrganisation } from '../src/hub/storage/accounts'
import { openDatabase } from '../src/hub/storage/db'
import { migrate } from '../src/hub/storage/migrate'

const articleCount = 5_000
const rounds = 3
const warmup = 20

const sites = ['Berlin', 'Hamburg', 'München', 'Köln', 'Wien', 'Zürich', 'Leipzig', 'Bremen', 'Graz', 'Basel']
const models = [
  'ThinkPad T14',
  'Latitude 5440',
  'EliteBook 840',
  'Surface Pro',
  'ThinkCentre M70',
  'OptiPlex 7010',
  'MacBook Air',
]

/** The n-th variation of a starter article: another site and model, steps in another order. */
function vary(text: ArticleTranslation, n: number, language: 'de' | 'en'): ArticleTranslation {
  const site = sites[n % sites.length]!
  const model = models[Math.floor(n / sites.length) % models.length]!
  const rotate = n % text.steps.length
  return {
    ...text,
    title: `${text.title} (${language === 'de' ? 'Standort' : 'site'} ${site}, ${model})`,
    symptoms: `${text.symptoms} ${language === 'de' ? `Gemeldet am Standort ${site} auf ${model}.` : `Reported at ${site} on ${model}.`}`,
    steps: [...text.steps.slice(rotate), ...text.steps.slice(0, rotate)],
    keywords: [...text.keywords, model],
  }
}

function makeArticles(starters: StarterArticle[]): Array<Omit<StarterArticle, 'key'>> {
  return Array.from({ length: articleCount }, (_, i) => {
    const { key: _key, ...base } = starters[i % starters.length]!
    const n = Math.floor(i / starters.length)
    return {
      ...base,
      translations: { de: vary(base.translations.de, n, 'de'), en: vary(base.translations.en, n, 'en') },
    }
  })
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  return { median: round(at(0.5)), p95: round(at(0.95)) }
}
const round = (ms: number) => Math.round(ms * 1000) / 1000

async function time(
  queries: typeof relevanceTable,
  run: (query: (typeof relevanceTable)[number]) => unknown,
): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < warmup; i++) await run(queries[i % queries.length]!)
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const start = performance.now()
      await run(query)
      samples.push(performance.now() - start)
    }
  }
  return samples
}

/** The offline search module bundled for the browser, exposed as `window.kbSearch`. */
async function bundleLocalSearch(): Promise<string> {
  const entry = fileURLToPath(new URL('../src/shared/kb/localSearch.ts', import.meta.url))
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry, formats: ['iife'], name: 'kbSearch', fileName: () => 'kb.js' } },
  })
  const output = Array.isArray(result) ? result[0] : result
  if (!output || !('output' in output)) throw new Error('the search bundle was not built')
  return output.output[0].code
}

interface PageRun {
  indexMs: number
  offline: number[]
  substring: number[]
}

/**
 * Offline search as the Console runs it: the same module in Chromium, index built in the page,
 * each query timed in the page; the substring baseline runs in the same page over the same text.
 */
async function timeInChromium(
  local: LocalArticle[],
  haystacks: string[],
  queries: Array<{ query: string; language: 'de' | 'en'; words: string[] }>,
): Promise<PageRun> {
  const code = await bundleLocalSearch()
  const browser = await chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  })
  try {
    const context = await browser.newContext()
    // tsx names functions with a helper the page does not have.
    await context.addInitScript('window.__name = (f) => f')
    const page = await context.newPage()
    await page.setContent('<!doctype html><title>kb bench</title>')
    await page.addScriptTag({ content: code })
    return await page.evaluate(
      ({ articles, haystacks, queries, rounds, warmup }) => {
        const kb = (window as unknown as { kbSearch: typeof import('../src/shared/kb/localSearch') }).kbSearch
        let started = performance.now()
        const index = kb.createLocalKbIndex(articles)
        const indexMs = performance.now() - started
        const time = (run: (query: (typeof queries)[number]) => unknown): number[] => {
          const samples: number[] = []
          for (let i = 0; i < warmup; i++) run(queries[i % queries.length]!)
          for (let round = 0; round < rounds; round++) {
            for (const query of queries) {
              started = performance.now()
              run(query)
              samples.push(performance.now() - started)
            }
          }
          return samples
        }
        const offline = time((q) => kb.searchLocal(index, q.query, { language: q.language }))
        const substring = time((q) =>
          haystacks
            .map((text, i) => ({ i, n: q.words.filter((word) => text.includes(word)).length }))
            .filter((hit) => hit.n > 0)
            .sort((a, b) => b.n - a.n)
            .slice(0, 10),
        )
        return { indexMs, offline, substring }
      },
      { articles: local, haystacks, queries, rounds, warmup },
    )
  } finally {
    await browser.close()
  }
}

async function main(): Promise<void> {
  const articles = makeArticles(loadStarterArticles())
  const db = await openDatabase({ kind: 'pglite' })
  try {
    await migrate(db)
    let started = performance.now()
    const organisationId = await db.transaction(async (tx) => {
      const organisation = await createOrganisation(tx, 'Benchmark')
      const author = await createAccount(tx, {
        organisationId: organisation.id,
        email: 'bench@kb.example',
        displayName: 'Bench',
        role: 'admin',
        passwordHash: 'unused',
      })
      for (const article of articles) await insertArticle(tx, organisation.id, author, article, 'published')
      return organisation.id
    })
    await db.exec('analyze kb_articles')
    console.log(`hub: stored ${articles.length} articles in ${Math.round(performance.now() - started)} ms`)

    started = performance.now()
    const local: LocalArticle[] = articles.map((article, i) => ({ ...article, id: `bench-${i}`, status: 'published' }))
    const index = createLocalKbIndex(local)
    const indexMs = Math.round(performance.now() - started)
    console.log(`offline: indexed ${local.length} articles in ${indexMs} ms`)

    // The baseline gets its haystacks prepared once, as a cache would hold them.
    const haystacks = articles.map((article) =>
      Object.values(article.translations)
        .map((t) => [t.title, t.symptoms, t.cause, ...t.steps, ...t.keywords].join(' '))
        .join(' ')
        .toLowerCase(),
    )

    const hub = await time(relevanceTable, (c) =>
      searchArticles(db, organisationId, kbSearchQuerySchema.parse({ q: c.query, language: c.language })),
    )
    const offline = await time(relevanceTable, (c) => searchLocal(index, c.query, { language: c.language }))
    const substring = await time(relevanceTable, (c) => {
      const words = queryWords(c.query)
      return haystacks
        .map((text, i) => ({ i, n: words.filter((word) => text.includes(word)).length }))
        .filter((hit) => hit.n > 0)
        .sort((a, b) => b.n - a.n)
        .slice(0, 10)
    })

    const page = await timeInChromium(
      local,
      haystacks,
      relevanceTable.map((c) => ({ query: c.query, language: c.language, words: queryWords(c.query) })),
    )
    console.log(`chromium: indexed ${local.length} articles in ${Math.round(page.indexMs)} ms`)

    const [h, o, s] = [stats(hub), stats(offline), stats(substring)]
    const [co, cs] = [stats(page.offline), stats(page.substring)]
    console.log(`queries per engine: ${hub.length} (${relevanceTable.length} distinct × ${rounds})`)
    console.log(`hub (PGlite)      median ${h.median} ms, p95 ${h.p95} ms (goal p95 < 30 ms)`)
    // Samples run the table in order, round after round: sample i is query i mod the table size.
    const slowest = hub
      .map((ms, i) => ({ ms, query: relevanceTable[i % relevanceTable.length]!.query }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
    console.log(`hub slowest: ${slowest.map((s) => `"${s.query}" ${Math.round(s.ms)} ms`).join(', ')}`)
    console.log(`offline, Chromium median ${co.median} ms, p95 ${co.p95} ms (goal p95 < 20 ms)`)
    console.log(`substring, Chromium median ${cs.median} ms, p95 ${cs.p95} ms`)
    console.log(`offline, Node     median ${o.median} ms, p95 ${o.p95} ms; substring ${s.median} / ${s.p95} ms`)
    console.log(
      JSON.stringify({
        articles: articles.length,
        queries: hub.length,
        hubMedianMs: h.median,
        hubP95Ms: h.p95,
        offlineChromiumMedianMs: co.median,
        offlineChromiumP95Ms: co.p95,
        offlineChromiumIndexMs: Math.round(page.indexMs),
        substringChromiumMedianMs: cs.median,
        substringChromiumP95Ms: cs.p95,
        offlineNodeMedianMs: o.median,
        offlineNodeP95Ms: o.p95,
        offlineNodeIndexMs: indexMs,
        node: process.versions.node,
        substringNodeMedianMs: s.median,
        substringNodeP95Ms: s.p95,
      }),
    )
  } finally {
    await db.close()
  }
}

await main()
