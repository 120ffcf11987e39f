import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyCommand } from '@shared/tickets/apply'
import { ticketCommandSchema } from '@shared/tickets/commands'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { toCachedTicket } from '../data/cachedTicket'
import { ConsoleDb } from '../data/db'
import { ticketIdsFromNumbers } from './ticketNumbers'

const actor = { id: randomUUID(), name: 'Ana', role: 'specialist' as const }

function ticket(number: number) {
  const now = new Date().toISOString()
  const command = ticketCommandSchema.parse({
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId: randomUUID(),
    baseVersion: null,
    deviceTime: now,
    payload: {
      subject: `Ticket ${number}`,
      description: '',
      channel: 'phone',
      requester: { name: 'Kim Berger', email: null, phone: null, device: null },
      type: 'incident',
      category: 'hardware',
      impact: 'low',
      urgency: 'low',
    },
  })
  const outcome = applyCommand(null, command, { actor, now, matrix: defaultPriorityMatrix, ticketNumber: number })
  if (!outcome.ok) throw new Error(outcome.error.kind)
  return toCachedTicket(outcome.ticket, outcome.events)
}

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
