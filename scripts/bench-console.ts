// Console benchmark: 50,000 tickets synced into the web Console in Chromium, then queue render,
// search and filter latency through the app, against the same queries run straight on Dexie
// in the same page. Traffic stays on loopback. Last line: one JSON object with the figures.
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import { applyCommand } from '../src/shared/tickets/apply'
import { ticketCommandSchema } from '../src/shared/tickets/commands'
import { defaultPriorityMatrix, levels } from '../src/shared/tickets/priority'
import { defaultCategories } from '../src/shared/tickets/classification'
import { startHub } from '../src/hub/server'
import { nextChangeSeq } from '../src/hub/tickets/repository'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ticketCount = Number(process.env.BENCH_TICKETS ?? 50_000)
const rounds = 30
const subjects = [
  'Printer offline',
  'VPN will not connect',
  'Outlook asks for password',
  'Laptop battery drains',
  'Second monitor black',
  'Disk full',
  'Teams camera not found',
  'Keyboard not working',
  'Wi-Fi drops',
  'Password reset',
]
const names = ['Jana Nowak', 'Piotr Lis', 'Eva Roth', 'Kim Berger', 'Lena Vogt', 'Omar Aziz', 'Ida Hahn', 'Tom Weber']

const stats = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { median: Number(at(0.5).toFixed(2)), p95: Number(at(0.95).toFixed(2)) }
}

async function seed(hub: Awaited<ReturnType<typeof startHub>>) {
  const [org] = await hub.db.query<{ id: string }>('select id from organisations limit 1')
  const actor = { id: randomUUID(), name: 'Seeder', role: 'agent' as const }
  const now = Date.now()
  for (let start = 0; start < ticketCount; start += 1000) {
    const tickets: unknown[] = []
    const events: unknown[] = []
    for (let i = start; i < Math.min(start + 1000, ticketCount); i++) {
      const created = new Date(now - (i % 5000) * 60_000 * 3).toISOString()
      const command = ticketCommandSchema.parse({
        type: 'create_ticket',
        commandId: randomUUID(),
        ticketId: randomUUID(),
        baseVersion: null,
        deviceTime: created,
        payload: {
          subject: `${subjects[i % subjects.length]} ${i}`,
          description: 'Reported by phone',
          channel: (['phone', 'email', 'chat', 'gethelp'] as const)[i % 4],
          requester: { name: names[i % names.length], email: null, phone: null, device: `PC-${i}` },
          type: 'incident',
          category: defaultCategories[i % defaultCategories.length],
          impact: levels[i % 3],
          urgency: levels[(i >> 2) % 3],
        },
      })
      const outcome = applyCommand(null, command, {
        actor,
        now: created,
        matrix: defaultPriorityMatrix,
        ticketNumber: i + 1,
      })
      if (!outcome.ok) throw new Error(outcome.error.kind)
      tickets.push(outcome.ticket)
      events.push(...outcome.events)
    }
    await hub.db.transaction(async (tx) => {
      const seq = await nextChangeSeq(tx)
      await tx.query(
        `insert into tickets (id, organisation_id, number, version, status, priority, level, assignee_id, change_seq, data)
         select (t->>'id')::uuid, $1, (t->>'number')::int, 1, t->>'status', t->>'priority', 1, null, $2, t
         from jsonb_array_elements($3::jsonb) t`,
        [org!.id, seq, JSON.stringify(tickets)],
      )
      await tx.query(
        `insert into ticket_events (ticket_id, id, organisation_id, change_seq, at, data)
         select (e->>'ticketId')::uuid, e->>'id', $1, $2, (e->>'at')::timestamptz, e from jsonb_array_elements($3::jsonb) e`,
        [org!.id, seq, JSON.stringify(events)],
      )
    })
  }
}

