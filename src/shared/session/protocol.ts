import { z } from 'zod'
import { accessRefusalCodes } from '../people/access'
import { remoteActionSchema } from '../people/contract'

/**
 * The session signaling protocol on the hub's `/ws/session` socket. Every message in either
 * direction is one of these JSON objects; the hub parses every message a peer sends and answers
 * anything malformed, unauthorised or addressed outside the peer's own session with an `error`
 * that changes nothing.
 */

export const participantRoles = ['end_user', 'agent', 'specialist'] as const
export const participantRoleSchema = z.enum(participantRoles)
export type ParticipantRole = z.infer<typeof participantRoleSchema>

export const permissions = ['view', 'control'] as const
export const permissionSchema = z.enum(permissions)
export type Permission = z.infer<typeof permissionSchema>

/** A text message on the socket may not exceed this; an SDP with many candidates stays far below. */
export const maxSessionMessageBytes = 64 * 1024
const maxSdpChars = 48 * 1024
const maxCandidateChars = 1024

const id = z.uuid()
const displayName = z.string().trim().min(1).max(100)

/** The signal objects simple-peer emits: session descriptions, ICE candidates and its two control messages. */
export const signalDataSchema = z.union([
  z.strictObject({
    type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
    sdp: z.string().max(maxSdpChars).optional(),
  }),
  z.strictObject({
    type: z.literal('candidate'),
    candidate: z.strictObject({
      candidate: z.string().max(maxCandidateChars),
      sdpMLineIndex: z.number().int().min(0).max(1023).nullable().optional(),
      sdpMid: z.string().max(64).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    }),
  }),
  z.strictObject({ type: z.literal('renegotiate'), renegotiate: z.literal(true) }),
  z.strictObject({
    type: z.literal('transceiverRequest'),
    transceiverRequest: z.strictObject({
      kind: z.enum(['audio', 'video']),
      init: z
        .strictObject({ direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional() })
        .optional(),
    }),
  }),
])
export type SignalData = z.infer<typeof signalDataSchema>

export const joinAuthSchema = z.discriminatedUnion('kind', [
  /**
   * An agent's or specialist's sign-in token. Which Console it belongs to (a specialist in the web
   * Console sees and chats but never controls) was fixed when the token was signed in.
   */
  z.object({ kind: z.literal('account'), token: z.string().min(32).max(256) }),
  /** The credential Get Help received when its request was filed or its code redeemed. */
  z.object({
    kind: z.literal('end_user'),
    credential: z.string().min(32).max(256),
    /** Get Help in a browser: it cannot pass input on, so nobody is offered to ask it for control. */
    viewOnly: z.boolean().optional(),
  }),
])
export type JoinAuth = z.infer<typeof joinAuthSchema>

/** Consent is given and taken back by the end user only, one explicit action at a time. */
export const consentMessageSchema = z.discriminatedUnion('action', [
  z.object({ type: z.literal('consent'), action: z.literal('grant_view'), participantId: id }),
  z.object({ type: z.literal('consent'), action: z.literal('revoke_view'), participantId: id }),
  z.object({ type: z.literal('consent'), action: z.literal('grant_control'), participantId: id }),
  z.object({ type: z.literal('consent'), action: z.literal('revoke_control'), participantId: id }),
  // The name the user saw travels with the answer, so an approval cannot land on someone else.
  z.object({ type: z.literal('consent'), action: z.literal('approve_join'), invitationId: id, displayName }),
  z.object({ type: z.literal('consent'), action: z.literal('deny_join'), invitationId: id }),
  z.object({ type: z.literal('consent'), action: z.literal('approve_handover'), to: id }),
  z.object({ type: z.literal('consent'), action: z.literal('deny_handover'), to: id }),
  z.object({ type: z.literal('consent'), action: z.literal('pause') }),
  z.object({ type: z.literal('consent'), action: z.literal('resume') }),
  z.object({ type: z.literal('consent'), action: z.literal('stop') }),
])
export type ConsentMessage = z.infer<typeof consentMessageSchema>
export type ConsentAction = ConsentMessage['action']

export const candidateTypeSchema = z.enum(['host', 'srflx', 'prflx', 'relay'])
export type CandidateType = z.infer<typeof candidateTypeSchema>

/** Messages a peer sends on `/ws/session`. */
export const sessionClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), sessionId: id, auth: joinAuthSchema }),
  z.object({ type: z.literal('signal'), to: id, data: signalDataSchema }),
  consentMessageSchema,
  /** Staff ask the end user for a permission; the request shows in the user's session bar. */
  z.object({ type: z.literal('permission_request'), permission: permissionSchema }),
  /** Staff with the control permission take the free control token. */
  z.object({ type: z.literal('control_request') }),
  z.object({ type: z.literal('control_release') }),
  /** The token holder proposes moving control to another staff participant; the end user decides. */
  z.object({ type: z.literal('control_handover'), to: id }),
  z.object({ type: z.literal('chat'), text: z.string().trim().min(1).max(4000) }),
  /** What a peer's ICE agent selected towards another participant, for the session summary. */
  z.object({
    type: z.literal('connection_report'),
    peer: id,
    candidateType: candidateTypeSchema,
    protocol: z.enum(['udp', 'tcp']).optional(),
    roundTripMs: z.number().min(0).max(600_000).optional(),
  }),
  z.object({ type: z.literal('ping'), at: z.number() }),
  z.object({ type: z.literal('leave') }),
])
export type SessionClientMessage = z.infer<typeof sessionClientMessageSchema>

