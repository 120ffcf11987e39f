import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { hubErrorSchema } from '@shared/auth'
import { slaContractSchema, slaCustomersResponseSchema, type SlaCustomer } from '@shared/people/sla'
import { businessCalendarSchema } from '@shared/tickets/calendar'
import { requireAccount } from '../routes/requireAccount'
import type { Database, Queryable } from '../storage/db'

/**
 * Every customer's clock rules: its business hours and each contract's validity, service hours and
 * targets. Consoles keep the answer offline and work out a ticket's clocks with `slaConfigFor`.
 */
export async function listSlaCustomers(db: Queryable, organisationId: string): Promise<SlaCustomer[]> {
  const customers = await db.query<{ id: string; name: string; calendar: unknown }>(
    `select id, name, data->'calendar' as calendar from customers where organisation_id = $1 order by lower(name), id`,
    [organisationId],
  )
  const contracts = await db.query<{ id: string; customer_id: string; data: Record<string, unknown> }>(
    `select id, customer_id, data from contracts where organisation_id = $1
      order by data->>'validFrom' desc, created_at desc, id`,
    [organisationId],
  )
  const byCustomer = new Map<string, SlaCustomer['contracts']>()
  for (const row of contracts) {
    const contract = slaContractSchema.parse({ ...row.data, id: row.id })
    byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), contract])
  }
  return customers.map((row) => ({
    id: row.id,
    name: row.name,
    calendar: row.calendar === null || row.calendar === undefined ? null : businessCalendarSchema.parse(row.calendar),
    contracts: byCustomer.get(row.id) ?? [],
  }))
}

/** `GET /api/sla/customers`: every role of the organisation reads it; other organisations' customers never appear. */
export const slaRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))
    app.get(
      '/api/sla/customers',
      { schema: { response: { 200: slaCustomersResponseSchema, 401: hubErrorSchema } } },
      async (request) => ({ customers: await listSlaCustomers(db, request.account!.organisation.id) }),
    )
  }
