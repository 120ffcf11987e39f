import { z } from 'zod'
import { roleSchema } from '../auth'
import { supportLevelSchema } from './classification'
import { ticketLimits } from './limits'

const personNameSchema = z.string().trim().min(1, { error: 'A name is needed' }).max(ticketLimits.personName)

/** The person the ticket is for; walk-ins may leave every contact detail empty. */
export const requesterSchema = z.object({
  name: personNameSchema,
  email: z.email().max(ticketLimits.email).nullable(),
  phone: z.string().trim().min(1).max(ticketLimits.phone).nullable(),
  device: z.string().trim().min(1).max(ticketLimits.device).nullable(),
})
export type Requester = z.infer<typeof requesterSchema>

/**
 * Where the ticket sits in the customer records, when known: set by Get Help from its enrolment, by
 * New call when the agent picks the caller, by e-mail intake from the sender. The hub checks that
 * each id is of the ticket's organisation and that contact and device belong to the customer.
 */
export const ticketLinksSchema = z.object({
  customerId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  deviceId: z.uuid().nullable(),
})
export type TicketLinks = z.infer<typeof ticketLinksSchema>

/** A staff account as shown on a ticket; the name is kept so the timeline reads well offline. */
export const staffRefSchema = z.object({ id: z.uuid(), name: personNameSchema })
export type StaffRef = z.infer<typeof staffRefSchema>

/** Who works the ticket: level and group always travel together with the person. */
export const assignmentSchema = z.object({
  level: supportLevelSchema,
  group: z.string().trim().min(1).max(ticketLimits.groupName).nullable(),
  assignee: staffRefSchema.nullable(),
})
export type Assignment = z.infer<typeof assignmentSchema>

export function sameAssignment(a: Assignment, b: Assignment): boolean {
  return a.level === b.level && a.group === b.group && a.assignee?.id === b.assignee?.id
}

/** The requester writes in Get Help, staff in the Console, the hub adds what machines report. */
export const authorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), id: z.uuid(), name: personNameSchema }),
  z.object({ kind: z.literal('requester'), name: personNameSchema }),
  z.object({ kind: z.literal('system') }),
])
export type Author = z.infer<typeof authorSchema>

/** The signed-in account a command is applied for. */
export const actorSchema = z.object({ id: z.uuid(), name: personNameSchema, role: roleSchema })
export type Actor = z.infer<typeof actorSchema>
