import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { pickTranslation, type Article, type KbLanguage } from '@shared/kb/article'
import { useKbFeedback } from './data/kbIndex'
import { kbHub } from './data/kbHub'
import { describeKbError } from './kbHubError'
import { useConsoleStore } from './store'

type Loaded = { articles: Article[]; flagged: Article[] }

/**
 * The reviewer's list (specialists and admins): drafts and articles in review, ready to publish,
 * and published articles agents often rated "did not help".
 */
export function KbReview() {
  const { i18n } = useTranslation()
  const role = useConsoleStore((s) => s.account?.role)
  const language: KbLanguage = i18n.language === 'de' ? 'de' : 'en'
  return role === 'specialist' || role === 'admin' ? <ReviewList language={language} /> : null
}

function ReviewList({ language }: { language: KbLanguage }) {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)!
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const feedback = useKbFeedback(db)
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null)

  const load = async () => {
    const hub = kbHub(hubUrl, token)
    try {
      const [drafts, inReview] = await Promise.all([hub.listByStatus('draft'), hub.listByStatus('in_review')])
      const flaggedIds = [...feedback.values()].filter((f) => f.flagged).map((f) => f.articleId)
      const flagged = (await db.kbArticles.bulkGet(flaggedIds)).filter((a): a is Article => a !== undefined)
      setLoaded({ articles: [...inReview, ...drafts], flagged })
    } catch (error) {
      setMessage({ kind: 'alert', text: describeKbError(error, t) })
    }
  }
  const publish = async (article: Article, title: string) => {
    try {
      await kbHub(hubUrl, token).publish(article.id, article.version)
      setMessage({ kind: 'status', text: t('console.kb.review.published', { title }) })
      // The published article joins every Console's offline cache with the next sync.
      useConsoleStore.getState().sync?.requestSync()
      await load()
    } catch (error) {
      setMessage({ kind: 'alert', text: describeKbError(error, t) })
    }
  }
  const titleOf = (article: Article) => pickTranslation(article.translations, language).text.title

  return (
    <section aria-labelledby="kb-review-heading" className="kb-review">
      <h4 id="kb-review-heading">{t('console.kb.review.heading')}</h4>
      <button type="button" className="secondary" onClick={() => void load()}>
        {t('console.kb.review.load')}
      </button>
      {message && (
        <p role={message.kind} className={message.kind === 'alert' ? 'error' : undefined}>
          {message.text}
        </p>
      )}
      {loaded && loaded.articles.length + loaded.flagged.length === 0 && (
        <p className="muted">{t('console.kb.review.empty')}</p>
      )}
      {loaded && (
        <ul className="kb-list" aria-labelledby="kb-review-heading">
          {loaded.articles.map((article) => {
            const title = titleOf(article)
            return (
              <li key={article.id} className="kb-article">
                <strong>{title}</strong>{' '}
                <span className="muted">
                  ({t(`console.kb.review.status.${article.status}`)}, v{article.version})
                </span>
                <details>
                  <summary>{pickTranslation(article.translations, language).text.symptoms.slice(0, 80)}</summary>
                  <ol>
                    {pickTranslation(article.translations, language).text.steps.map((step, i) => (
                      <li key={i}>{step}</li>
                    ))}
                  </ol>
                </details>
                <button
                  type="button"
                  aria-label={t('console.kb.review.publishNamed', { title })}
                  onClick={() => void publish(article, title)}
                >
                  {t('console.kb.review.publish')}
                </button>
              </li>
            )
          })}
          {loaded.flagged.map((article) => {
            const counts = feedback.get(article.id)
            return (
              <li key={article.id} className="kb-article">
                <strong>{titleOf(article)}</strong>
                <p className="kb-flagged">{t('console.kb.flagged')}</p>
                {counts && (
                  <p className="muted kb-counts">
                    {t('console.kb.counts', {
                      solved: counts.solved,
                      notHelpful: counts.notHelpful,
                      links: counts.links,
                    })}
                  </p>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
