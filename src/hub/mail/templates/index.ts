import type { DeliveryKind } from '@shared/mail/delivery'
import { mailSubject, replyMarkers } from '@shared/mail/replyMarker'
import type { MailLanguage } from '@shared/mail/settings'

export interface MailContent {
  kind: DeliveryKind
  language: MailLanguage
  ticketNumber: string
  ticketSubject: string
  requesterName: string
  /** The agent's reply, or the note of a status change (the question, the solution). */
  body: string | null
  senderName: string
  signature: string
}

export interface RenderedMail {
  subject: string
  text: string
  html: string
}

type Texts = {
  greeting: (name: string) => string
  lead: Record<DeliveryKind, (number: string) => string>
  closing: string
}

const texts: Record<MailLanguage, Texts> = {
  en: {
    greeting: (name) => `Hello ${name},`,
    lead: {
      acknowledgement: (n) =>
        `thank you for your request. We have recorded it as ticket ${n} and will get back to you. ` +
        'Please keep the ticket number in the subject when you write to us about it.',
      reply: (n) => `there is an answer to your ticket ${n}:`,
      question: (n) => `we need some information from you to go on with your ticket ${n}:`,
      resolved: (n) =>
        `we have resolved your ticket ${n}. If the problem is not solved or comes back, ` +
        'simply reply to this mail and the ticket opens again.',
    },
    closing: 'Kind regards',
  },
  de: {
    greeting: (name) => `Hallo ${name},`,
    lead: {
      acknowledgement: (n) =>
        `vielen Dank für Ihre Anfrage. Wir haben sie als Ticket ${n} aufgenommen und melden uns bei Ihnen. ` +
        'Bitte behalten Sie die Ticketnummer im Betreff, wenn Sie uns dazu schreiben.',
      reply: (n) => `es gibt eine Antwort zu Ihrem Ticket ${n}:`,
      question: (n) => `um Ihr Ticket ${n} weiterzubearbeiten, brauchen wir noch Angaben von Ihnen:`,
      resolved: (n) =>
        `wir haben Ihr Ticket ${n} gelöst. Wenn das Problem weiter besteht oder wiederkommt, ` +
        'antworten Sie einfach auf diese Mail; das Ticket wird dann wieder geöffnet.',
    },
    closing: 'Freundliche Grüße',
  },
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

const paragraph = (text: string) => `<p>${escapeHtml(text).replaceAll('\n', '<br>')}</p>`

/** Plain text and a simple HTML part with the same words; every value from people is escaped. */
export function renderMail(content: MailContent): RenderedMail {
  const t = texts[content.language]
  const marker = replyMarkers[content.language]
  const blocks = [
    t.greeting(content.requesterName),
    t.lead[content.kind](content.ticketNumber),
    ...(content.body ? [content.body] : []),
    `${t.closing}\n${content.senderName}`,
    ...(content.signature.trim() ? [content.signature.trim()] : []),
  ]
  const text = `${marker}\n\n${blocks.join('\n\n')}\n`
  const html =
    `<!doctype html><html lang="${content.language}"><body style="font-family:sans-serif">` +
    `<p style="color:#888">${escapeHtml(marker)}</p>` +
    blocks
      .map((block, index) =>
        block === content.body
          ? `<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:12px">${paragraph(block)}</blockquote>`
          : index === blocks.length - 1 && content.signature.trim() && block === content.signature.trim()
            ? `<div style="color:#555">${paragraph(block)}</div>`
            : paragraph(block),
      )
      .join('') +
    '</body></html>'
  return { subject: mailSubject(content.ticketNumber, content.ticketSubject), text, html }
}
