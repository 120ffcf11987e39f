import type { DeliveryKind } from '@shared/mail/delivery'
import type { MailLanguage } from '@shared/mail/settings'
import type { MailPreview } from '@shared/mail/templates'
import type { MailSettingsData } from '../outbox'
import { reopenHints, roleNames, type TemplateText } from './defaults'
import { renderTemplate, type TemplateValues } from './index'
import { accountLinkValues } from './accountMail'

const samples: Record<MailLanguage, { requester: string; subject: string; agent: string; body: string }> = {
  en: {
    requester: 'Jana Nowak',
    subject: 'VPN drops every few minutes',
    agent: 'Max Agent',
    body: 'Please install the new VPN client from the company portal and restart your computer.',
  },
  de: {
    requester: 'Jana Nowak',
    subject: 'VPN bricht alle paar Minuten ab',
    agent: 'Max Agent',
    body: 'Bitte installieren Sie den neuen VPN-Client aus dem Firmenportal und starten Sie den Computer neu.',
  },
}

/** The template filled in with made-up values, the organisation's sender and signature. */
export function previewTemplate(
  kind: DeliveryKind,
  language: MailLanguage,
  template: TemplateText,
  organisationName: string,
  settings: Pick<MailSettingsData, 'senderName' | 'signature'> | null,
): MailPreview {
  const sample = samples[language]
  const common = {
    senderName: settings?.senderName ?? organisationName,
    signature: settings?.signature.trim() ?? '',
  }
  const expiresAt = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000)
  const link = `https://desk.example/#/${kind === 'invitation' ? 'invite' : 'reset'}/${'x'.repeat(43)}`
  const values: TemplateValues =
    kind === 'invitation' || kind === 'password_reset'
      ? {
          ...common,
          ...accountLinkValues(language, link, expiresAt),
          recipientEmail: 'jana.nowak@example.com',
          recipientName: sample.requester,
          organisationName,
          role: roleNames[language].agent,
          invitedBy: sample.agent,
        }
      : {
          ...common,
          requesterName: sample.requester,
          ticketNumber: 'T-000123',
          ticketSubject: sample.subject,
          agentName: sample.agent,
          body: sample.body,
          reopenHint: reopenHints[language],
        }
  return renderTemplate(kind, language, template, values)
}
