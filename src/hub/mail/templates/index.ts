import type { DeliveryKind } from '@shared/mail/delivery'
import { replyMarkers } from '@shared/mail/replyMarker'
import type { MailLanguage } from '@shared/mail/settings'
import { accountMailKinds, placeholderPattern } from '@shared/mail/templates'
import { defaultTemplates, reopenHints, type TemplateText } from './defaults'

export { defaultTemplates, type TemplateText }

export interface MailContent {
  kind: DeliveryKind
  language: MailLanguage
  ticketNumber: string
  ticketSubject: string
  requesterName: string
  /** Who wrote the reply or changed the status; empty when the hub did. */
  agentName?: string
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

/** Placeholder values; null or missing renders as nothing (and a paragraph left empty is dropped). */
export type TemplateValues = Record<string, string | null | undefined>

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

const fill = (template: string, values: TemplateValues) =>
  template.replace(placeholderPattern, (_whole, name: string) => values[name] ?? '')

/** Template paragraphs (split before filling in, so a reply with blank lines stays one block). */
const paragraphsOf = (body: string) => body.replaceAll('\r\n', '\n').split(/\n[ \t]*\n/)

const onlyPlaceholder = (paragraph: string) => /^\s*\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}\s*$/.exec(paragraph)?.[1]

/** One paragraph as HTML: the admin's words and every value escaped alike; a link value becomes a link. */
function htmlParagraph(paragraph: string, values: TemplateValues): string {
  let html = ''
  let last = 0
  for (const match of paragraph.matchAll(placeholderPattern)) {
    html += escapeHtml(paragraph.slice(last, match.index))
    const name = match[1]!
    const value = values[name] ?? ''
    html +=
      name === 'link' && /^https?:\/\//.test(value)
        ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`
        : escapeHtml(value)
    last = match.index + match[0].length
  }
  html += escapeHtml(paragraph.slice(last))
  return html.trim().replaceAll('\n', '<br>')
}

/**
 * Plain text and a simple HTML part with the same words. Ticket mails start with the reply marker,
 * so intake keeps only what the requester writes above it.
 */
export function renderTemplate(
  kind: DeliveryKind,
  language: MailLanguage,
  template: TemplateText,
  values: TemplateValues,
): RenderedMail {
  const marker = (accountMailKinds as readonly string[]).includes(kind) ? null : replyMarkers[language]
  const paragraphs = paragraphsOf(template.body).filter((paragraph) => fill(paragraph, values).trim() !== '')
  const blocks = paragraphs.map((paragraph) => fill(paragraph, values).trim())
  const text = `${marker ? `${marker}\n\n` : ''}${blocks.join('\n\n')}\n`
  const html =
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif">` +
    (marker ? `<p style="color:#888">${escapeHtml(marker)}</p>` : '') +
    paragraphs
      .map((paragraph) => {
        const inner = htmlParagraph(paragraph, values)
        const alone = onlyPlaceholder(paragraph)
        if (alone === 'body')
          return `<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:12px"><p>${inner}</p></blockquote>`
        if (alone === 'signature') return `<div style="color:#555"><p>${inner}</p></div>`
        return `<p>${inner}</p>`
      })
      .join('') +
    '</body></html>'
  const subject = fill(template.subject, values).replace(/\s+/g, ' ').trim()
  return { subject, text, html }
}

export function ticketMailValues(content: MailContent): TemplateValues {
  return {
    requesterName: content.requesterName,
    ticketNumber: content.ticketNumber,
    ticketSubject: content.ticketSubject,
    agentName: content.agentName ?? '',
    body: content.body,
    senderName: content.senderName,
    signature: content.signature.trim(),
    reopenHint: reopenHints[content.language],
  }
}

/** A ticket mail with the organisation's template, or the built-in one. */
export function renderMail(content: MailContent, template?: TemplateText): RenderedMail {
  return renderTemplate(
    content.kind,
    content.language,
    template ?? defaultTemplates[content.language][content.kind],
    ticketMailValues(content),
  )
}
