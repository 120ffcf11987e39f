import { articleTagSchema, pickTranslation, type ArticleInput, type KbLanguage } from '@shared/kb/article'
import { kbLimits } from '@shared/kb/limits'
import type { LocalArticle } from '@shared/kb/localSearch'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Ticket } from '@shared/tickets/model'

/** An article's end-user steps as numbered lines for a public reply, in the article's language. */
export function stepsAsReply(article: LocalArticle, language: KbLanguage, intro: (language: KbLanguage) => string) {
  const { language: shown, text } = pickTranslation(article.translations, language)
  return [intro(shown), ...text.steps.map((step, i) => `${i + 1}. ${step}`)].join('\n')
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/**
 * A draft article from a resolved ticket: the symptoms are what the ticket says, the steps are
 * what the desk told the requester (public replies) and the resolution note. Null when the ticket
 * holds no solution to learn from.
 */
export function draftFromTicket(
  ticket: Pick<Ticket, 'subject' | 'description' | 'category' | 'tags'>,
  events: readonly TimelineEvent[],
  language: KbLanguage,
): ArticleInput | null {
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at))
  const solution = ordered.flatMap((event) => {
    if (event.type === 'public_reply' && event.author.kind === 'staff') return [event.payload.body]
    if (event.type === 'status_changed' && event.payload.to === 'resolved' && event.payload.note) {
      return [event.payload.note]
    }
    return []
  })
  const steps = solution
    .flatMap((text) => text.split(/\n+/))
    .map((line) => line.replace(/^\s*\d+[.)]\s*/, '').trim())
    // A line ending in a colon introduces steps ("Please try these steps:"); it is not one.
    .filter((line) => line.length > 0 && !line.endsWith(':'))
    .slice(0, kbLimits.steps)
    .map((line) => clip(line, kbLimits.step))
  if (steps.length === 0) return null
  return {
    category: ticket.category,
    audience: 'end_user',
    tags: ticket.tags.filter((tag) => articleTagSchema.safeParse(tag).success).slice(0, kbLimits.tags),
    translations: {
      [language]: {
        title: clip(ticket.subject, kbLimits.title),
        symptoms: clip(ticket.description.trim() || ticket.subject, kbLimits.symptoms),
        steps,
      },
    },
  }
}