/** Runs `change` in the page and resolves with the ms until the queue shows a different result. */
async function timeQueueChange(page: Page, change: { search?: string; status?: string }): Promise<number> {
  return page.evaluate(async ({ search, status }) => {
    const list = document.querySelector('[role="listbox"]')!
    const count = document.querySelector('.queue-count')!
    const before = `${count.textContent}|${list.textContent?.slice(0, 200)}`
    const done = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (`${count.textContent}|${list.textContent?.slice(0, 200)}` === before) return
        observer.disconnect()
        resolve(performance.now())
      })
      setTimeout(() => resolve(Number.NaN), 10_000)
      observer.observe(document.querySelector('.queue')!, { subtree: true, childList: true, characterData: true })
    })
    const started = performance.now()
    const set = (element: HTMLInputElement | HTMLSelectElement, value: string) => {
      const proto = element instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLSelectElement.prototype
      Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value)
      element.dispatchEvent(new Event(element instanceof HTMLInputElement ? 'input' : 'change', { bubbles: true }))
    }
    if (search !== undefined) set(document.querySelector('input[type="search"]')!, search)
    if (status !== undefined) set(document.querySelectorAll<HTMLSelectElement>('.queue-filters select')[1]!, status)
    return (await done) - started
  }, change)
}

/** The same queries straight on Dexie in the page: no app code, no React. */
async function bareQuery(page: Page, dbName: string, query: { search?: string; status?: string }): Promise<number> {
  return page.evaluate(
    async ({ dbName, search, status }) => {
      type Row = { slaDueAt: string }
      type Rows = { toArray(): Promise<Row[]> }
      type Table = {
        where(index: string): { startsWith(value: string): { distinct(): Rows }; equals(value: string): Rows }
        orderBy(index: string): { limit(n: number): Rows }
      }
      const Dexie = (
        window as unknown as {
          Dexie: new (name: string) => { open(): Promise<unknown>; table(n: string): Table; close(): void }
        }
      ).Dexie
      const db = new Dexie(dbName)
      await db.open()
      const started = performance.now()
      const tickets = db.table('tickets')
      let rows: Row[]
      if (search) rows = await tickets.where('words').startsWith(search).distinct().toArray()
      else if (status && status !== 'open' && status !== 'any')
        rows = await tickets.where('status').equals(status).toArray()
      else rows = await tickets.orderBy('slaDueAt').limit(500).toArray()
      rows.sort((a, b) => (a.slaDueAt < b.slaDueAt ? -1 : 1))
      rows.slice(0, 500)
      const elapsed = performance.now() - started
      db.close()
      return elapsed
    },
    { dbName, ...query },
  )
}

const webDir = fileURLToPath(new URL('../out/renderer', import.meta.url))
if (!existsSync(join(webDir, 'console.html'))) throw new Error('run "npm run build" first')
const hub = await startHub({
  host: '127.0.0.1',
  port: 0,
  dataDir: mkdtempSync(join(tmpdir(), 'firstline-bench-')),
  webDir,
  logLevel: 'warn',
})
const seedStarted = performance.now()
await seed(hub)
console.error(`seeded ${ticketCount} tickets in ${Math.round(performance.now() - seedStarted)} ms`)

const browser = await chromium.launch({
  ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--enable-precise-memory-info',
  ],
})
const context = await browser.newContext({ bypassCSP: true, locale: 'en-US', viewport: { width: 1280, height: 900 } })
// esbuild names functions with a helper the page does not have.
await context.addInitScript('window.__name = (f) => f')
const page = await context.newPage()
const agent = hub.demoLogins.find((l) => l.role === 'agent')!
await page.goto(`${hub.url}/`)
await page.getByLabel('E-mail address').fill(agent.email)
await page.getByLabel('Password').fill(agent.password)
const syncStarted = performance.now()
await page.getByRole('button', { name: 'Sign in' }).click()
// Done when the local cache holds every ticket and the sync engine reports it is up to date.
await page.waitForFunction(
  async (expected) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('firstline:'))
    if (names.length === 0) return false
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(names[0]!)
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    try {
      if (!db.objectStoreNames.contains('tickets')) return false
      const count = await new Promise<number>((resolve) => {
        const request = db.transaction('tickets').objectStore('tickets').count()
        request.onsuccess = () => resolve(request.result)
      })
      return count >= expected
    } finally {
      db.close()
    }
  },
  ticketCount,
  { timeout: 900_000, polling: 1000 },
)
await page.getByRole('status', { name: 'Sync' }).filter({ hasText: 'Up to date' }).waitFor({ timeout: 600_000 })
const firstSyncMs = performance.now() - syncStarted
console.error(`first sync ${Math.round(firstSyncMs)} ms`)

