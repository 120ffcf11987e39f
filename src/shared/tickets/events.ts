import { z } from 'zod'
import { attachmentIdsSchema } from '../attachments/schema'
import { channelSchema, categoryIdSchema, tagsSchema, ticketTypeSchema } from './classification'
import { ticketLimits } from './limits'
import { assignmentSchema, authorSchema, requesterSchema, ticketLinksSchema } from './people'
import { impactSchema, prioritySchema, urgencySchema } from './priority'
import { statusSchema } from './status'
import { articleVerdictSchema, linkArticlePayloadSchema } from './knowledge'
import { handoffSchema } from './handoff'

const eventBase = {
  /** Derived from the command id, so the Console's optimistic event and the hub's are the same event. */
  id: z.string().min(1).max(100),
  ticketId: z.uuid(),
  author: authorSchema,
  /** Hub time when the hub applied it; on the Console, device time until the hub's copy arrives. */
  at: z.iso.datetime(),
}

/** The most chat messages one timeline event carries; the rest are counted, not copied. */
export const sessionChatLimit = 500

const bodySchema = z.string().trim().min(1).max(ticketLimits.noteBody)

/** A reply or note; the files it carries are fetched from the hub by id. */
const notePayloadSchema = z.object({ body: bodySchema, attachmentIds: attachmentIdsSchema.optional() })

export const createdPayloadSchema = z.object({
  subject: z.string().max(ticketLimits.subject),
  description: z.string().max(ticketLimits.description),
  type: ticketTypeSchema,
  category: categoryIdSchema,
  channel: channelSchema,
  impact: impactSchema,
  urgency: urgencySchema,
  priority: prioritySchema,
  requester: requesterSchema,
  links: ticketLinksSchema.nullable().default(null),
  tags: tagsSchema,
  assignment: assignmentSchema,
})

const change = <F extends string, T extends z.ZodType>(field: F, value: T) =>
  z.object({ field: z.literal(field), from: value, to: value })

export const fieldChangeSchema = z.discriminatedUnion('field', [
  z.object({
    field: z.literal('priority'),
    from: prioritySchema,
    to: prioritySchema,
    /** Set when someone overrode the matrix by hand. */
    overrideNote: z.string().max(ticketLimits.overrideNote).nullable(),
  }),
  change('impact', impactSchema),
  change('urgency', urgencySchema),
  change('type', ticketTypeSchema),
  change('category', categoryIdSchema),
  change('assignment', assignmentSchema),
])
export type FieldChange = z.infer<typeof fieldChangeSchema>

export const callDirectionSchema = z.enum(['inbound', 'outbound'])

export const callPayloadSchema = z.object({
  direction: callDirectionSchema,
  durationSeconds: z
    .number()
    .int()
    .nonnegative()
    .max(24 * 60 * 60),
  summary: z
    .string()
    .trim()
    .min(1, { error: 'Say in a few words what the call was about' })
    .max(ticketLimits.callSummary),
})

export const timelineEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('created'), payload: createdPayloadSchema }),
  z.object({ ...eventBase, type: z.literal('public_reply'), payload: notePayloadSchema }),
  z.object({ ...eventBase, type: z.literal('internal_note'), payload: notePayloadSchema }),
  z.object({
    ...eventBase,
    type: z.literal('status_changed'),
    payload: z.object({
      from: statusSchema,
      to: statusSchema,
      note: z.string().max(ticketLimits.statusNote).nullable(),
    }),
  }),
  z.object({ ...eventBase, type: z.literal('field_changed'), payload: fieldChangeSchema }),
  z.object({ ...eventBase, type: z.literal('call_logged'), payload: callPayloadSchema }),
  z.object({
    ...eventBase,
    type: z.literal('diagnostics_attached'),
    payload: z.object({
      diagnosticsId: z.uuid(),
      summary: z.string().max(ticketLimits.callSummary),
      /** What the user said is missing ("second monitor"), so every Console finds the same findings. */
      missingDevices: z.string().max(ticketLimits.missingDevices).optional(),
    }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('escalated'),
    payload: z.object({ handoff: handoffSchema, from: assignmentSchema, to: assignmentSchema }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('handed_back'),
    payload: z.object({ note: z.string().max(ticketLimits.statusNote), from: assignmentSchema, to: assignmentSchema }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('major_incident'),
    payload: z.object({ major: z.boolean(), reason: z.string().max(500).nullable() }),
  }),
  z.object({ ...eventBase, type: z.literal('article_linked'), payload: linkArticlePayloadSchema }),
  z.object({
    ...eventBase,
    type: z.literal('article_rated'),
    payload: z.object({ articleId: z.uuid(), title: z.string().max(200), verdict: articleVerdictSchema }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('session_summary'),
    payload: z.object({
      sessionId: z.uuid(),
      startedAt: z.iso.datetime(),
      endedAt: z.iso.datetime(),
      participants: z.array(
        z.object({
          name: z.string().min(1).max(ticketLimits.personName),
          role: z.string().max(40),
          // Added later: events stored before carry no join and leave times.
          joinedAt: z.iso.datetime().nullable().default(null),
          leftAt: z.iso.datetime().nullable().default(null),
        }),
      ),
      permissions: z.array(z.enum(['view', 'control'])),
      /** 'unknown' when no peer reported how it connected. */
      connection: z.enum(['direct', 'relay', 'unknown']),
      durationSeconds: z.number().int().nonnegative().nullable().default(null),
      endReason: z.string().max(40).nullable().default(null),
      /** Each permission the user granted, to whom, and when it ended. */
      grants: z
        .array(
          z.object({
            name: z.string().min(1).max(ticketLimits.personName),
            permission: z.enum(['view', 'control']),
            grantedAt: z.iso.datetime(),
            revokedAt: z.iso.datetime().nullable(),
          }),
        )
        .max(200)
        .default([]),
      controlHandovers: z
        .array(
          z.object({
            from: z.string().max(ticketLimits.personName).nullable(),
            to: z.string().max(ticketLimits.personName),
            at: z.iso.datetime(),
          }),
        )
        .max(200)
        .default([]),
      /** How each pair of peers connected: host, srflx, prflx or relay candidates. */
      connections: z
        .array(
          z.object({
            from: z.string().max(ticketLimits.personName),
            to: z.string().max(ticketLimits.personName),
            candidateType: z.enum(['host', 'srflx', 'prflx', 'relay']),
          }),
        )
        .max(50)
        .default([]),
    }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('session_chat'),
    payload: z.object({
      sessionId: z.uuid(),
      messages: z
        .array(
          z.object({
            from: z.string().max(ticketLimits.personName),
            role: z.string().max(40),
            text: z.string().max(4000),
            at: z.iso.datetime(),
          }),
        )
        .max(sessionChatLimit),
      /** Messages left out because the transcript was longer than the event may be. */
      omitted: z.number().int().nonnegative().default(0),
    }),
  }),
])
export type TimelineEvent = z.infer<typeof timelineEventSchema>
export type TimelineEventType = TimelineEvent['type']
export type TimelineEventOf<T extends TimelineEventType> = Extract<TimelineEvent, { type: T }>
