import { z } from 'zod'
import { ticketLimits } from '../tickets/limits'
import { peopleLimits } from './limits'

export const contactLanguages = ['de', 'en'] as const
export const contactLanguageSchema = z.enum(contactLanguages, { error: 'language must be "de" or "en"' })
export type ContactLanguage = z.infer<typeof contactLanguageSchema>

/** What an admin enters for a contact (`POST /api/customers/:id/contacts`, `PUT /api/contacts/:id`). */
export const contactInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'A contact needs a name' }).max(ticketLimits.personName),
    email: z.email().trim().toLowerCase().max(ticketLimits.email).nullable(),
    phone: z
      .string()
      .trim()
      .min(1)
      .max(ticketLimits.phone)
      .regex(/^[+()\-./\d\s]*\d[+()\-./\d\s]*$/, { error: 'A phone number has digits, spaces and + ( ) - / . only' })
      .nullable(),
    language: contactLanguageSchema,
    /** Position or role at the customer, e.g. "IT administrator" (technical contacts should be technical). */
    jobTitle: z.string().trim().max(120).default(''),
    notes: z.string().max(peopleLimits.notes).default(''),
  })
  .refine((contact) => contact.email !== null || contact.phone !== null, {
    error: 'A contact needs an e-mail address or a phone number',
  })
export type ContactInput = z.infer<typeof contactInputSchema>

export const contactSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: contactLanguageSchema,
  jobTitle: z.string(),
  notes: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Contact = z.infer<typeof contactSchema>

/** A contact as shown beside a contract or a device: enough to call or write. */
export const contactRefSchema = contactSchema.pick({ id: true, name: true, email: true, phone: true, jobTitle: true })
export type ContactRef = z.infer<typeof contactRefSchema>

/**
 * The digits that identify a phone number across ways of writing it: every non-digit and the
 * leading zeros (international `00`, national trunk `0`) dropped, so "+49 30 1234-56",
 * "0049 30 123456" and "030 123456" give "4930123456", "4930123456" and "30123456". Numbers match
 * when one of these ends with the other (the country code may be missing on either side); the hub
 * computes the same in SQL.
 */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^0+/, '')
}

/** Fewer significant digits than this never identify a number on their own. */
export const minPhoneDigits = 6

/** Whether two phone numbers are the same number written differently (see `phoneDigits`). */
export function samePhone(a: string, b: string): boolean {
  const x = phoneDigits(a)
  const y = phoneDigits(b)
  if (x.length < minPhoneDigits || y.length < minPhoneDigits) return false
  return x.endsWith(y) || y.endsWith(x)
}
