import { z } from 'zod'
import { groupIdSchema } from '../groups'
import { impactSchema, urgencySchema } from './priority'

/** Upper bounds of the handoff's free text; a handoff is read on one screen. */
export const handoffLimits = { text: 4000, short: 500, articles: 20, findings: 30 } as const

const required = (what: string, max: number = handoffLimits.text) =>
  z
    .string({ error: `The handoff needs ${what}` })
    .trim()
    .min(1, { error: `The handoff needs ${what}` })
    .max(max)

/**
 * What 1st level hands to 2nd level, so the specialist neither calls the user again nor repeats
 * what was tried. Every field is required; lists may be empty when nothing applies, and then say so
 * by being empty rather than by being left out.
 */
export const handoffSchema = z.object({
  symptoms: required('the symptoms'),
  impact: impactSchema,
  urgency: urgencySchema,
  impactReason: required('a reason for impact and urgency', handoffLimits.short),
  stepsTried: required('the steps already tried'),
  articlesTried: z
    .array(z.object({ id: z.string().min(1).max(100), title: z.string().min(1).max(300) }))
    .max(handoffLimits.articles),
  /** The newest diagnostics snapshot of the ticket and its findings, as the agent saw them. */
  diagnostics: z
    .object({
      diagnosticsId: z.uuid(),
      findings: z
        .array(
          z.object({
            id: z.string().min(1).max(200),
            title: z.string().min(1).max(300),
            tags: z.array(z.string().max(40)).max(20),
          }),
        )
        .max(handoffLimits.findings),
    })
    .nullable(),
  /** The remote session held before the handoff, if there was one. */
  session: z.object({ sessionId: z.uuid(), summary: z.string().max(handoffLimits.short) }).nullable(),
  workaround: z.discriminatedUnion('applied', [
    z.object({ applied: z.literal(true), description: required('a description of the workaround') }),
    z.object({ applied: z.literal(false) }),
  ]),
  reachability: required('when the user can be reached', handoffLimits.short),
  targetGroup: groupIdSchema,
})
export type Handoff = z.infer<typeof handoffSchema>

/** Hierarchical escalation: a major incident alerts the leads, whichever group works it. */
export const majorIncidentSchema = z.object({
  reason: z.string().trim().min(1, { error: 'Say why this is a major incident' }).max(handoffLimits.short),
  declaredAt: z.iso.datetime(),
  declaredBy: z.string().min(1).max(200),
})
export type MajorIncident = z.infer<typeof majorIncidentSchema>
