import { randomUUID } from 'node:crypto'
import { contactSchema, phoneDigits, type Contact, type ContactInput } from '@shared/people'
import type { Queryable } from '../storage/db'
import { iso, notFound, PeopleError } from './errors'

export interface ContactRow {
  id: string
  customer_id: string
  name: string
  email: string | null
  phone: string | null
  language: string
  data: unknown
  created_at: Date | string
  updated_at: Date | string
}

export const contactColumns = 'id, customer_id, name, email, phone, language, data, created_at, updated_at'

export function toContact(row: ContactRow): Contact {
  return contactSchema.parse({
    ...(row.data as object),
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  })
}

export async function findContact(db: Queryable, organisationId: string, id: string): Promise<Contact | null> {
  const [row] = await db.query<ContactRow>(
    `select ${contactColumns} from contacts where organisation_id = $1 and id = $2`,
    [organisationId, id],
  )
  return row ? toContact(row) : null
}

export async function listContacts(db: Queryable, organisationId: string, customerId: string): Promise<Contact[]> {
  const rows = await db.query<ContactRow>(
    `select ${contactColumns} from contacts where organisation_id = $1 and customer_id = $2 order by lower(name), id`,
    [organisationId, customerId],
  )
  return rows.map(toContact)
}

export async function findContactByEmail(
  db: Queryable,
  organisationId: string,
  email: string,
): Promise<Contact | null> {
  const [row] = await db.query<ContactRow>(
    `select ${contactColumns} from contacts where organisation_id = $1 and email = $2`,
    [organisationId, email.trim().toLowerCase()],
  )
  return row ? toContact(row) : null
}

/** Contacts whose number is this one written another way (see the shared `phoneDigits`), oldest first. */
export async function findContactsByPhone(db: Queryable, organisationId: string, phone: string): Promise<Contact[]> {
  const digits = phoneDigits(phone)
  if (digits.length < 6) return []
  const rows = await db.query<ContactRow>(
    `select ${contactColumns} from contacts
      where organisation_id = $1 and length(phone_digits) >= 6
        and ($2 like '%' || phone_digits or phone_digits like '%' || $2)
      order by created_at, id`,
    [organisationId, digits],
  )
  return rows.map(toContact)
}

async function checkEmailFree(tx: Queryable, organisationId: string, email: string | null, exceptId: string | null) {
  if (email === null) return
  const [taken] = await tx.query<{ name: string }>(
    'select name from contacts where organisation_id = $1 and email = $2 and id is distinct from $3',
    [organisationId, email, exceptId],
  )
  if (taken) throw new PeopleError(409, 'email_taken', `${email} is already the address of ${taken.name}.`)
}

const dataOf = (input: ContactInput) => JSON.stringify({ jobTitle: input.jobTitle, notes: input.notes })
const digitsOf = (phone: string | null) => (phone === null ? null : phoneDigits(phone))

export async function insertContact(
  tx: Queryable,
  organisationId: string,
  customerId: string,
  input: ContactInput,
  id: string = randomUUID(),
): Promise<Contact> {
  await checkEmailFree(tx, organisationId, input.email, null)
  const [row] = await tx.query<ContactRow>(
    `insert into contacts (id, organisation_id, customer_id, name, email, phone, phone_digits, language, data)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${contactColumns}`,
    [
      id,
      organisationId,
      customerId,
      input.name,
      input.email,
      input.phone,
      digitsOf(input.phone),
      input.language,
      dataOf(input),
    ],
  )
  return toContact(row!)
}

export async function updateContact(
  tx: Queryable,
  organisationId: string,
  id: string,
  input: ContactInput,
): Promise<{ before: Contact; after: Contact }> {
  const before = await findContact(tx, organisationId, id)
  if (!before) throw notFound('contact')
  await checkEmailFree(tx, organisationId, input.email, id)
  const [row] = await tx.query<ContactRow>(
    `update contacts set name = $3, email = $4, phone = $5, phone_digits = $6, language = $7, data = $8, updated_at = now()
      where organisation_id = $1 and id = $2 returning ${contactColumns}`,
    [organisationId, id, input.name, input.email, input.phone, digitsOf(input.phone), input.language, dataOf(input)],
  )
  return { before, after: toContact(row!) }
}

/** Refuses a contact id that is not a contact of this customer (of this organisation). */
export async function requireContactOf(
  db: Queryable,
  organisationId: string,
  customerId: string,
  contactId: string,
  role: string,
): Promise<Contact> {
  const contact = await findContact(db, organisationId, contactId)
  if (!contact || contact.customerId !== customerId) {
    throw new PeopleError(400, 'unknown_contact', `The ${role} must be a contact of the same customer.`)
  }
  return contact
}
