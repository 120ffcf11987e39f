import { slaConfigFor, slaCustomersResponseSchema, type ResolvedSla, type SlaCustomer } from '@shared/people/sla'
import type { Ticket } from '@shared/tickets/model'
import { request } from '../../platform/hubClient'
import { slaDueAt } from './cachedTicket'
import type { ConsoleDb } from './db'

/** Where the Console gets every customer's clock rules: `GET /api/sla/customers`, parsed. */
export type SlaRulesSource = () => Promise<SlaCustomer[]>

export function slaRulesFromHub(hubUrl: string, token: string): SlaRulesSource {
  return () =>
    request(hubUrl, '/api/sla/customers', (json) => slaCustomersResponseSchema.parse(json).customers, { token })
}

/**
 * A ticket's clock rules from the cached customer: the contract in force when it was created, and
 * so on (`slaConfigFor`). Inside a transaction, `slaCustomers` must be in its scope.
 */
export async function ticketSlaRules(db: ConsoleDb, ticket: Pick<Ticket, 'links' | 'createdAt'>): Promise<ResolvedSla> {
  const customerId = ticket.links?.customerId
  const customer = customerId ? await db.slaCustomers.get(customerId) : undefined
  return slaConfigFor(customer, ticket.createdAt)
}

/**
 * Replaces the cached clock rules with the hub's and moves the queue's due dates of the tickets
 * whose customer's rules changed, in one transaction, so queue and ticket view agree. Offline the
 * last rules stay; a ticket whose customer is not (yet) known counts by the organisation's rules.
 */
export async function refreshSlaRules(db: ConsoleDb, source: SlaRulesSource, now = new Date()): Promise<void> {
  const customers = await source()
  await db.transaction('rw', [db.slaCustomers, db.tickets, db.events], async () => {
    const before = new Map((await db.slaCustomers.toArray()).map((customer) => [customer.id, JSON.stringify(customer)]))
    const after = new Map(customers.map((customer) => [customer.id, JSON.stringify(customer)]))
    const changed = new Set([...before.keys(), ...after.keys()].filter((id) => before.get(id) !== after.get(id)))
    if (changed.size === 0) return
    await db.slaCustomers.clear()
    await db.slaCustomers.bulkPut(customers)
    const affected = await db.tickets
      .filter((ticket) => !!ticket.links?.customerId && changed.has(ticket.links.customerId))
      .toArray()
    for (const ticket of affected) {
      const events = await db.events.where('ticketId').equals(ticket.id).toArray()
      const { config } = await ticketSlaRules(db, ticket)
      const due = slaDueAt(events, now, config)
      if (due !== ticket.slaDueAt) await db.tickets.update(ticket.id, { slaDueAt: due })
    }
  })
}
