import { z } from 'zod'
import type { Role } from '../auth'
import { isFinished, type Status } from '../tickets/status'
import {
  clientIdSchema,
  isSpecialistRole,
  recordAuthorSchema,
  recordLimits,
  recordTextSchema,
  requiredTextSchema,
} from './common'

/** Offered as suggestions; any vendor name may be typed. */
export const suggestedVendors = [
  'Microsoft',
  'Lenovo',
  'Dell',
  'HP',
  'Cisco',
  'Citrix',
  'Apple',
  'VMware',
  'Fortinet',
  'SAP',
] as const

export const vendorCaseStatuses = ['open', 'waiting_for_vendor', 'vendor_answered', 'closed'] as const
export const vendorCaseStatusSchema = z.enum(vendorCaseStatuses)
export type VendorCaseStatus = z.infer<typeof vendorCaseStatusSchema>

export const vendorDirections = ['to_vendor', 'from_vendor'] as const
export const vendorDirectionSchema = z.enum(vendorDirections)
export type VendorDirection = z.infer<typeof vendorDirectionSchema>

/** A calendar day (`2026-11-30`): the next contact is a day, not an instant. */
export const contactDateSchema = z.iso.date({ error: 'The next contact date must be a day like 2026-11-30' })

export const vendorEntrySchema = z.object({
  id: z.uuid(),
  direction: vendorDirectionSchema,
  body: requiredTextSchema,
  at: z.iso.datetime(),
  author: recordAuthorSchema,
})
export type VendorEntry = z.infer<typeof vendorEntrySchema>

const vendorNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Name the vendor' })
  .max(recordLimits.vendor, { error: `A vendor name has at most ${recordLimits.vendor} characters` })
const caseNumberSchema = z
  .string()
  .trim()
  .min(1, { error: "Enter the vendor's case number" })
  .max(recordLimits.caseNumber, { error: `A case number has at most ${recordLimits.caseNumber} characters` })

export const vendorCaseSchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  vendor: vendorNameSchema,
  caseNumber: caseNumberSchema,
  status: vendorCaseStatusSchema,
  nextContactOn: contactDateSchema.nullable(),
  openedBy: recordAuthorSchema,
  openedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  entries: z.array(vendorEntrySchema).max(recordLimits.entriesPerCase),
})
export type VendorCase = z.infer<typeof vendorCaseSchema>

/** The id is chosen by the Console, so a repeated request opens the case once. */
export const openVendorCaseRequestSchema = z.object({
  id: clientIdSchema,
  vendor: vendorNameSchema,
  caseNumber: caseNumberSchema,
  nextContactOn: contactDateSchema.nullable().default(null),
  /** What was sent to the vendor when the case was opened; becomes the first log entry. */
  message: recordTextSchema.default(''),
})
export type OpenVendorCaseRequest = z.input<typeof openVendorCaseRequestSchema>

export const logVendorEntryRequestSchema = z.object({
  id: clientIdSchema,
  direction: vendorDirectionSchema,
  body: requiredTextSchema,
})
export type LogVendorEntryRequest = z.input<typeof logVendorEntryRequestSchema>

export const updateVendorCaseRequestSchema = z
  .object({
    caseNumber: caseNumberSchema.optional(),
    nextContactOn: contactDateSchema.nullable().optional(),
    /** Only closing is set by hand; the other states follow the logged exchange. */
    status: z.literal('closed').optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'Nothing to change' })
export type UpdateVendorCaseRequest = z.input<typeof updateVendorCaseRequestSchema>

export type VendorCaseRefusal = 'needs_specialist' | 'ticket_finished' | 'case_closed' | 'too_many_entries'

/** Pulling in the vendor is a 2nd-level decision, and a finished ticket has nothing left to ask. */
export function openVendorCaseRefusal(role: Role, ticketStatus: Status): VendorCaseRefusal | null {
  if (!isSpecialistRole(role)) return 'needs_specialist'
  if (isFinished(ticketStatus)) return 'ticket_finished'
  return null
}

export function logVendorEntryRefusal(role: Role, vendorCase: VendorCase): VendorCaseRefusal | null {
  if (!isSpecialistRole(role)) return 'needs_specialist'
  if (vendorCase.status === 'closed') return 'case_closed'
  if (vendorCase.entries.length >= recordLimits.entriesPerCase) return 'too_many_entries'
  return null
}

/** A message to the vendor means we wait for them; their answer hands the ball back to us. */
export function caseStatusAfterEntry(direction: VendorDirection): VendorCaseStatus {
  return direction === 'to_vendor' ? 'waiting_for_vendor' : 'vendor_answered'
}

/** The ticket waits for the vendor while any of its cases is still with the vendor. */
export function isWaitingOnVendor(status: VendorCaseStatus): boolean {
  return status === 'open' || status === 'waiting_for_vendor'
}

/**
 * The ticket status the vendor cases call for, or null when the ticket stays as it is. Waiting
 * for the vendor pauses the SLA clocks; the answer of the last case still open resumes them.
 * Finished tickets are left alone: a late vendor answer does not reopen them.
 */
export function ticketStatusForCases(ticketStatus: Status, cases: readonly VendorCaseStatus[]): Status | null {
  if (isFinished(ticketStatus)) return null
  const waiting = cases.some(isWaitingOnVendor)
  if (waiting && ticketStatus !== 'waiting_for_vendor') return 'waiting_for_vendor'
  if (!waiting && ticketStatus === 'waiting_for_vendor') return 'in_progress'
  return null
}
