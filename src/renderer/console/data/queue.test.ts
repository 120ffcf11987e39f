import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyCommand } from '@shared/tickets/apply'
import { ticketCommandSchema } from '@shared/tickets/commands'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { toCachedTicket } from './cachedTicket'
import { ConsoleDb } from './db'
import { defaultQueueFilter, queryQueue } from './queue'

const actor = { id: randomUUID(), name: 'Ana', role: 'agent' as const }
const viewer = { id: actor.id, groups: [] }

function ticket(subject: string, number: number, createdMinutesAgo: number) {
  const now = new Date(Date.now() - createdMinutesAgo * 60_000).toISOString()
  const command = ticketCommandSchema.parse({
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId: randomUUID(),
    baseVersion: null,
    deviceTime: now,
    payload: {
      subject,
      description: '',
      channel: 'phone',
      requester: { name: 'Kim Berger', email: null, phone: null, device: null },
      type: 'incident',
      category: 'hardware',
      impact: 'high',
      urgency: 'high',
    },
  })
  const outcome = applyCommand(null, command, { actor, now, matrix: defaultPriorityMatrix, ticketNumber: number })
  if (!outcome.ok) throw new Error(outcome.error.kind)
  return toCachedTicket(outcome.ticket, outcome.events)
}

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
    expect(found.rows).toHaveLength(200)
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
})
