import { z } from 'zod'
import { enrolmentFieldSchema } from '../enrolment'
import {
  contractRefusalDetailSchema,
  candidateTypeSchema,
  endReasonSchema,
  iceServerSchema,
  participantRoleSchema,
  permissionSchema,
} from './protocol'

/** HTTP bodies of the hub's `/api/sessions` routes. */

const name = z.string().trim().min(1).max(100)

export const helpRequestSchema = z.object({
  /**
   * The idempotency key: Get Help makes one per request and sends it again on every retry, so a
   * request whose answer was lost queues one session. It also keys the credential: keep it private.
   * Optional so that Get Help apps installed before it keep working; without it every send queues a session.
   */
  requestKey: z
    .uuid({ error: 'requestKey must be a uuid, made once per request and sent again on a retry' })
    .optional(),
  /** The enrolment code that binds this Get Help to its customer; without a valid one the hub answers 403. */
  enrolment: enrolmentFieldSchema.optional(),
  name,
  description: z.string().trim().min(1).max(2000),
  /** The desktop's host name from its last diagnostics, so the session is filed with the customer's device. */
  deviceName: z.string().trim().min(1).max(200).optional(),
})
export type HelpRequest = z.infer<typeof helpRequestSchema>

/** What Get Help keeps to join its session; the credential is shown once and stored hashed on the hub. */
export const endUserAccessSchema = z.object({
  sessionId: z.uuid(),
  credential: z.string(),
  ticketId: z.uuid().nullable(),
  organisation: z.object({ name: z.string() }),
  /** Who will help: the agent who issued the code; null while a request waits in the queue. */
  agent: z.object({ displayName: z.string() }).nullable(),
})
export type EndUserAccess = z.infer<typeof endUserAccessSchema>

export const waitingRequestSchema = z.object({
  sessionId: z.uuid(),
  requesterName: z.string(),
  description: z.string(),
  requestedAt: z.iso.datetime(),
})
export const waitingRequestsSchema = z.array(waitingRequestSchema)
export type WaitingRequest = z.infer<typeof waitingRequestSchema>

export const acceptRequestSchema = z.object({ ticketId: z.uuid().optional() }).optional()
export const acceptedRequestSchema = z.object({
  sessionId: z.uuid(),
  ticketId: z.uuid(),
  pickupSeconds: z.number().int().min(0),
})
export type AcceptedRequest = z.infer<typeof acceptedRequestSchema>

/** A running session the signed-in agent leads, so the Console finds a session opened with its code. */
export const activeSessionSchema = z.object({
  sessionId: z.uuid(),
  ticketId: z.uuid().nullable(),
  requesterName: z.string(),
  startedAt: z.iso.datetime().nullable(),
  /** The customer the session reaches, where known. */
  customerId: z.uuid().nullable().optional(),
})
export const activeSessionsSchema = z.array(activeSessionSchema)
export type ActiveSession = z.infer<typeof activeSessionSchema>

export const issueCodeSchema = z.object({ ticketId: z.uuid() })
export const issuedCodeSchema = z.object({ code: z.string(), expiresAt: z.iso.datetime() })
export type IssuedCode = z.infer<typeof issuedCodeSchema>

/** Spaces and dashes are allowed so the code can be typed the way it was read out. */
export const redeemCodeSchema = z.object({
  code: z
    .string()
    .max(40)
    .transform((code) => code.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{9,12}$/, 'The code is the digits you were given.')),
  name,
})
export type RedeemCode = z.input<typeof redeemCodeSchema>

export const sessionIdParamsSchema = z.object({ id: z.uuid() })

export const iceConfigSchema = z.object({
  iceServers: z.array(iceServerSchema),
  /** When the TURN credential stops working; fetch a new one before. Null without TURN. */
  expiresAt: z.iso.datetime().nullable(),
})
export type IceConfig = z.infer<typeof iceConfigSchema>

export const inviteSpecialistSchema = z.object({ specialistAccountId: z.uuid() })
export const invitationSchema = z.object({
  invitationId: z.uuid(),
  specialist: z.object({ displayName: z.string() }),
  status: z.literal('awaiting_approval'),
})
export type Invitation = z.infer<typeof invitationSchema>

export const sessionSummarySchema = z.object({
  sessionId: z.uuid(),
  ticketId: z.uuid().nullable(),
  origin: z.enum(['request', 'code']),
  requestedAt: z.iso.datetime().nullable(),
  acceptedAt: z.iso.datetime().nullable(),
  pickupSeconds: z.number().int().nullable(),
  startedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime(),
  durationSeconds: z.number().int(),
  endReason: endReasonSchema,
  participants: z.array(
    z.object({
      id: z.uuid(),
      role: participantRoleSchema,
      displayName: z.string(),
      joinedAt: z.iso.datetime(),
      leftAt: z.iso.datetime().nullable(),
    }),
  ),
  permissions: z.array(
    z.object({
      participantId: z.uuid(),
      displayName: z.string(),
      permission: permissionSchema,
      grantedAt: z.iso.datetime(),
      revokedAt: z.iso.datetime().nullable(),
    }),
  ),
  controlHandovers: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.iso.datetime() })),
  connections: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      candidateType: candidateTypeSchema,
      protocol: z.enum(['udp', 'tcp']).nullable(),
    }),
  ),
  chat: z.array(z.object({ from: z.string(), role: participantRoleSchema, text: z.string(), at: z.iso.datetime() })),
})
export type SessionSummary = z.infer<typeof sessionSummarySchema>

/**
 * The hub's answer (403) when the customer's contract does not let a session reach its device for
 * the step asked (accepting, a code, a specialist joining, control): nothing changed, the refusal
 * is in the session's and the admin audit log.
 */
export const contractRefusalSchema = contractRefusalDetailSchema.extend({
  error: z.literal('contract_refused'),
  message: z.string(),
})
export type ContractRefusal = z.infer<typeof contractRefusalSchema>
