import { randomUUID } from 'node:crypto'
import {
  contractSchema,
  contractStateAt,
  customerSchema,
  type ContractState,
  type Customer,
  type CustomerInput,
  type CustomerRef,
  type CustomerSummary,
  candidateDomains,
} from '@shared/people'
import type { Queryable } from '../storage/db'
import { iso, notFound, PeopleError } from './errors'

interface CustomerRow {
  id: string
  name: string
  data: unknown
  created_at: Date | string
  updated_at: Date | string
}

const columns = 'id, name, data, created_at, updated_at'

function toCustomer(row: CustomerRow): Customer {
  // Stored rows are parsed like any other input: a damaged row fails loudly here, not in a Console.
  return customerSchema.parse({
    ...(row.data as object),
    id: row.id,
    name: row.name,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  })
}

export async function findCustomer(db: Queryable, organisationId: string, id: string): Promise<Customer | null> {
  const [row] = await db.query<CustomerRow>(`select ${columns} from customers where organisation_id = $1 and id = $2`, [
    organisationId,
    id,
  ])
  return row ? toCustomer(row) : null
}

export async function requireCustomer(db: Queryable, organisationId: string, id: string): Promise<Customer> {
  const customer = await findCustomer(db, organisationId, id)
  if (!customer) throw notFound('customer')
  return customer
}

/** Refuses a name or domain another customer of the organisation already has, naming that customer. */
async function checkUnique(tx: Queryable, organisationId: string, input: CustomerInput, exceptId: string | null) {
  const [sameName] = await tx.query<{ name: string }>(
    'select name from customers where organisation_id = $1 and lower(name) = lower($2) and id is distinct from $3',
    [organisationId, input.name, exceptId],
  )
  if (sameName) throw new PeopleError(409, 'name_taken', `There is already a customer called ${sameName.name}.`)
  if (input.domains.length === 0) return
  const taken = await tx.query<{ domain: string; name: string }>(
    `select d.domain, c.name from customer_domains d join customers c on c.id = d.customer_id
      where d.organisation_id = $1 and d.domain = any($2::text[]) and d.customer_id is distinct from $3
      order by d.domain`,
    [organisationId, input.domains, exceptId],
  )
  if (taken.length > 0) {
    const list = taken.map((t) => `${t.domain} (${t.name})`).join(', ')
    throw new PeopleError(409, 'domain_taken', `These domains already belong to another customer: ${list}.`)
  }
}

async function saveDomains(tx: Queryable, organisationId: string, customerId: string, domains: readonly string[]) {
  await tx.query('delete from customer_domains where organisation_id = $1 and customer_id = $2', [
    organisationId,
    customerId,
  ])
  for (const domain of domains) {
    await tx.query('insert into customer_domains (organisation_id, domain, customer_id) values ($1, $2, $3)', [
      organisationId,
      domain,
      customerId,
    ])
  }
}

const dataOf = ({ name: _name, ...data }: CustomerInput) => JSON.stringify(data)

export async function insertCustomer(
  tx: Queryable,
  organisationId: string,
  input: CustomerInput,
  id: string = randomUUID(),
): Promise<Customer> {
  await checkUnique(tx, organisationId, input, null)
  const [row] = await tx.query<CustomerRow>(
    `insert into customers (id, organisation_id, name, data) values ($1, $2, $3, $4) returning ${columns}`,
    [id, organisationId, input.name, dataOf(input)],
  )
  await saveDomains(tx, organisationId, id, input.domains)
  return toCustomer(row!)
}

export async function updateCustomer(
  tx: Queryable,
  organisationId: string,
  id: string,
  input: CustomerInput,
): Promise<{ before: Customer; after: Customer }> {
  const before = await requireCustomer(tx, organisationId, id)
  await checkUnique(tx, organisationId, input, id)
  const [row] = await tx.query<CustomerRow>(
    `update customers set name = $3, data = $4, updated_at = now()
      where organisation_id = $1 and id = $2 returning ${columns}`,
    [organisationId, id, input.name, dataOf(input)],
  )
  await saveDomains(tx, organisationId, id, input.domains)
  return { before, after: toCustomer(row!) }
}

const stateRank: Record<ContractState, number> = { active: 0, upcoming: 1, expired: 2 }

export async function listCustomerSummaries(
  db: Queryable,
  organisationId: string,
  now: Date,
): Promise<CustomerSummary[]> {
  const rows = await db.query<CustomerRow & { contact_count: string | number; device_count: string | number }>(
    `select c.id, c.name, c.data, c.created_at, c.updated_at,
            (select count(*) from contacts k where k.customer_id = c.id) as contact_count,
            (select count(*) from devices d where d.customer_id = c.id) as device_count
       from customers c where c.organisation_id = $1 order by lower(c.name), c.id`,
    [organisationId],
  )
  const contracts = await db.query<{ customer_id: string; data: unknown }>(
    'select customer_id, data from contracts where organisation_id = $1',
    [organisationId],
  )
  const best = new Map<string, ContractState>()
  for (const contract of contracts) {
    const validity = contractSchema.pick({ validFrom: true, validUntil: true, serviceHours: true }).parse(contract.data)
    const state = contractStateAt(validity, now)
    const known = best.get(contract.customer_id)
    if (!known || stateRank[state] < stateRank[known]) best.set(contract.customer_id, state)
  }
  return rows.map((row) => {
    const customer = toCustomer(row)
    return {
      id: customer.id,
      name: customer.name,
      domains: customer.domains,
      contactCount: Number(row.contact_count),
      deviceCount: Number(row.device_count),
      contractState: best.get(customer.id) ?? null,
    }
  })
}

/** The customer whose registered domain the address's domain is, or lies under (`it.mueller.example`). */
export async function customerOfDomain(
  db: Queryable,
  organisationId: string,
  domain: string,
): Promise<CustomerRef | null> {
  const candidates = candidateDomains(domain.toLowerCase())
  if (candidates.length === 0) return null
  const rows = await db.query<{ id: string; name: string; domain: string }>(
    `select c.id, c.name, d.domain from customer_domains d join customers c on c.id = d.customer_id
      where d.organisation_id = $1 and d.domain = any($2::text[])`,
    [organisationId, candidates],
  )
  // The most specific registered domain wins: `it.mueller.example` before `mueller.example`.
  const byDomain = new Map(rows.map((row) => [row.domain, row]))
  for (const candidate of candidates) {
    const row = byDomain.get(candidate)
    if (row) return { id: row.id, name: row.name }
  }
  return null
}
