import { receivedMailListSchema, receivedMailSchema, type ReceivedMail } from '@shared/mail/inbound'
import {
  mailboxListSchema,
  mailboxSchema,
  mailboxTestResultSchema,
  type Mailbox,
  type MailboxInput,
  type MailboxTestResult,
} from '@shared/mail/inboundMailbox'
import { intakeSettingsResponseSchema, type IntakeSettings, type IntakeSettingsResponse } from '@shared/mail/settings'
import { request } from './hubClient'

/** The mailboxes the hub reads for the admin's organisation, and how mail becomes tickets (online only). */
export function mailboxAdminClient(hubUrl: string, token: string) {
  const mailbox = (json: unknown) => mailboxSchema.parse(json)
  const intake = (json: unknown) => intakeSettingsResponseSchema.parse(json)
  return {
    list: (): Promise<Mailbox[]> =>
      request(hubUrl, '/api/admin/mailboxes', (json) => mailboxListSchema.parse(json).mailboxes, { token }),
    add: (input: MailboxInput): Promise<Mailbox> =>
      request(hubUrl, '/api/admin/mailboxes', mailbox, { method: 'POST', body: JSON.stringify(input), token }),
    update: (id: string, input: MailboxInput): Promise<Mailbox> =>
      request(hubUrl, `/api/admin/mailboxes/${id}`, mailbox, { method: 'PUT', body: JSON.stringify(input), token }),
    remove: (id: string): Promise<null> =>
      request(hubUrl, `/api/admin/mailboxes/${id}`, () => null, { method: 'DELETE', token }),
    test: (id: string): Promise<MailboxTestResult> =>
      request(hubUrl, `/api/admin/mailboxes/${id}/test`, (json) => mailboxTestResultSchema.parse(json), {
        method: 'POST',
        token,
      }),
    intake: (): Promise<IntakeSettingsResponse> => request(hubUrl, '/api/admin/mail/intake', intake, { token }),
    saveIntake: (settings: IntakeSettings): Promise<IntakeSettingsResponse> =>
      request(hubUrl, '/api/admin/mail/intake', intake, { method: 'PUT', body: JSON.stringify(settings), token }),
    resetIntake: (): Promise<IntakeSettingsResponse> =>
      request(hubUrl, '/api/admin/mail/intake', intake, { method: 'DELETE', token }),
  }
}

/** The received mails behind a ticket's timeline entries, in full (online only). */
export function receivedMailClient(hubUrl: string, token: string) {
  return {
    eventIds: (ticketId: string): Promise<string[]> =>
      request(hubUrl, `/api/tickets/${ticketId}/mail`, (json) => receivedMailListSchema.parse(json).eventIds, {
        token,
      }),
    get: (ticketId: string, eventId: string): Promise<ReceivedMail> =>
      request(
        hubUrl,
        `/api/tickets/${ticketId}/mail/${encodeURIComponent(eventId)}`,
        (json) => receivedMailSchema.parse(json),
        { token },
      ),
  }
}
