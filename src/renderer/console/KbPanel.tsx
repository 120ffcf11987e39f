import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { findingsFor, type FindingsInput } from '@shared/diagnostics/findings'
import { findingsInputOf } from '@shared/gethelp'
import { requesterLanguage } from './people/requesterLanguage'
import { useRequesterCustomer } from './people/TicketCustomer'
import { parseSnapshot } from '@shared/diagnostics/snapshot'
import { pickTranslation, type Article, type KbLanguage } from '@shared/kb/article'
import type { ArticleFeedback } from '@shared/kb/feedback'
import { searchLocal } from '@shared/kb/localSearch'
import type { TimelineEvent } from '@shared/tickets/events'
import { isKnowledgeAssisted, linkedArticles, type ArticleVerdict } from '@shared/tickets/knowledge'
import type { CachedTicket } from './data/db'
import { useKbFeedback, useKbIndex } from './data/kbIndex'
import { suggestArticles, type SuggestionReason } from './data/kbSuggest'
import { stepsAsReply } from './kbArticleText'
import { KbCapture } from './KbCapture'
import { KbReview } from './KbReview'
import { useConsoleStore } from './store'
import { useSubmit } from './useSubmit'

const typingDelayMs = 300

/** The value as it was `delay` ms after it last changed: suggestions follow typing without chasing every key. */
function useDebounced<T>(value: T, delay = typingDelayMs): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
  return settled
}

function Reasons({ reasons, language }: { reasons: readonly SuggestionReason[]; language: KbLanguage }) {
  const { t } = useTranslation()
  const text = reasons.map((reason) => {
    switch (reason.kind) {
      case 'words':
        return t('console.kb.why.words', { words: reason.words.join(', ') })
      case 'finding':
        return t('console.kb.why.finding', { finding: reason.title[language] })
      case 'tag':
        return t('console.kb.why.tag', { tag: reason.tag })
      case 'category':
        return t('console.kb.why.category')
    }
  })
  return <p className="muted kb-why">{[...new Set(text)].join(' · ')}</p>
}

interface ArticleActions {
  onLink?: () => void
  onInsert?: () => void
  verdict?: ArticleVerdict | null
  onRate?: (verdict: ArticleVerdict) => void
}

