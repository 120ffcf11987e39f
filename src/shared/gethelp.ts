import { z } from 'zod'
import type { FindingsInput } from './diagnostics/findings'
import { MAX_SNAPSHOT_BYTES } from './diagnostics/snapshot'
import { enrolmentFieldSchema } from './enrolment'
import { categoryIdSchema } from './tickets/classification'
import type { TimelineEvent } from './tickets/events'
import { ticketLimits } from './tickets/limits'

/** What a browser can tell about itself; the desktop client sends a full snapshot instead. */
export const browserInfoSchema = z.object({
  userAgent: z.string().max(1000),
  language: z.string().max(50),
  timeZone: z.string().max(100),
  screen: z.object({
    width: z.number().int().nonnegative(),
    height: z.number().int().nonnegative(),
    pixelRatio: z.number().positive(),
  }),
  online: z.boolean(),
})
export type BrowserInfo = z.infer<typeof browserInfoSchema>

/**
 * Diagnostics as they travel: the snapshot stays `unknown` here and is parsed with
 * `parseSnapshot` on arrival, so a wrong version gets its own clear message.
 */
export const diagnosticsUploadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('desktop'), snapshot: z.unknown() }),
  z.object({ kind: z.literal('browser'), info: browserInfoSchema }),
])
export type DiagnosticsUpload = z.infer<typeof diagnosticsUploadSchema>

export const getHelpRequestSchema = z.object({
  /**
   * The idempotency key: Get Help makes one per submission and sends it again on every retry, so a
   * request whose answer was lost files one ticket. It also keys the follow-up secret: keep it private.
   * Optional only so that Get Help apps installed before it keep working; without it every send files a ticket.
   */
  requestKey: z
    .uuid({ error: 'requestKey must be a uuid, made once per submission and sent again on a retry' })
    .optional(),
  /** The enrolment code that binds this Get Help to its customer; without a valid one the hub answers 403. */
  enrolment: enrolmentFieldSchema.optional(),
  requester: z.object({
    name: z.string().trim().min(1, { error: 'Please tell us your name' }).max(ticketLimits.personName),
    email: z.email().max(ticketLimits.email).nullable(),
  }),
  description: z.string().trim().min(1, { error: 'Please describe the problem' }).max(ticketLimits.description),
  category: categoryIdSchema.nullable(),
  missingDevices: z.string().trim().max(ticketLimits.missingDevices).nullable(),
  diagnostics: diagnosticsUploadSchema.nullable(),
})
export type GetHelpRequest = z.infer<typeof getHelpRequestSchema>

export const getHelpReceiptSchema = z.object({
  ticketId: z.uuid(),
  ticketNumber: z.number().int().positive(),
  /** Lets this Get Help add fresh diagnostics to its own ticket later, and nothing else. */
  followUpToken: z.string().min(32),
})
export type GetHelpReceipt = z.infer<typeof getHelpReceiptSchema>

export const getHelpStatusSchema = z.object({
  ticketNumber: z.number().int().positive(),
  status: z.string(),
  /** The agent asked for a fresh snapshot; Get Help asks the user before sending one. */
  freshDiagnosticsRequested: z.boolean(),
})
export type GetHelpStatus = z.infer<typeof getHelpStatusSchema>

/** Request bodies past this size are refused before parsing; a snapshot is the largest part. */
export const maxGetHelpBodyBytes = MAX_SNAPSHOT_BYTES + 64 * 1024

export const storedDiagnosticsSchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  receivedAt: z.iso.datetime(),
  upload: diagnosticsUploadSchema,
})
export type StoredDiagnostics = z.infer<typeof storedDiagnosticsSchema>

/**
 * What the requester told Get Help beyond the snapshot (the device they miss), read from the
 * ticket's timeline, so the Console's findings, suggestions and handoff match what the user saw.
 */
export function findingsInputOf(events: readonly TimelineEvent[]): FindingsInput {
  for (const event of events) {
    if (event.type === 'diagnostics_attached' && event.payload.missingDevices) {
      return { missingDevices: event.payload.missingDevices }
    }
  }
  return {}
}
