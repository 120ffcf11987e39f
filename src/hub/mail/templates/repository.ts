import { deliveryKinds, type DeliveryKind } from '@shared/mail/delivery'
import type { MailLanguage } from '@shared/mail/settings'
import { templatePlaceholders, templateProblem, type MailTemplate } from '@shared/mail/templates'
import type { Queryable } from '../../storage/db'
import { defaultTemplates, type TemplateText } from './defaults'

interface Row {
  kind: DeliveryKind
  language: MailLanguage
  subject: string
  body: string
  updated_at: Date | string
}

const view = (kind: DeliveryKind, language: MailLanguage, row: Row | undefined): MailTemplate => ({
  kind,
  language,
  subject: row?.subject ?? defaultTemplates[language][kind].subject,
  body: row?.body ?? defaultTemplates[language][kind].body,
  custom: row !== undefined,
  placeholders: [...templatePlaceholders[kind]],
  updatedAt: row ? new Date(row.updated_at).toISOString() : null,
})

/** Every kind in both languages: the organisation's own text where it has one, else the built-in one. */
export async function listTemplates(q: Queryable, organisationId: string): Promise<MailTemplate[]> {
  const rows = await q.query<Row>(
    'select kind, language, subject, body, updated_at from mail_templates where organisation_id = $1',
    [organisationId],
  )
  return deliveryKinds.flatMap((kind) =>
    (['en', 'de'] as const).map((language) =>
      view(
        kind,
        language,
        rows.find((row) => row.kind === kind && row.language === language),
      ),
    ),
  )
}

export async function findTemplate(
  q: Queryable,
  organisationId: string,
  kind: DeliveryKind,
  language: MailLanguage,
): Promise<MailTemplate> {
  const [row] = await q.query<Row>(
    `select kind, language, subject, body, updated_at from mail_templates
     where organisation_id = $1 and kind = $2 and language = $3`,
    [organisationId, kind, language],
  )
  return view(kind, language, row)
}

/**
 * The text a mail is written with. A stored template that no longer passes the checks (a hub
 * update removed a placeholder) gives way to the built-in text rather than sending a broken mail.
 */
export async function templateFor(
  q: Queryable,
  organisationId: string,
  kind: DeliveryKind,
  language: MailLanguage,
): Promise<TemplateText> {
  const found = await findTemplate(q, organisationId, kind, language)
  return found.custom && templateProblem(kind, found) === null ? found : defaultTemplates[language][kind]
}

export async function saveTemplate(
  q: Queryable,
  organisationId: string,
  accountId: string,
  kind: DeliveryKind,
  language: MailLanguage,
  text: TemplateText,
): Promise<void> {
  await q.query(
    `insert into mail_templates (organisation_id, kind, language, subject, body, updated_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, now())
     on conflict (organisation_id, kind, language) do update
       set subject = excluded.subject, body = excluded.body, updated_by = excluded.updated_by, updated_at = now()`,
    [organisationId, kind, language, text.subject, text.body, accountId],
  )
}

export async function deleteTemplate(
  q: Queryable,
  organisationId: string,
  kind: DeliveryKind,
  language: MailLanguage,
): Promise<boolean> {
  const rows = await q.query(
    'delete from mail_templates where organisation_id = $1 and kind = $2 and language = $3 returning kind',
    [organisationId, kind, language],
  )
  return rows.length > 0
}
