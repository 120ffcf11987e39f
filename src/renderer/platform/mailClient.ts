import { deliveryListSchema, deliverySchema, type Delivery } from '@shared/mail/delivery'
import {
  mailSettingsResponseSchema,
  mailTestResultSchema,
  type MailSettings,
  type MailSettingsInput,
  type MailTestResult,
} from '@shared/mail/settings'
import { request } from './hubClient'

/** The admin's e-mail settings API (online only). */
export function mailAdminClient(hubUrl: string, token: string) {
  const settings = (json: unknown) => mailSettingsResponseSchema.parse(json).settings
  return {
    get: (): Promise<MailSettings | null> => request(hubUrl, '/api/admin/mail', settings, { token }),
    save: (input: MailSettingsInput): Promise<MailSettings | null> =>
      request(hubUrl, '/api/admin/mail', settings, { method: 'PUT', body: JSON.stringify(input), token }),
    test: (to: string): Promise<MailTestResult> =>
      request(hubUrl, '/api/admin/mail/test', (json) => mailTestResultSchema.parse(json), {
        method: 'POST',
        body: JSON.stringify({ to }),
        token,
      }),
  }
}

/** What became of a ticket's mails to its requester, and sending a failed one again. */
export function deliveryClient(hubUrl: string, token: string) {
  return {
    list: (ticketId: string): Promise<Delivery[]> =>
      request(hubUrl, `/api/tickets/${ticketId}/deliveries`, (json) => deliveryListSchema.parse(json).deliveries, {
        token,
      }),
    retry: (id: string): Promise<Delivery> =>
      request(hubUrl, `/api/deliveries/${id}/retry`, (json) => deliverySchema.parse(json), { method: 'POST', token }),
  }
}
