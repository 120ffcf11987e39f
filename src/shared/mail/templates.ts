import { z } from 'zod'
import { deliveryKindSchema, deliveryKinds, type DeliveryKind } from './delivery'
import { mailLanguageSchema } from './settings'

/** Ticket mails go to requesters; account mails carry a one-time link to a person joining the desk. */
export const ticketMailKinds = ['acknowledgement', 'reply', 'question', 'resolved'] as const satisfies DeliveryKind[]
export const accountMailKinds = ['invitation', 'password_reset'] as const satisfies DeliveryKind[]

const ticketPlaceholders = [
  'requesterName',
  'ticketNumber',
  'ticketSubject',
  'agentName',
  'body',
  'senderName',
  'signature',
] as const

/** The values each kind of mail fills in; anything else in a template is refused. */
export const templatePlaceholders: Record<DeliveryKind, readonly string[]> = {
  acknowledgement: ticketPlaceholders,
  reply: ticketPlaceholders,
  question: ticketPlaceholders,
  resolved: [...ticketPlaceholders, 'reopenHint'],
  invitation: [
    'recipientEmail',
    'organisationName',
    'role',
    'invitedBy',
    'link',
    'expiresAt',
    'senderName',
    'signature',
  ],
  password_reset: [
    'recipientName',
    'recipientEmail',
    'organisationName',
    'link',
    'expiresAt',
    'senderName',
    'signature',
  ],
}

/** What a mail of the kind must name: the ticket token threads replies, the link is the mail's point. */
export const requiredPlaceholders: Record<DeliveryKind, { subject: readonly string[]; body: readonly string[] }> = {
  acknowledgement: { subject: ['ticketNumber'], body: [] },
  reply: { subject: ['ticketNumber'], body: ['body'] },
  question: { subject: ['ticketNumber'], body: ['body'] },
  resolved: { subject: ['ticketNumber'], body: [] },
  invitation: { subject: [], body: ['link'] },
  password_reset: { subject: [], body: ['link'] },
}

export const placeholderPattern = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g

/** The placeholder names a template text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1]!))]
}

/** Why a template cannot be used for the kind, in words an admin can act on; null when it can. */
export function templateProblem(kind: DeliveryKind, template: { subject: string; body: string }): string | null {
  const allowed = templatePlaceholders[kind]
  const unknown = [...placeholdersIn(template.subject), ...placeholdersIn(template.body)].filter(
    (name) => !allowed.includes(name),
  )
  if (unknown.length > 0)
    return (
      `Unknown placeholder ${[...new Set(unknown)].map((name) => `{{${name}}}`).join(', ')}. ` +
      `This mail can use ${allowed.map((name) => `{{${name}}}`).join(', ')}.`
    )
  if (template.subject.includes('\n')) return 'The subject must be one line.'
  const required = requiredPlaceholders[kind]
  for (const name of required.subject)
    if (!placeholdersIn(template.subject).includes(name))
      return `The subject must contain {{${name}}}, so that replies find their ticket.`
  for (const name of required.body)
    if (!placeholdersIn(template.body).includes(name)) return `The text must contain {{${name}}}.`
  return null
}

export const mailTemplateKeySchema = z.object({ kind: deliveryKindSchema, language: mailLanguageSchema })

export const mailTemplateInputSchema = z.object({
  subject: z.string().trim().min(1, { error: 'A subject is needed' }).max(300),
  body: z.string().trim().min(1, { error: 'A text is needed' }).max(20_000),
})
export type MailTemplateInput = z.infer<typeof mailTemplateInputSchema>

export const mailTemplateSchema = mailTemplateKeySchema.extend({
  subject: z.string(),
  body: z.string(),
  /** False: the built-in text, which follows the hub's updates. */
  custom: z.boolean(),
  placeholders: z.array(z.string()),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
})
export type MailTemplate = z.infer<typeof mailTemplateSchema>

export const mailTemplateListSchema = z.object({ templates: z.array(mailTemplateSchema) })

export const mailPreviewInputSchema = mailTemplateKeySchema.extend(mailTemplateInputSchema.shape)
export type MailPreviewInput = z.infer<typeof mailPreviewInputSchema>

/** A rendered mail for sample data: the HTML part is for a sandboxed frame, never the Console's own page. */
export const mailPreviewSchema = z.object({ subject: z.string(), text: z.string(), html: z.string() })
export type MailPreview = z.infer<typeof mailPreviewSchema>

export { deliveryKinds }
