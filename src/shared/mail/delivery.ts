import { z } from 'zod'

/**
 * A delivery's life: `queued` (waiting, also between retries), `sending` (a worker has it),
 * `sent` (the SMTP server accepted it), `failed` (refused for good or out of attempts; an agent may
 * retry), `bounced` (refused for the recipient), `unknown` (the hub stopped while sending: it may
 * have gone out; an agent may retry, and the same Message-ID lets mail clients drop a duplicate).
 */
export const deliveryStates = ['queued', 'sending', 'sent', 'failed', 'bounced', 'unknown'] as const
export const deliveryStateSchema = z.enum(deliveryStates)
export type DeliveryState = z.infer<typeof deliveryStateSchema>

/** Mails to requesters about their ticket, and account mails (one-time links, no ticket). */
export const deliveryKinds = [
  'acknowledgement',
  'reply',
  'question',
  'resolved',
  'invitation',
  'password_reset',
] as const
export const deliveryKindSchema = z.enum(deliveryKinds)
export type DeliveryKind = z.infer<typeof deliveryKindSchema>

/** States an agent may send again from. */
export const retryableStates: readonly DeliveryState[] = ['failed', 'unknown', 'bounced']

export const deliverySchema = z.object({
  id: z.uuid(),
  /** Null for account mails (invitations, password resets). */
  ticketId: z.uuid().nullable(),
  /** The timeline event the mail tells about. */
  eventId: z.string().nullable(),
  kind: deliveryKindSchema,
  to: z.string(),
  state: deliveryStateSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  sentAt: z.iso.datetime({ offset: true }).nullable(),
})
export type Delivery = z.infer<typeof deliverySchema>

export const deliveryListSchema = z.object({ deliveries: z.array(deliverySchema) })
