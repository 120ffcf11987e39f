import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConsoleDb } from './db'
import { cachedTicket } from './testTickets'
import { defaultQueueFilter, firstPage, queryQueue } from './queue'

const actor = { id: randomUUID(), name: 'Ana', role: 'agent' as const }
const viewer = { id: actor.id, groups: [] }

const ticket = (subject: string, number: number, createdMinutesAgo: number) =>
  cachedTicket(actor, { subject, number, createdMinutesAgo })

describe('queue queries', () => {
  let db: ConsoleDb
  beforeEach(() => {
    db = new ConsoleDb(`queue-${randomUUID()}`)
  })
  afterEach(() => db.delete())

  it('finds tickets by word prefix and by number, most urgent first', async () => {
    await db.tickets.bulkPut([
      ticket('Keyboard types wrong letters', 1, 5),
      ticket('Second monitor stays black', 2, 10),
      ticket('Monitor flickers', 3, 1),
    ])
    const found = await queryQueue(db, { ...defaultQueueFilter, search: 'monit' }, viewer)
    expect(found.rows.map((t) => t.subject)).toEqual(['Second monitor stays black', 'Monitor flickers'])
    expect(found.total).toBe(2)
    expect(
      (await queryQueue(db, { ...defaultQueueFilter, search: 'T-000001' }, viewer)).rows.map((t) => t.number),
    ).toEqual([1])
    expect((await queryQueue(db, { ...defaultQueueFilter, search: 'monit black' }, viewer)).rows).toHaveLength(1)
  })

  it('walks the SLA order for broad filters and stops at a page', async () => {
    await db.tickets.bulkPut(Array.from({ length: 2500 }, (_, i) => ticket(`Printer offline ${i}`, i + 1, i)))
    const found = await queryQueue(db, { ...defaultQueueFilter, search: 'printer' }, viewer)
    expect(found.rows).toHaveLength(firstPage)
    expect(found.total).toBeNull()
    const due = found.rows.map((t) => t.slaDueAt)
    expect(due).toEqual([...due].sort())
  })

  it("shows a specialist the tickets of their groups, and nobody else's", async () => {
    const network = { ...ticket('Switch port flaps', 1, 5), level: 2 as const, group: 'network' }
    const servers = { ...ticket('DNS zone missing', 2, 6), level: 2 as const, group: 'servers' }
    const firstLevel = ticket('Mouse broken', 3, 7)
    await db.tickets.bulkPut([network, servers, firstLevel])
    const mine = await queryQueue(
      db,
      { ...defaultQueueFilter, scope: 'my_groups' },
      { id: actor.id, groups: ['network'] },
    )
    expect(mine.rows.map((t) => t.subject)).toEqual(['Switch port flaps'])
    const none = await queryQueue(db, { ...defaultQueueFilter, scope: 'my_groups' }, viewer)
    expect(none.rows).toEqual([])
  })

  it('answers from the in-memory index exactly as from the cache, and follows every write', async () => {
    const tickets = Array.from({ length: 600 }, (_, i) => ({
      ...ticket(['Printer offline', 'VPN drops', 'Monitor black'][i % 3]! + ` ${i}`, i + 1, i),
      ...(i % 4 === 0 ? { assignee: { id: actor.id, name: actor.name }, assigneeId: actor.id } : {}),
      ...(i % 5 === 0 ? { status: 'resolved' as const } : {}),
      ...(i % 7 === 0 ? { level: 2 as const, group: 'network' } : {}),
    }))
    await db.tickets.bulkPut(tickets)
    const filters = [
      defaultQueueFilter,
      { ...defaultQueueFilter, search: 'printer' },
      { ...defaultQueueFilter, search: 'vpn 1' },
      { ...defaultQueueFilter, scope: 'mine' as const },
      { ...defaultQueueFilter, scope: 'my_groups' as const, status: 'any' as const },
      { ...defaultQueueFilter, status: 'resolved' as const },
      { ...defaultQueueFilter, search: 'T-000042' },
    ]
    const groupViewer = { id: actor.id, groups: ['network'] }
    const fromCache = await Promise.all(filters.map((f) => queryQueue(db, f, groupViewer)))
    // A write while the index loads (the sync engine does not wait for it) is not lost.
    const during = ticket('Toner empty', 8888, 0)
    const removed = tickets[1]!
    await Promise.all([db.queueIndex.load(db, 128), db.tickets.put(during), db.tickets.delete(removed.id)])
    expect((await queryQueue(db, { ...defaultQueueFilter, search: 'toner' }, viewer)).rows).toHaveLength(1)
    await db.tickets.delete(during.id)
    await db.tickets.put(removed)
    expect(db.queueIndex.ready).toBe(true)
    const fromMemory = await Promise.all(filters.map((f) => queryQueue(db, f, groupViewer)))
    for (const [i, result] of fromMemory.entries()) {
      // Before the index, a broad filter shows a first page only; the index shows more of the same order.
      const cached = fromCache[i]!.rows.map((t) => t.id)
      expect(result.rows.map((t) => t.id).slice(0, cached.length), JSON.stringify(filters[i])).toEqual(cached)
      if (fromCache[i]!.total !== null) expect(result.total).toBe(fromCache[i]!.total)
    }
    // Writes after the load reach the index: a new ticket, a deletion.
    const fresh = ticket('Scanner jams', 9999, 0)
    await db.tickets.put(fresh)
    expect((await queryQueue(db, { ...defaultQueueFilter, search: 'scanner' }, viewer)).rows.map((t) => t.id)).toEqual([
      fresh.id,
    ])
    await db.tickets.delete(fresh.id)
    expect((await queryQueue(db, { ...defaultQueueFilter, search: 'scanner' }, viewer)).rows).toEqual([])
  })
})