export const participantSchema = z.object({
  id,
  role: participantRoleSchema,
  displayName: z.string(),
  permissions: z.array(permissionSchema),
  /** False while a dropped participant may still rejoin within the grace period. */
  connected: z.boolean(),
  /**
   * A specialist in the web Console (sees the screen and chats, never controls), or an end user in
   * Get Help for the browser (shares the screen, cannot be controlled).
   */
  viewOnly: z.boolean().optional(),
})
export type Participant = z.infer<typeof participantSchema>

export const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
})
export type IceServer = z.infer<typeof iceServerSchema>

export const sessionStatusSchema = z.enum(['waiting', 'active', 'ended'])
export type SessionStatus = z.infer<typeof sessionStatusSchema>

export const sessionStateSchema = z.object({
  type: z.literal('state'),
  session: z.object({
    id,
    ticketId: id.nullable(),
    /** The ticket's number, shown to the end user so they can tell a real request from a fake one. */
    ticketNumber: z.number().int().positive().nullable().optional(),
    status: sessionStatusSchema,
    paused: z.boolean(),
  }),
  participants: z.array(participantSchema),
  /** The only participant whose input Get Help applies; null when nobody holds it. */
  controlHolder: id.nullable(),
  /** Specialists invited by the agent, waiting for the end user to approve them by name. */
  invitations: z.array(z.object({ id, displayName: z.string(), invitedBy: z.string() })),
  /** A proposed move of control, waiting for the end user's answer. */
  handover: z.object({ from: id, to: id, toName: z.string() }).nullable(),
  permissionRequests: z.array(z.object({ participantId: id, permission: permissionSchema })),
})
export type SessionState = z.infer<typeof sessionStateSchema>

/**
 * Why the customer's contract does not let this session reach its device for an action: `reason`
 * in the hub's English, `code` and `params` for a message in the reader's language.
 */
export const contractRefusalDetailSchema = z.object({
  code: z.enum(accessRefusalCodes),
  reason: z.string(),
  params: z.object({
    customer: z.string(),
    date: z.string().optional(),
    kind: z.enum(['client', 'server']).optional(),
    system: z.string().optional(),
    action: remoteActionSchema.optional(),
  }),
})
export type ContractRefusalDetail = z.infer<typeof contractRefusalDetailSchema>

export const sessionErrorCodes = [
  'bad_message',
  'not_joined',
  'already_joined',
  'unauthorized',
  'forbidden',
  'not_found',
  'session_ended',
  'unknown_participant',
  'not_permitted',
  'token_held',
  'paused',
  'contract_refused',
  'internal',
] as const
export const sessionErrorCodeSchema = z.enum(sessionErrorCodes)
export type SessionErrorCode = z.infer<typeof sessionErrorCodeSchema>

export const endReasonSchema = z.enum(['stopped', 'idle', 'end_user_left'])
export type EndReason = z.infer<typeof endReasonSchema>

/** Messages the hub sends on `/ws/session`. */
export const sessionServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    participantId: id,
    role: participantRoleSchema,
    session: z.object({
      id,
      ticketId: id.nullable(),
      organisation: z.object({ name: z.string() }),
      /** The customer the session reaches, where the hub knows it (its technical contact is one click away). */
      customerId: id.nullable().optional(),
    }),
    iceServers: z.array(iceServerSchema),
  }),
  sessionStateSchema,
  z.object({ type: z.literal('signal'), from: id, data: signalDataSchema }),
  z.object({
    type: z.literal('chat'),
    id,
    from: id,
    displayName: z.string(),
    role: participantRoleSchema,
    text: z.string(),
    at: z.iso.datetime(),
  }),
  /**
   * Fresh ICE servers: TURN credentials arrive once the participant may use a relay, and again
   * before they expire, for as long as the session runs. Peers apply them to open connections.
   */
  z.object({ type: z.literal('ice'), iceServers: z.array(iceServerSchema), expiresAt: z.iso.datetime().nullable() }),
  z.object({ type: z.literal('pong'), at: z.number() }),
  z.object({ type: z.literal('ended'), reason: endReasonSchema }),
  z.object({
    type: z.literal('error'),
    error: sessionErrorCodeSchema,
    message: z.string(),
    /** With `contract_refused`: what the contract does not cover, for a message in the reader's language. */
    refusal: contractRefusalDetailSchema.optional(),
  }),
])
export type SessionServerMessage = z.infer<typeof sessionServerMessageSchema>

/** Close codes on `/ws/session`; 4xxx is the application range. */
export const sessionCloseCodes = {
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  ended: 4410,
  /** The same participant joined again from another socket. */
  replaced: 4409,
  left: 4000,
} as const
