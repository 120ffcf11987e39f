import { randomUUID } from 'node:crypto'
import type { MailLanguage } from '@shared/mail/settings'
import type { Queryable } from '../../storage/db'
import { findMailSettings } from '../outbox'
import { roleNames } from './defaults'
import { renderTemplate } from './index'
import { templateFor } from './repository'

/** `28 November 2026, 14:05 UTC`: the link's end, in the mail's language. */
export function accountLinkValues(language: MailLanguage, link: string, expiresAt: Date) {
  const when = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(expiresAt)
  return { link, expiresAt: `${when} UTC` }
}

export type AccountMail =
  | {
      kind: 'invitation'
      to: string
      link: string
      expiresAt: Date
      organisationName: string
      role: 'agent' | 'specialist' | 'admin'
      invitedBy: string
    }
  | {
      kind: 'password_reset'
      to: string
      link: string
      expiresAt: Date
      organisationName: string
      recipientName: string
      /** The account's own language; the organisation's mail language when it has none. */
      language: MailLanguage | null
    }

/**
 * Queues an invitation or reset mail in the caller's transaction, so the mail exists exactly when
 * the link does. Answers the delivery's id, or null when the organisation sends no e-mail; the
 * caller wakes the worker (`notifyOutbox`) once the transaction has committed.
 *
 * The one-time link stands only inside the stored mail body (the outbox row), never in a log line
 * or the audit log; the hub keeps nothing else from which the token could be read back.
 */
export async function queueAccountMail(
  tx: Queryable,
  organisationId: string,
  mail: AccountMail,
): Promise<string | null> {
  const settings = await findMailSettings(tx, organisationId)
  if (!settings?.data.enabled) return null
  const language = (mail.kind === 'password_reset' ? mail.language : null) ?? settings.data.language
  const template = await templateFor(tx, organisationId, mail.kind, language)
  const common = {
    ...accountLinkValues(language, mail.link, mail.expiresAt),
    recipientEmail: mail.to,
    organisationName: mail.organisationName,
    senderName: settings.data.senderName,
    signature: settings.data.signature.trim(),
  }
  const rendered = renderTemplate(
    mail.kind,
    language,
    template,
    mail.kind === 'invitation'
      ? { ...common, role: roleNames[language][mail.role], invitedBy: mail.invitedBy }
      : { ...common, recipientName: mail.recipientName },
  )
  const id = randomUUID()
  const address = settings.data.senderAddress
  await tx.query(
    `insert into mail_outbox (id, organisation_id, ticket_id, event_id, kind, to_address, language, message_id,
       subject, text_body, html_body, state)
     values ($1, $2, null, null, $3, $4, $5, $6, $7, $8, $9, 'queued')`,
    [
      id,
      organisationId,
      mail.kind,
      mail.to,
      language,
      `<${id}@${address.slice(address.lastIndexOf('@') + 1).toLowerCase()}>`,
      rendered.subject,
      rendered.text,
      rendered.html,
    ],
  )
  return id
}
