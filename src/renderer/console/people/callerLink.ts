import { samePhone, type ContactMatch, type Device } from '@shared/people'
import type { TicketLinks } from '@shared/tickets/people'

/** The caller the agent picked in New call, as the ticket will link it. */
export interface CallerLink {
  customer: { id: string; name: string }
  contact: { id: string; name: string; email: string | null; phone: string | null }
  devices: Device[]
  /** The caller's device the ticket is about; `null` when not known. */
  deviceId: string | null
}

/** A picked caller: their only device is taken to be the one they call about; with several the agent picks. */
export function linkOf({ customer, contact, devices }: ContactMatch): CallerLink {
  return {
    customer,
    contact: { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone },
    devices,
    deviceId: devices.length === 1 ? devices[0]!.id : null,
  }
}

const words = (name: string) =>
  new Set(
    name
      .toLocaleLowerCase()
      .split(/[\s,.-]+/u)
      .filter(Boolean),
  )

/**
 * Whether what the agent typed still describes the picked person. A corrected spelling or an
 * emptied field keeps the link; another e-mail address, another number, or a name with no word
 * in common with the contact's means someone else is on the phone.
 */
export function stillSamePerson(link: CallerLink, typed: { name: string; email: string; phone: string }): boolean {
  const email = typed.email.trim().toLowerCase()
  if (email && email !== (link.contact.email ?? '').toLowerCase()) return false
  const phone = typed.phone.trim()
  if (phone && !(link.contact.phone && samePhone(phone, link.contact.phone))) return false
  const name = words(typed.name)
  if (name.size > 0 && ![...words(link.contact.name)].some((word) => name.has(word))) return false
  return true
}

export function ticketLinksOf(link: CallerLink | null): TicketLinks | null {
  return link ? { customerId: link.customer.id, contactId: link.contact.id, deviceId: link.deviceId } : null
}
