import type { CustomerDetail } from '@shared/people'
import { samePhone } from '@shared/people'
import type { ContactLanguage } from '@shared/people/contact'
import type { Requester, TicketLinks } from '@shared/tickets/people'

/**
 * The language the requester reads, from their contact record: the linked contact, else the
 * customer's contact with the requester's e-mail address or phone number. Null when the requester
 * is no known contact; the caller then writes in its own language.
 */
export function requesterLanguage(
  detail: Pick<CustomerDetail, 'contacts'> | null,
  requester: Pick<Requester, 'email' | 'phone'>,
  links?: Pick<TicketLinks, 'contactId'> | null,
): ContactLanguage | null {
  if (!detail) return null
  const linked = links?.contactId ? detail.contacts.find((contact) => contact.id === links.contactId) : undefined
  const contact =
    linked ??
    detail.contacts.find(
      (contact) =>
        (requester.email && contact.email?.toLowerCase() === requester.email.toLowerCase()) ||
        (requester.phone && contact.phone && samePhone(contact.phone, requester.phone)),
    )
  return contact?.language ?? null
}
