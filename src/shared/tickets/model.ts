import { z } from 'zod'
import { categoryIdSchema, channelSchema, supportLevelSchema, tagsSchema, ticketTypeSchema } from './classification'
import { ticketLimits } from './limits'
import { requesterSchema, staffRefSchema, ticketLinksSchema } from './people'
import { linkedArticleSchema, maxLinkedArticles } from './knowledge'
import { impactSchema, prioritySchema, urgencySchema } from './priority'
import { statusSchema } from './status'
import { majorIncidentSchema } from './handoff'
import { ticketNumberSchema } from './ticketNumber'

/** Fields whose concurrent edits are detected as conflicts; see apply.ts for the rule. */
export const trackedFields = ['status', 'assignee', 'priority'] as const
export type TrackedField = (typeof trackedFields)[number]

const fieldStampSchema = z.object({
  version: z.number().int().positive(),
  /** Account id of whoever made the change, so one's own queued edits never conflict with each other. */
  changedBy: z.string().min(1),
})
export type FieldStamp = z.infer<typeof fieldStampSchema>

export const ticketSchema = z.object({
  id: z.uuid(),
  /** `null` until the hub numbers it: a Console may create tickets offline. */
  number: ticketNumberSchema.nullable(),
  /** Starts at 1 on creation and grows by one with every applied command that changes anything. */
  version: z.number().int().positive(),
  subject: z.string().trim().min(1).max(ticketLimits.subject),
  description: z.string().max(ticketLimits.description),
  type: ticketTypeSchema,
  category: categoryIdSchema,
  channel: channelSchema,
  impact: impactSchema,
  urgency: urgencySchema,
  priority: prioritySchema,
  /** Set while the priority was chosen by hand instead of by the matrix; reclassifying then keeps it. */
  priorityOverride: z.object({ note: z.string().min(1).max(ticketLimits.overrideNote) }).nullable(),
  status: statusSchema,
  level: supportLevelSchema,
  group: z.string().min(1).max(ticketLimits.groupName).nullable(),
  assignee: staffRefSchema.nullable(),
  requester: requesterSchema,
  /** The requester's customer, contact and device records; tickets stored before they existed read as null. */
  links: ticketLinksSchema.nullable().default(null),
  tags: tagsSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  /** Set while the ticket is a major incident (hierarchical escalation); tickets stored before it existed read as null. */
  majorIncident: majorIncidentSchema.nullable().default(null),
  fieldVersions: z.object({ status: fieldStampSchema, assignee: fieldStampSchema, priority: fieldStampSchema }),
  /** Knowledge-base articles linked to the ticket with the agent's verdict; absent until the first link. */
  articles: z.array(linkedArticleSchema).max(maxLinkedArticles).optional(),
})
export type Ticket = z.infer<typeof ticketSchema>
