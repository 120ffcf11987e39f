import { minPhoneDigits, phoneDigits, type ContactMatch } from '@shared/people'
import type { Queryable } from '../storage/db'
import { contactColumns, toContact, type ContactRow } from './contacts'
import { listDevices } from './devices'
import { containsPattern } from './errors'
import { isOpen, isPersonsTicket, summary, ticketsOfPeople } from './tickets'

const maxMatches = 10
const maxOpen = 10
const maxRecent = 5
/** Fewer digits than this in a query are not looked up as a phone number. */
const minQueryDigits = 4

/**
 * The digit strings a typed number may be stored under. "+49 30 1234" may be a contact saved as
 * "030 1234 56": an international number is also tried without a country code of one to three digits.
 */
function phoneCandidates(query: string): string[] {
  const digits = phoneDigits(query)
  if (digits.length < minQueryDigits) return []
  const candidates = [digits]
  if (/^\s*(\+|00)/.test(query)) {
    // Without the country code a short rest would match nearly anyone, so it needs the length of a number.
    for (let cut = 1; cut <= 3; cut++) {
      const rest = digits.slice(cut).replace(/^0+/, '')
      if (rest.length >= minPhoneDigits) candidates.push(rest)
    }
  }
  return [...new Set(candidates)]
}

/**
 * Contacts whose name has every typed word, whose e-mail contains the text, or whose number
 * contains the typed digits (or is the tail of a typed international number); each with its
 * customer, open and recent tickets and devices.
 */
export async function lookupContacts(db: Queryable, organisationId: string, query: string): Promise<ContactMatch[]> {
  const text = query.trim().toLowerCase()
  const params: unknown[] = [organisationId]
  const add = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const words = text.split(/\s+/).filter(Boolean).slice(0, 5)
  const conditions = [
    `(${words.map((word) => `lower(c.name) like ${add(containsPattern(word))}`).join(' and ')})`,
    `c.email like ${add(containsPattern(text))}`,
  ]
  const phones = phoneCandidates(query)
  if (phones.length > 0) {
    const list = add(phones)
    conditions.push(
      `exists (select 1 from unnest(${list}::text[]) p
                where c.phone_digits like '%' || p || '%'
                   or (length(c.phone_digits) >= 6 and p like '%' || c.phone_digits))`,
    )
  }
  const exact = add(text)
  const rows = await db.query<ContactRow & { customer_name: string }>(
    `select ${contactColumns
      .split(', ')
      .map((column) => `c.${column}`)
      .join(', ')}, k.name as customer_name
       from contacts c join customers k on k.id = c.customer_id
      where c.organisation_id = $1 and (${conditions.join(' or ')})
      order by (c.email = ${exact}) desc, lower(c.name), c.id
      limit ${maxMatches}`,
    params,
  )
  if (rows.length === 0) return []
  const contacts = rows.map((row) => ({
    contact: toContact(row),
    customer: { id: row.customer_id, name: row.customer_name },
  }))
  const tickets = await ticketsOfPeople(db, organisationId, {
    emails: contacts.flatMap(({ contact }) => (contact.email ? [contact.email] : [])),
    phoneDigits: contacts.flatMap(({ contact }) => (contact.phone ? [phoneDigits(contact.phone)] : [])),
  })
  const devices = await listDevices(db, organisationId, { contactIds: contacts.map(({ contact }) => contact.id) })
  return contacts.map(({ contact, customer }) => {
    const own = tickets.filter((ticket) => isPersonsTicket(ticket, contact))
    return {
      contact,
      customer,
      openTickets: own.filter(isOpen).slice(0, maxOpen).map(summary),
      recentTickets: own
        .filter((ticket) => !isOpen(ticket))
        .slice(0, maxRecent)
        .map(summary),
      devices: devices.filter((device) => device.contactId === contact.id),
    }
  })
}
