import { enrolmentInfoSchema, type EnrolmentInfo } from '@shared/enrolment'
import {
  getHelpReceiptSchema,
  getHelpStatusSchema,
  type DiagnosticsUpload,
  type GetHelpReceipt,
  type GetHelpRequest,
  type GetHelpStatus,
} from '@shared/gethelp'
import { request } from './hubClient'

export function sendHelpRequest(hubUrl: string, body: GetHelpRequest): Promise<GetHelpReceipt> {
  return request(hubUrl, '/api/gethelp/requests', (json) => getHelpReceiptSchema.parse(json), {
    method: 'POST',
    body: JSON.stringify(body),
  })
}

export function fetchHelpStatus(hubUrl: string, receipt: GetHelpReceipt): Promise<GetHelpStatus> {
  return request(hubUrl, `/api/gethelp/requests/${receipt.ticketId}`, (json) => getHelpStatusSchema.parse(json), {
    token: receipt.followUpToken,
  })
}

export function sendFreshDiagnostics(
  hubUrl: string,
  receipt: GetHelpReceipt,
  upload: DiagnosticsUpload,
): Promise<null> {
  return request(hubUrl, `/api/gethelp/requests/${receipt.ticketId}/diagnostics`, () => null, {
    method: 'POST',
    token: receipt.followUpToken,
    body: JSON.stringify(upload),
  })
}

/** Asks the hub whether an enrolment code is valid and whom it binds Get Help to. */
export function checkEnrolment(hubUrl: string, code: string): Promise<EnrolmentInfo> {
  return request(hubUrl, '/api/gethelp/enrolment', (json) => enrolmentInfoSchema.parse(json), {
    method: 'POST',
    body: JSON.stringify({ code }),
  })
}
