import { z } from 'zod'
import type { Role } from '../auth'
import { staffRefSchema } from '../tickets/people'

/** Upper bounds for record text; the hub refuses anything longer. */
export const recordLimits = {
  title: 200,
  text: 20_000,
  vendor: 100,
  caseNumber: 100,
  entriesPerCase: 500,
  linksPerRecord: 200,
  listPage: 200,
} as const

export const recordTitleSchema = z
  .string()
  .trim()
  .min(1, { error: 'A title is needed' })
  .max(recordLimits.title, { error: `A title has at most ${recordLimits.title} characters` })
export const recordTextSchema = z
  .string()
  .trim()
  .max(recordLimits.text, { error: `A text has at most ${recordLimits.text} characters` })
export const requiredTextSchema = recordTextSchema.min(1, { error: 'This text is needed' })

/** Ids of new records and entries are chosen by the Console, so a repeated request creates once. */
export const clientIdSchema = z.uuid({ error: 'id must be a uuid' })

/** Tickets to link when a record is created. */
export const ticketIdsSchema = z.array(z.uuid()).max(recordLimits.linksPerRecord).default([])

/** Links one more ticket to a problem or change. */
export const linkTicketRequestSchema = z.object({ ticketId: z.uuid({ error: 'ticketId must be a uuid' }) })

/** Who made an entry or a decision: the account's id and the name it had then. */
export const recordAuthorSchema = staffRefSchema
export type RecordAuthor = z.infer<typeof recordAuthorSchema>

/** A ticket as a record shows it next to its links, so lists read well without the ticket cache. */
export const linkedTicketSchema = z.object({
  ticketId: z.uuid(),
  number: z.number().int().positive(),
  subject: z.string(),
  status: z.string(),
})
export type LinkedTicket = z.infer<typeof linkedTicketSchema>

/** What problems and changes both are: a numbered record with a title, a description and an author. */
export const numberedRecordFields = {
  id: z.uuid(),
  number: z.number().int().positive(),
  title: recordTitleSchema,
  description: recordTextSchema,
  author: recordAuthorSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}

/** What creating a problem or a change asks for beyond its own fields. */
export const createNumberedRecordFields = {
  id: clientIdSchema,
  title: recordTitleSchema,
  description: recordTextSchema.default(''),
  ticketIds: ticketIdsSchema,
}

/** 2nd level and admins run vendor cases, problems and changes; 1st level reads them. */
export function isSpecialistRole(role: Role): boolean {
  return role === 'specialist' || role === 'admin'
}

const minimumDigits = 6

/** `123` → `PRB-000123`, `CHG-000123`; numbers past six digits simply grow. */
export function formatRecordNumber(prefix: 'PRB' | 'CHG', number: number): string {
  return `${prefix}-${String(number).padStart(minimumDigits, '0')}`
}
