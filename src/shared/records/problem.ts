import { z } from 'zod'
import type { Role } from '../auth'
import type { TicketType } from '../tickets/classification'
import {
  createNumberedRecordFields,
  isSpecialistRole,
  linkedTicketSchema,
  linkTicketRequestSchema,
  numberedRecordFields,
  recordLimits,
  recordTextSchema,
  recordTitleSchema,
  requiredTextSchema,
} from './common'

export const problemStatuses = ['open', 'known_error', 'resolved'] as const
export const problemStatusSchema = z.enum(problemStatuses)
export type ProblemStatus = z.infer<typeof problemStatusSchema>

export const problemSchema = z.object({
  ...numberedRecordFields,
  status: problemStatusSchema,
  rootCause: recordTextSchema,
  workaround: recordTextSchema,
  resolution: recordTextSchema,
  resolvedAt: z.iso.datetime().nullable(),
  incidents: z.array(linkedTicketSchema).max(recordLimits.linksPerRecord),
})
export type Problem = z.infer<typeof problemSchema>

/** `ticketIds` are the incidents known to share the cause when the problem is recorded. */
export const createProblemRequestSchema = z.object(createNumberedRecordFields)
export type CreateProblemRequest = z.input<typeof createProblemRequestSchema>

export const updateProblemRequestSchema = z
  .object({
    title: recordTitleSchema.optional(),
    description: recordTextSchema.optional(),
    rootCause: recordTextSchema.optional(),
    workaround: recordTextSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'Nothing to change' })
export type UpdateProblemRequest = z.input<typeof updateProblemRequestSchema>

/** A known error is a problem whose cause is understood and whose workaround agents can hand out. */
export const knownErrorRequestSchema = z.object({
  rootCause: recordTextSchema.default(''),
  workaround: requiredTextSchema,
})
export type KnownErrorRequest = z.input<typeof knownErrorRequestSchema>

export const linkIncidentRequestSchema = linkTicketRequestSchema

/** What happens to the linked incidents when the problem is resolved. */
export const incidentFollowUps = ['resolve', 'notify', 'none'] as const
export const incidentFollowUpSchema = z.enum(incidentFollowUps)
export type IncidentFollowUp = z.infer<typeof incidentFollowUpSchema>

export const resolveProblemRequestSchema = z.object({
  resolution: requiredTextSchema,
  incidents: incidentFollowUpSchema,
})
export type ResolveProblemRequest = z.input<typeof resolveProblemRequestSchema>

export type ProblemAction = 'create' | 'edit' | 'known_error' | 'link' | 'unlink' | 'resolve'
export type ProblemRefusal =
  'needs_specialist' | 'problem_resolved' | 'not_an_incident' | 'already_linked_elsewhere' | 'too_many_links'

/**
 * Problem management is 2nd-level work; 1st level may still link an incident to a known problem,
 * which is how agents use known errors. A resolved problem is final.
 */
export function problemRefusal(role: Role, action: ProblemAction, status: ProblemStatus | null): ProblemRefusal | null {
  if (action !== 'link' && !isSpecialistRole(role)) return 'needs_specialist'
  if (status === 'resolved') return 'problem_resolved'
  return null
}

/** Only incidents share a cause; requests and change requests are not failures. */
export function linkRefusal(
  ticketType: TicketType,
  linkedProblemId: string | null,
  problemId: string,
  linkCount: number,
): ProblemRefusal | null {
  if (ticketType !== 'incident') return 'not_an_incident'
  if (linkedProblemId !== null && linkedProblemId !== problemId) return 'already_linked_elsewhere'
  if (linkedProblemId === null && linkCount >= recordLimits.linksPerRecord) return 'too_many_links'
  return null
}

/** The public reply each linked incident gets when the problem is resolved. */
export function resolutionNotice(problemNumber: string, title: string, resolution: string): string {
  return `${problemNumber} (${title}) is resolved: ${resolution}`
}
