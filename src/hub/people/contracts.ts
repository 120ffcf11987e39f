import { randomUUID } from 'node:crypto'
import {
  contractSchema,
  contractStateAt,
  type Contact,
  type Contract,
  type ContractInput,
  type ContractView,
} from '@shared/people'
import type { Queryable } from '../storage/db'
import { requireContactOf } from './contacts'
import { iso, notFound } from './errors'

interface ContractRow {
  id: string
  customer_id: string
  technical_contact_id: string | null
  data: unknown
  created_at: Date | string
  updated_at: Date | string
}

const columns = 'id, customer_id, technical_contact_id, data, created_at, updated_at'

function toContract(row: ContractRow): Contract {
  return contractSchema.parse({
    ...(row.data as object),
    id: row.id,
    customerId: row.customer_id,
    technicalContactId: row.technical_contact_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  })
}

/** The contract as shown: its state at `now` and the technical contact to call or write. */
export function contractView(contract: Contract, contacts: readonly Contact[], now: Date): ContractView {
  const contact = contacts.find((c) => c.id === contract.technicalContactId)
  return {
    ...contract,
    state: contractStateAt(contract, now),
    technicalContact: contact
      ? { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone, jobTitle: contact.jobTitle }
      : null,
  }
}

export async function findContract(db: Queryable, organisationId: string, id: string): Promise<Contract | null> {
  const [row] = await db.query<ContractRow>(`select ${columns} from contracts where organisation_id = $1 and id = $2`, [
    organisationId,
    id,
  ])
  return row ? toContract(row) : null
}

/** A customer's contracts, latest start first. */
export async function listContracts(db: Queryable, organisationId: string, customerId: string): Promise<Contract[]> {
  const rows = await db.query<ContractRow>(
    `select ${columns} from contracts where organisation_id = $1 and customer_id = $2
      order by data->>'validFrom' desc, created_at desc, id`,
    [organisationId, customerId],
  )
  return rows.map(toContract)
}

const dataOf = ({ technicalContactId: _contact, ...data }: ContractInput) => JSON.stringify(data)

async function checkTechnicalContact(tx: Queryable, organisationId: string, customerId: string, input: ContractInput) {
  if (input.technicalContactId !== null) {
    await requireContactOf(tx, organisationId, customerId, input.technicalContactId, 'technical contact')
  }
}

export async function insertContract(
  tx: Queryable,
  organisationId: string,
  customerId: string,
  input: ContractInput,
  id: string = randomUUID(),
): Promise<Contract> {
  await checkTechnicalContact(tx, organisationId, customerId, input)
  const [row] = await tx.query<ContractRow>(
    `insert into contracts (id, organisation_id, customer_id, technical_contact_id, data)
     values ($1, $2, $3, $4, $5) returning ${columns}`,
    [id, organisationId, customerId, input.technicalContactId, dataOf(input)],
  )
  return toContract(row!)
}

export async function updateContract(
  tx: Queryable,
  organisationId: string,
  id: string,
  input: ContractInput,
): Promise<{ before: Contract; after: Contract }> {
  const before = await findContract(tx, organisationId, id)
  if (!before) throw notFound('contract')
  await checkTechnicalContact(tx, organisationId, before.customerId, input)
  const [row] = await tx.query<ContractRow>(
    `update contracts set technical_contact_id = $3, data = $4, updated_at = now()
      where organisation_id = $1 and id = $2 returning ${columns}`,
    [organisationId, id, input.technicalContactId, dataOf(input)],
  )
  return { before, after: toContract(row!) }
}
