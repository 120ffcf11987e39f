import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConsoleDb } from '../data/db'
import { cachedTicket } from '../data/testTickets'
import { ticketIdsFromNumbers } from './ticketNumbers'

const actor = { id: randomUUID(), name: 'Ana', role: 'specialist' as const }

const ticket = (number: number) => cachedTicket(actor, { subject: `Ticket ${number}`, number, impact: 'low' })

describe('ticket numbers in record forms', () => {
  let db: ConsoleDb
  beforeEach(() => {
    db = new ConsoleDb(`records-${randomUUID()}`)
  })
  afterEach(() => db.delete())

  it('reads numbers the way agents type them into the ids of cached tickets, once each', async () => {
    const [a, b] = [ticket(12), ticket(13)]
    await db.tickets.bulkPut([a, b])
    expect(await ticketIdsFromNumbers(db, 'T-000012, 13; t13\n')).toEqual({ ok: true, ids: [a.id, b.id] })
    expect(await ticketIdsFromNumbers(db, '  ')).toEqual({ ok: true, ids: [] })
  })

  it('names every word that is no known ticket, so nothing is linked by half', async () => {
    await db.tickets.bulkPut([ticket(12)])
    expect(await ticketIdsFromNumbers(db, 'T-000012 T-000099 printer')).toEqual({
      ok: false,
      unknown: ['T-000099', 'printer'],
    })
  })
})
