import {
  acceptedRequestSchema,
  activeSessionsSchema,
  endUserAccessSchema,
  invitationSchema,
  issuedCodeSchema,
  waitingRequestsSchema,
  type AcceptedRequest,
  type ActiveSession,
  type EndUserAccess,
  type HelpRequest,
  type Invitation,
  type IssuedCode,
  type WaitingRequest,
} from '@shared/session/api'
import { request } from './hubClient'

/** The hub's `/api/sessions` routes; every answer is parsed with the shared schema. */

export function requestRemoteSession(hubUrl: string, body: HelpRequest): Promise<EndUserAccess> {
  return request(hubUrl, '/api/sessions/requests', (json) => endUserAccessSchema.parse(json), {
    method: 'POST',
    body: JSON.stringify(body),
  })
}

export function redeemSessionCode(hubUrl: string, code: string, name: string): Promise<EndUserAccess> {
  return request(hubUrl, '/api/sessions/redeem', (json) => endUserAccessSchema.parse(json), {
    method: 'POST',
    body: JSON.stringify({ code, name }),
  })
}

export function listWaitingRequests(hubUrl: string, token: string): Promise<WaitingRequest[]> {
  return request(hubUrl, '/api/sessions/requests', (json) => waitingRequestsSchema.parse(json), { token })
}

export function acceptRequest(
  hubUrl: string,
  token: string,
  sessionId: string,
  /** Omitted, the hub makes the request's ticket itself in the same step. */
  ticketId?: string,
): Promise<AcceptedRequest> {
  return request(hubUrl, `/api/sessions/${sessionId}/accept`, (json) => acceptedRequestSchema.parse(json), {
    method: 'POST',
    token,
    body: JSON.stringify(ticketId ? { ticketId } : {}),
  })
}

export function issueSessionCode(hubUrl: string, token: string, ticketId: string): Promise<IssuedCode> {
  return request(hubUrl, '/api/sessions/codes', (json) => issuedCodeSchema.parse(json), {
    method: 'POST',
    token,
    body: JSON.stringify({ ticketId }),
  })
}

export function listMyActiveSessions(hubUrl: string, token: string): Promise<ActiveSession[]> {
  return request(hubUrl, '/api/sessions/active', (json) => activeSessionsSchema.parse(json), { token })
}

export function inviteSpecialist(
  hubUrl: string,
  token: string,
  sessionId: string,
  specialistAccountId: string,
): Promise<Invitation> {
  return request(hubUrl, `/api/sessions/${sessionId}/invite`, (json) => invitationSchema.parse(json), {
    method: 'POST',
    token,
    body: JSON.stringify({ specialistAccountId }),
  })
}