// First render from the local cache: navigation start to the first queue row on screen.
const renders: number[] = []
for (let i = 0; i < 5; i++) {
  await page.reload()
  await page.getByRole('listbox', { name: 'Tickets' }).getByRole('option').first().waitFor()
  renders.push(
    await page.evaluate(() => {
      const row = performance.getEntriesByType('mark').find((m) => m.name === 'queue-first-row')
      return row ? row.startTime : performance.now()
    }),
  )
}
await page.addScriptTag({ path: fileURLToPath(new URL('../node_modules/dexie/dist/dexie.js', import.meta.url)) })
const dbName = await page.evaluate(async () =>
  (await indexedDB.databases()).map((d) => d.name!).find((n) => n.startsWith('firstline:'))!,
)
// Filters and search run on the in-memory index once it is built after the first render.
await page.waitForFunction(() => performance.getEntriesByName('queue-index-ready').length > 0, undefined, {
  timeout: 120_000,
})
const indexReadyMs = await page.evaluate(() => performance.getEntriesByName('queue-index-ready')[0]!.startTime)
const bareFirst = [] as number[]
for (let i = 0; i < 5; i++) bareFirst.push(await bareQuery(page, dbName, {}))

const searchTerms = ['printer', 'vpn', 'outlook', 'battery', 'monitor', 'disk', 'teams', 'keyboard', 'wi', 'password']
const search: number[] = []
const bareSearch: number[] = []
const filter: number[] = []
const bareFilter: number[] = []
// Each step flips the queue between empty and full, so every change visibly alters it.
const statuses = ['in_progress', 'new', 'in_progress', 'open', 'in_progress', 'any']
for (let i = 0; i < rounds; i++) {
  const term = searchTerms[i % searchTerms.length]!
  search.push(await timeQueueChange(page, { search: term }))
  bareSearch.push(await bareQuery(page, dbName, { search: term }))
}
await timeQueueChange(page, { search: '' })
for (let i = 0; i < rounds; i++) {
  const status = statuses[i % statuses.length]!
  filter.push(await timeQueueChange(page, { status }))
  bareFilter.push(await bareQuery(page, dbName, { status }))
}
const heap = await page.evaluate(
  () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
)
await browser.close()
await hub.close()

const s = stats(search)
const bs = stats(bareSearch)
const f = stats(filter)
const bf = stats(bareFilter)
console.log(
  JSON.stringify({
    tickets: ticketCount,
    firstSyncMs: Math.round(firstSyncMs),
    firstRenderMs: stats(renders).median,
    indexReadyMs: Math.round(indexReadyMs),
    bareFirstQueryMs: stats(bareFirst).median,
    searchMedianMs: s.median,
    searchP95Ms: s.p95,
    bareSearchMedianMs: bs.median,
    bareSearchP95Ms: bs.p95,
    filterMedianMs: f.median,
    filterP95Ms: f.p95,
    bareFilterMedianMs: bf.median,
    bareFilterP95Ms: bf.p95,
    searchRatioP95: Number((s.p95 / bs.p95).toFixed(2)),
    filterRatioP95: Number((f.p95 / bf.p95).toFixed(2)),
    jsHeapMb: Number((heap / 2 ** 20).toFixed(1)),
  }),
)