function ArticleItem({
  article,
  title,
  language,
  feedback,
  reasons,
  actions,
}: {
  article: Article | undefined
  title: string
  language: KbLanguage
  feedback: ArticleFeedback | undefined
  reasons?: readonly SuggestionReason[]
  actions: ArticleActions
}) {
  const { t } = useTranslation()
  const text = article ? pickTranslation(article.translations, language).text : null
  return (
    <li className="kb-article">
      {text ? (
        <details>
          <summary>
            {title}
            {article?.audience === 'internal' && <span className="muted"> ({t('console.kb.internal')})</span>}
          </summary>
          <p>{text.symptoms}</p>
          <ol>
            {text.steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </details>
      ) : (
        <strong>{title}</strong>
      )}
      {reasons && reasons.length > 0 && <Reasons reasons={reasons} language={language} />}
      {feedback && (
        <p className="muted kb-counts">
          {t('console.kb.counts', { solved: feedback.solved, notHelpful: feedback.notHelpful, links: feedback.links })}
        </p>
      )}
      {feedback?.flagged && <p className="kb-flagged">{t('console.kb.flagged')}</p>}
      <div className="kb-buttons">
        {actions.onLink && (
          <button type="button" aria-label={t('console.kb.linkNamed', { title })} onClick={actions.onLink}>
            {t('console.kb.link')}
          </button>
        )}
        {actions.onInsert && (
          <button
            type="button"
            className="secondary"
            aria-label={t('console.kb.insertStepsNamed', { title })}
            onClick={actions.onInsert}
          >
            {t('console.kb.insertSteps')}
          </button>
        )}
        {actions.onRate && (
          <>
            <button
              type="button"
              className="secondary"
              aria-pressed={actions.verdict === 'solved'}
              aria-label={t('console.kb.solvedNamed', { title })}
              onClick={() => actions.onRate!('solved')}
            >
              {t('console.kb.solved')}
            </button>
            <button
              type="button"
              className="secondary"
              aria-pressed={actions.verdict === 'not_helpful'}
              aria-label={t('console.kb.notHelpfulNamed', { title })}
              onClick={() => actions.onRate!('not_helpful')}
            >
              {t('console.kb.notHelpful')}
            </button>
          </>
        )}
      </div>
    </li>
  )
}

/** The ticket's snapshot findings, from the diagnostics cached on this device. */
function useFindings(ticketId: string, input: FindingsInput) {
  const db = useConsoleStore((s) => s.db)!
  const stored = useLiveQuery(
    () => db.diagnostics.where('ticketId').equals(ticketId).sortBy('receivedAt'),
    [db, ticketId],
  )
  return useMemo(() => {
    const latest = stored?.filter((d) => d.upload.kind === 'desktop').at(-1)
    if (latest?.upload.kind !== 'desktop') return []
    const parsed = parseSnapshot(latest.upload.snapshot)
    return parsed.ok ? findingsFor(parsed.value, input) : []
  }, [stored, input])
}

/**
 * Knowledge at the point of work: suggestions from what the ticket says, its category and its
 * diagnostics, a search box, and the articles linked to the ticket with the agent's verdict. All of
 * it runs on the cached articles, so it works offline; links and verdicts are ticket commands and
 * go through the outbox like any other edit.
 */
export function KbPanel({
  ticket,
  events,
  draft,
  onInsert,
}: {
  ticket: CachedTicket
  events: readonly TimelineEvent[]
  /** What the agent is typing in the reply box; it feeds the suggestions too. */
  draft: string
  onInsert: (text: string) => void
}) {
  const { t, i18n } = useTranslation()
  const language: KbLanguage = i18n.language === 'de' ? 'de' : 'en'
  const db = useConsoleStore((s) => s.db)!
  const index = useKbIndex(db)
  const feedback = useKbFeedback(db)
  const findingsInput = useMemo(() => findingsInputOf(events), [events])
  const findings = useFindings(ticket.id, findingsInput)
  const readerLanguage = requesterLanguage(
    useRequesterCustomer(ticket.requester, ticket.links),
    ticket.requester,
    ticket.links,
  )
  const { edit, error } = useSubmit()
  const [query, setQuery] = useState('')
  const typed = useDebounced(`${ticket.subject}\n${ticket.description.slice(0, 500)}\n${draft}`)
  const searched = useDebounced(query.trim(), 150)

  const linked = linkedArticles(ticket)
  const linkedIds = new Set(linked.map((article) => article.id))
  const suggestions = useMemo(
    () =>
      suggestArticles(index, { text: typed, category: ticket.category, findings, tags: ticket.tags }, language).filter(
        (suggestion) => !linkedIds.has(suggestion.id),
      ),
    // linkedIds is derived from ticket.articles, which the dependency covers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, typed, ticket.category, ticket.tags, ticket.articles, findings, language],
  )
  const results = useMemo(() => (searched ? searchLocal(index, searched, { limit: 8 }) : []), [index, searched])

  const titleOf = (id: string, preferred: KbLanguage) => {
    const article = index.articles.get(id)
    return article ? pickTranslation(article.translations, preferred).text.title : id
  }
  const link = (id: string, title: string) =>
    void edit(ticket.id, ticket.version, { type: 'link_article', payload: { articleId: id, title } })
  const rate = (id: string, verdict: ArticleVerdict) =>
    void edit(ticket.id, ticket.version, { type: 'rate_article', payload: { articleId: id, verdict } })
  // Steps go to the requester: in their language when their contact record names it, whatever
  // language the agent works in or the card is shown in.
  const insert = (article: Article | undefined, shown: KbLanguage) =>
    article?.audience === 'end_user'
      ? () => onInsert(stepsAsReply(article, readerLanguage ?? shown, (lng) => t('console.kb.stepsIntro', { lng })))
      : undefined
  const candidateActions = (id: string, shown: KbLanguage, title: string): ArticleActions => ({
    onLink: () => link(id, title),
    onInsert: insert(index.articles.get(id), shown),
  })

  return (
    <section aria-labelledby="kb-heading" className="kb-panel">
      <h3 id="kb-heading">{t('console.kb.heading')}</h3>
      {error && (
        <p role="alert" className="error">
          {t('console.ticket.refused', { reason: error })}
        </p>
      )}
      {isKnowledgeAssisted(ticket) && <p className="kb-assisted">{t('console.kb.assisted')}</p>}

      {linked.length > 0 && (
        <>
          <h4 id="kb-linked-heading">{t('console.kb.linked')}</h4>
          <ul aria-labelledby="kb-linked-heading" className="kb-list">
            {linked.map((article) => (
              <ArticleItem
                key={article.id}
                article={index.articles.get(article.id)}
                title={article.title}
                language={language}
                feedback={feedback.get(article.id)}
                actions={{
                  onInsert: insert(index.articles.get(article.id), language),
                  verdict: article.verdict,
                  onRate: (verdict) => rate(article.id, verdict),
                }}
              />
            ))}
          </ul>
        </>
      )}

      <h4 id="kb-suggestions-heading">{t('console.kb.suggestions')}</h4>
      {index.articles.size === 0 ? (
        <p className="muted">{t('console.kb.emptyCache')}</p>
      ) : suggestions.length === 0 ? (
        <p className="muted">{t('console.kb.noSuggestions')}</p>
      ) : (
        <ul aria-labelledby="kb-suggestions-heading" className="kb-list">
          {suggestions.map((suggestion) => (
            <ArticleItem
              key={suggestion.id}
              article={index.articles.get(suggestion.id)}
              title={suggestion.title}
              language={suggestion.language}
              feedback={feedback.get(suggestion.id)}
              reasons={suggestion.reasons}
              actions={candidateActions(suggestion.id, suggestion.language, suggestion.title)}
            />
          ))}
        </ul>
      )}

      <label className="kb-search">
        {t('console.kb.search')}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {searched && (
        <>
          <h4 id="kb-results-heading">{t('console.kb.results')}</h4>
          {results.length === 0 ? (
            <p className="muted">{t('console.kb.noResults')}</p>
          ) : (
            <ul aria-labelledby="kb-results-heading" className="kb-list">
              {results.map((hit) => {
                const title = titleOf(hit.id, hit.language)
                return (
                  <ArticleItem
                    key={hit.id}
                    article={index.articles.get(hit.id)}
                    title={title}
                    language={hit.language}
                    feedback={feedback.get(hit.id)}
                    reasons={hit.matched?.length ? [{ kind: 'words', words: hit.matched }] : []}
                    actions={linkedIds.has(hit.id) ? {} : candidateActions(hit.id, hit.language, title)}
                  />
                )
              })}
            </ul>
          )}
        </>
      )}

      <KbCapture ticket={ticket} events={events} language={language} />
      <KbReview />
    </section>
  )
}
