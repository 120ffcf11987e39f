import type { DeliveryKind } from '@shared/mail/delivery'
import type { MailLanguage } from '@shared/mail/settings'

export interface TemplateText {
  subject: string
  body: string
}

const ticketSubject = '[{{ticketNumber}}] {{ticketSubject}}'

const en = (lead: string, withBody: boolean): TemplateText => ({
  subject: ticketSubject,
  body: `Hello {{requesterName}},\n\n${lead}\n\n${withBody ? '{{body}}\n\n' : ''}Kind regards\n{{senderName}}\n\n{{signature}}`,
})
const de = (lead: string, withBody: boolean): TemplateText => ({
  subject: ticketSubject,
  body: `Hallo {{requesterName}},\n\n${lead}\n\n${withBody ? '{{body}}\n\n' : ''}Freundliche Grüße\n{{senderName}}\n\n{{signature}}`,
})

/** The built-in texts: what every organisation sends until an admin edits a template. */
export const defaultTemplates: Record<MailLanguage, Record<DeliveryKind, TemplateText>> = {
  en: {
    acknowledgement: en(
      'thank you for your request. We have recorded it as ticket {{ticketNumber}} and will get back to you. ' +
        'Please keep the ticket number in the subject when you write to us about it.',
      false,
    ),
    reply: en('there is an answer to your ticket {{ticketNumber}}:', true),
    question: en('we need some information from you to go on with your ticket {{ticketNumber}}:', true),
    resolved: en('we have resolved your ticket {{ticketNumber}}. {{reopenHint}}', true),
    invitation: {
      subject: 'Your invitation to the {{organisationName}} support desk',
      body:
        'Hello,\n\n{{invitedBy}} has invited you to the {{organisationName}} support desk as {{role}}.\n\n' +
        'Open this link to choose your name and password:\n{{link}}\n\n' +
        'The link works once, until {{expiresAt}}. If you did not expect this invitation, you can ignore this mail.\n\n' +
        'Kind regards\n{{senderName}}\n\n{{signature}}',
    },
    password_reset: {
      subject: 'Set a new password for the {{organisationName}} support desk',
      body:
        'Hello {{recipientName}},\n\nan administrator has made a link for you to set a new password:\n{{link}}\n\n' +
        'The link works once, until {{expiresAt}}. Setting the password signs you out everywhere else. ' +
        'If you did not ask for this, tell your administrator.\n\n' +
        'Kind regards\n{{senderName}}\n\n{{signature}}',
    },
  },
  de: {
    acknowledgement: de(
      'vielen Dank für Ihre Anfrage. Wir haben sie als Ticket {{ticketNumber}} aufgenommen und melden uns bei Ihnen. ' +
        'Bitte behalten Sie die Ticketnummer im Betreff, wenn Sie uns dazu schreiben.',
      false,
    ),
    reply: de('es gibt eine Antwort zu Ihrem Ticket {{ticketNumber}}:', true),
    question: de('um Ihr Ticket {{ticketNumber}} weiterzubearbeiten, brauchen wir noch Angaben von Ihnen:', true),
    resolved: de('wir haben Ihr Ticket {{ticketNumber}} gelöst. {{reopenHint}}', true),
    invitation: {
      subject: 'Ihre Einladung zum Support-Desk von {{organisationName}}',
      body:
        'Guten Tag,\n\n{{invitedBy}} hat Sie als {{role}} zum Support-Desk von {{organisationName}} eingeladen.\n\n' +
        'Öffnen Sie diesen Link, um Ihren Namen und Ihr Passwort festzulegen:\n{{link}}\n\n' +
        'Der Link gilt einmal, bis {{expiresAt}}. Wenn Sie diese Einladung nicht erwartet haben, können Sie diese Mail ignorieren.\n\n' +
        'Freundliche Grüße\n{{senderName}}\n\n{{signature}}',
    },
    password_reset: {
      subject: 'Neues Passwort für den Support-Desk von {{organisationName}}',
      body:
        'Hallo {{recipientName}},\n\nein Administrator hat für Sie einen Link erstellt, mit dem Sie ein neues Passwort festlegen:\n{{link}}\n\n' +
        'Der Link gilt einmal, bis {{expiresAt}}. Mit dem neuen Passwort werden Sie überall sonst abgemeldet. ' +
        'Wenn Sie das nicht angefordert haben, wenden Sie sich an Ihren Administrator.\n\n' +
        'Freundliche Grüße\n{{senderName}}\n\n{{signature}}',
    },
  },
}

/** Filled into {{reopenHint}} of the resolved mail. */
export const reopenHints: Record<MailLanguage, string> = {
  en: 'If the problem is not solved or comes back, simply reply to this mail and the ticket opens again.',
  de: 'Wenn das Problem weiter besteht oder wiederkommt, antworten Sie einfach auf diese Mail; das Ticket wird dann wieder geöffnet.',
}

export const roleNames: Record<MailLanguage, Record<'agent' | 'specialist' | 'admin', string>> = {
  en: { agent: '1st-level agent', specialist: '2nd-level specialist', admin: 'administrator' },
  de: { agent: '1st-Level-Agent', specialist: '2nd-Level-Spezialist', admin: 'Administrator' },
}
