import { deliveryListSchema, deliverySchema, type Delivery, type DeliveryKind } from '@shared/mail/delivery'
import {
  mailSettingsResponseSchema,
  mailTestResultSchema,
  type MailSettings,
  type MailSettingsInput,
  type MailTestResult,
  type MailLanguage,
} from '@shared/mail/settings'
import {
  mailPreviewSchema,
  mailTemplateListSchema,
  mailTemplateSchema,
  type MailPreview,
  type MailPreviewInput,
  type MailTemplate,
  type MailTemplateInput,
} from '@shared/mail/templates'
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

/** The organisation's mail texts: list, save, reset to the built-in text, preview (online only). */
export function mailTemplateClient(hubUrl: string, token: string) {
  const one = (json: unknown) => mailTemplateSchema.parse(json)
  const path = (kind: DeliveryKind, language: MailLanguage) => `/api/admin/mail/templates/${kind}/${language}`
  return {
    list: (): Promise<MailTemplate[]> =>
      request(hubUrl, '/api/admin/mail/templates', (json) => mailTemplateListSchema.parse(json).templates, { token }),
    save: (kind: DeliveryKind, language: MailLanguage, input: MailTemplateInput): Promise<MailTemplate> =>
      request(hubUrl, path(kind, language), one, { method: 'PUT', body: JSON.stringify(input), token }),
    reset: (kind: DeliveryKind, language: MailLanguage): Promise<MailTemplate> =>
      request(hubUrl, path(kind, language), one, { method: 'DELETE', token }),
    preview: (input: MailPreviewInput): Promise<MailPreview> =>
      request(hubUrl, '/api/admin/mail/templates/preview', (json) => mailPreviewSchema.parse(json), {
        method: 'POST',
        body: JSON.stringify(input),
        token,
      }),
  }
}

/** Whether an invitation or reset mail has gone out. */
export function accountMailState(hubUrl: string, token: string, deliveryId: string): Promise<Delivery> {
  return request(hubUrl, `/api/admin/account-mails/${deliveryId}`, (json) => deliverySchema.parse(json), { token })
}
