import { z } from 'zod'
import { changeSchema } from './change'
import { recordLimits } from './common'
import { problemSchema } from './problem'
import { vendorCaseSchema } from './vendorCase'

/** Everything the ticket view shows about the records a ticket is part of. */
export const ticketRecordsSchema = z.object({
  vendorCases: z.array(vendorCaseSchema),
  problem: problemSchema.nullable(),
  changes: z.array(changeSchema),
})
export type TicketRecords = z.infer<typeof ticketRecordsSchema>

export const problemListSchema = z.array(problemSchema).max(recordLimits.listPage)
export const changeListSchema = z.array(changeSchema).max(recordLimits.listPage)

/** What happened to each linked incident when a problem was resolved. */
export const incidentOutcomeSchema = z.object({
  ticketId: z.uuid(),
  outcome: z.enum(['resolved', 'notified', 'unchanged', 'refused']),
  message: z.string().nullable(),
})
export type IncidentOutcome = z.infer<typeof incidentOutcomeSchema>

export const resolveProblemResponseSchema = z.object({
  problem: problemSchema,
  incidents: z.array(incidentOutcomeSchema),
})
export type ResolveProblemResponse = z.infer<typeof resolveProblemResponseSchema>
