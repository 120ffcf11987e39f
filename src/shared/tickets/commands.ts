import { z } from 'zod'
import { attachmentIdsSchema } from '../attachments/schema'
import { categoryIdSchema, channelSchema, tagsSchema, ticketTypeSchema } from './classification'
import { callPayloadSchema } from './events'
import { ticketLimits } from './limits'
import { assignmentSchema, requesterSchema, ticketLinksSchema } from './people'
import { impactSchema, prioritySchema, urgencySchema } from './priority'
import { statusSchema } from './status'
import { linkArticlePayloadSchema, rateArticlePayloadSchema } from './knowledge'
import { handoffSchema } from './handoff'

export { ticketLimits } from './limits'

const envelope = {
  /** The idempotency key: the hub applies a command id at most once. */
  commandId: z.uuid({ error: 'commandId must be a uuid' }),
  /** Chosen by the Console for new tickets, so a ticket can be created and edited offline. */
  ticketId: z.uuid({ error: 'ticketId must be a uuid' }),
  /** The ticket version the edit was made against; conflicts are judged from it. */
  baseVersion: z.number().int().positive(),
  /** When the agent made the edit, for the audit trail; the hub orders by its own clock. */
  deviceTime: z.iso.datetime({ error: 'deviceTime must be an ISO date-time in UTC' }),
}

const classification = {
  type: ticketTypeSchema,
  category: categoryIdSchema,
  impact: impactSchema,
  urgency: urgencySchema,
}

export const createTicketCommandSchema = z.object({
  ...envelope,
  type: z.literal('create_ticket'),
  baseVersion: z.null({ error: 'A new ticket has no base version: send null' }),
  payload: z.object({
    subject: z.string().trim().min(1, { error: 'A ticket needs a subject' }).max(ticketLimits.subject),
    description: z.string().max(ticketLimits.description),
    channel: channelSchema,
    requester: requesterSchema,
    links: ticketLinksSchema.nullable().default(null),
    tags: tagsSchema.default([]),
    ...classification,
  }),
})

export const addNoteCommandSchema = z.object({
  ...envelope,
  type: z.literal('add_note'),
  payload: z.object({
    /** Public notes reach the requester; internal ones stay with the desk. */
    visibility: z.enum(['public', 'internal']),
    body: z.string().trim().min(1, { error: 'A note cannot be empty' }).max(ticketLimits.noteBody),
    /** Files uploaded to the ticket first (the hub checks they are this ticket's and unused). */
    attachmentIds: attachmentIdsSchema.optional(),
  }),
})

export const changeStatusCommandSchema = z.object({
  ...envelope,
  type: z.literal('change_status'),
  payload: z.object({
    status: statusSchema,
    note: z.string().trim().max(ticketLimits.statusNote).nullable().default(null),
  }),
})

export const changePriorityCommandSchema = z.object({
  ...envelope,
  type: z.literal('change_priority'),
  payload: z.object({
    priority: prioritySchema,
    note: z
      .string({ error: 'Overriding the priority matrix needs a note saying why' })
      .trim()
      .min(1, { error: 'Overriding the priority matrix needs a note saying why' })
      .max(ticketLimits.overrideNote),
  }),
})

export const assignCommandSchema = z.object({
  ...envelope,
  type: z.literal('assign'),
  payload: assignmentSchema.refine((assignment) => assignment.level === 1 || assignment.group !== null, {
    error: 'A ticket handed to 2nd or 3rd level needs a group',
    path: ['group'],
  }),
})

export const classifyCommandSchema = z.object({
  ...envelope,
  type: z.literal('classify'),
  payload: z.object(classification),
})

export const logCallCommandSchema = z.object({
  ...envelope,
  type: z.literal('log_call'),
  payload: callPayloadSchema,
})

/** Functional escalation: to a 2nd-level group, with the structured handoff. */
export const escalateCommandSchema = z.object({
  ...envelope,
  type: z.literal('escalate'),
  payload: z.object({ handoff: handoffSchema }),
})

/** A specialist returns the ticket to 1st level; the note says why and what 1st level should do. */
export const handBackCommandSchema = z.object({
  ...envelope,
  type: z.literal('hand_back'),
  payload: z.object({
    note: z
      .string({ error: 'Handing back needs a note for 1st level' })
      .trim()
      .min(1, { error: 'Handing back needs a note for 1st level' })
      .max(ticketLimits.statusNote),
  }),
})

/** Hierarchical escalation: declares (or ends) a major incident, which alerts the leads. */
export const setMajorIncidentCommandSchema = z.object({
  ...envelope,
  type: z.literal('set_major_incident'),
  payload: z.discriminatedUnion('major', [
    z.object({
      major: z.literal(true),
      reason: z.string().trim().min(1, { error: 'Say why this is a major incident' }).max(500),
    }),
    z.object({ major: z.literal(false) }),
  ]),
})

/** Links a knowledge-base article to the ticket; the hub refuses ids its organisation does not publish. */
export const linkArticleCommandSchema = z.object({
  ...envelope,
  type: z.literal('link_article'),
  payload: linkArticlePayloadSchema,
})

/** The agent's verdict on a linked article for this ticket: it solved it, or it did not help. */
export const rateArticleCommandSchema = z.object({
  ...envelope,
  type: z.literal('rate_article'),
  payload: rateArticlePayloadSchema,
})

/** Every edit a Console sends to the hub. Parse with this at every boundary. */
export const ticketCommandSchema = z.discriminatedUnion('type', [
  createTicketCommandSchema,
  addNoteCommandSchema,
  changeStatusCommandSchema,
  changePriorityCommandSchema,
  assignCommandSchema,
  classifyCommandSchema,
  logCallCommandSchema,
  linkArticleCommandSchema,
  rateArticleCommandSchema,
  escalateCommandSchema,
  handBackCommandSchema,
  setMajorIncidentCommandSchema,
])
export type TicketCommand = z.infer<typeof ticketCommandSchema>
/** What a Console writes before parsing fills defaults (tags, status note). */
export type TicketCommandInput = z.input<typeof ticketCommandSchema>
export type TicketCommandType = TicketCommand['type']
export type TicketCommandOf<T extends TicketCommandType> = Extract<TicketCommand, { type: T }>
export type EditCommand = Exclude<TicketCommand, { type: 'create_ticket' }>
