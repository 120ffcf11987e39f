import {
  changeListSchema,
  problemListSchema,
  resolveProblemResponseSchema,
  ticketRecordsSchema,
  type ResolveProblemResponse,
  type TicketRecords,
} from '@shared/records/api'
import { changeSchema, type Change, type ChangeActionRequest, type CreateChangeRequest } from '@shared/records/change'
import {
  problemSchema,
  type CreateProblemRequest,
  type KnownErrorRequest,
  type Problem,
  type ResolveProblemRequest,
} from '@shared/records/problem'
import {
  vendorCaseSchema,
  type LogVendorEntryRequest,
  type OpenVendorCaseRequest,
  type UpdateVendorCaseRequest,
  type VendorCase,
} from '@shared/records/vendorCase'
import { request } from './hubClient'

/**
 * Vendor cases, problems and changes live on the hub only: these calls need the hub to be
 * reachable and throw HubRequestError otherwise. Every answer is parsed with the shared schema.
 */
export function recordsClient(hubUrl: string, token: string) {
  const get = <T>(path: string, parse: (json: unknown) => T) => request(hubUrl, path, parse, { token })
  const send = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, parse: (json: unknown) => T, body?: unknown) =>
    request(hubUrl, path, parse, {
      method,
      token,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  const vendorCase = (json: unknown): VendorCase => vendorCaseSchema.parse(json)
  const problem = (json: unknown): Problem => problemSchema.parse(json)
  const change = (json: unknown): Change => changeSchema.parse(json)

  return {
    ticketRecords: (ticketId: string): Promise<TicketRecords> =>
      get(`/api/tickets/${ticketId}/records`, (json) => ticketRecordsSchema.parse(json)),
    openVendorCase: (ticketId: string, body: OpenVendorCaseRequest) =>
      send('POST', `/api/tickets/${ticketId}/vendor-cases`, vendorCase, body),
    logVendorEntry: (caseId: string, body: LogVendorEntryRequest) =>
      send('POST', `/api/vendor-cases/${caseId}/entries`, vendorCase, body),
    updateVendorCase: (caseId: string, body: UpdateVendorCaseRequest) =>
      send('PATCH', `/api/vendor-cases/${caseId}`, vendorCase, body),

    problems: (): Promise<Problem[]> => get('/api/problems', (json) => problemListSchema.parse(json)),
    createProblem: (body: CreateProblemRequest) => send('POST', '/api/problems', problem, body),
    markKnownError: (id: string, body: KnownErrorRequest) =>
      send('POST', `/api/problems/${id}/known-error`, problem, body),
    linkIncident: (id: string, ticketId: string) =>
      send('POST', `/api/problems/${id}/incidents`, problem, { ticketId }),
    unlinkIncident: (id: string, ticketId: string) =>
      send('DELETE', `/api/problems/${id}/incidents/${ticketId}`, problem),
    resolveProblem: (id: string, body: ResolveProblemRequest): Promise<ResolveProblemResponse> =>
      send('POST', `/api/problems/${id}/resolve`, (json) => resolveProblemResponseSchema.parse(json), body),

    changes: (): Promise<Change[]> => get('/api/changes', (json) => changeListSchema.parse(json)),
    createChange: (body: CreateChangeRequest) => send('POST', '/api/changes', change, body),
    actOnChange: (id: string, body: ChangeActionRequest) => send('POST', `/api/changes/${id}/actions`, change, body),
    linkTicketToChange: (id: string, ticketId: string) =>
      send('POST', `/api/changes/${id}/tickets`, change, { ticketId }),
  }
}

export type RecordsClient = ReturnType<typeof recordsClient>
