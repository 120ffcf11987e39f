import { z } from 'zod'
import { businessCalendarSchema } from '../tickets/calendar'
import { peopleLimits } from './limits'

/** An e-mail domain such as `mueller.example`; stored lower case, so `Mueller.Example` is the same domain. */
export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(peopleLimits.domain)
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
    error: 'An e-mail domain looks like mueller.example (no @, no spaces)',
  })

export const locationSchema = z.object({
  name: z.string().trim().min(1, { error: 'A location needs a name' }).max(peopleLimits.locationName),
  address: z.string().trim().max(peopleLimits.address),
})
export type Location = z.infer<typeof locationSchema>

/** What an admin enters for a customer (`POST /api/customers`, and `PUT /api/customers/:id` replaces it all). */
export const customerInputSchema = z.object({
  name: z.string().trim().min(1, { error: 'A customer needs a name' }).max(peopleLimits.customerName),
  /** E-mail domains that identify the customer's people; each belongs to one customer of the organisation. */
  domains: z
    .array(emailDomainSchema)
    .max(peopleLimits.domainsPerCustomer)
    .refine((domains) => new Set(domains).size === domains.length, { error: 'A domain is listed twice' }),
  locations: z.array(locationSchema).max(peopleLimits.locationsPerCustomer),
  /** The customer's business hours (SLA clocks use them); `null` uses the organisation's calendar. */
  calendar: businessCalendarSchema.nullable(),
  notes: z.string().max(peopleLimits.notes),
})
export type CustomerInput = z.infer<typeof customerInputSchema>

export const customerSchema = customerInputSchema.extend({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Customer = z.infer<typeof customerSchema>

/** A customer as named beside its contacts, devices and tickets. */
export const customerRefSchema = z.object({ id: z.uuid(), name: z.string() })
export type CustomerRef = z.infer<typeof customerRefSchema>

/** The domain part of an e-mail address, lower case; `null` when the address has none. */
export function domainOfEmail(email: string): string | null {
  const at = email.lastIndexOf('@')
  if (at < 0 || at === email.length - 1) return null
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase()
}

/**
 * The domains, most specific first, under which an address's domain may be registered:
 * `it.mueller.example` is looked up as itself and then as `mueller.example` (never as a bare top-level domain).
 */
export function candidateDomains(domain: string): string[] {
  const labels = domain.split('.').filter(Boolean)
  const candidates: string[] = []
  for (let i = 0; i < labels.length - 1; i++) candidates.push(labels.slice(i).join('.'))
  return candidates
}
