import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KbLanguage } from '@shared/kb/article'
import type { TimelineEvent } from '@shared/tickets/events'
import { isFinished } from '@shared/tickets/status'
import type { CachedTicket } from './data/db'
import { kbHub } from './data/kbHub'
import { draftFromTicket } from './kbArticleText'
import { describeKbError } from './kbHubError'
import { useConsoleStore } from './store'

/**
 * "Save as article" on a resolved ticket: drafts an article from its symptoms and the solution the
 * desk gave. Drafting needs the hub (the article must be reviewed there before anyone sees it).
 */
export function KbCapture({
  ticket,
  events,
  language,
}: {
  ticket: CachedTicket
  events: readonly TimelineEvent[]
  language: KbLanguage
}) {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const [state, setState] = useState<{ kind: 'idle' | 'saving' } | { kind: 'done' | 'failed'; text: string }>({
    kind: 'idle',
  })
  if (!isFinished(ticket.status)) return null
  const draft = draftFromTicket(ticket, events, language)
  const save = async () => {
    if (!draft) return
    setState({ kind: 'saving' })
    try {
      const article = await kbHub(hubUrl, token).create(draft)
      const title = article.translations[language]?.title ?? ticket.subject
      setState({ kind: 'done', text: t('console.kb.captured', { title }) })
    } catch (error) {
      setState({ kind: 'failed', text: describeKbError(error, t) })
    }
  }
  return (
    <div className="kb-capture">
      <button
        type="button"
        className="secondary"
        disabled={!draft || state.kind === 'saving' || state.kind === 'done'}
        onClick={() => void save()}
      >
        {t('console.kb.capture')}
      </button>
      {!draft && <p className="muted">{t('console.kb.captureHint')}</p>}
      {state.kind === 'done' && <p role="status">{state.text}</p>}
      {state.kind === 'failed' && (
        <p role="alert" className="error">
          {state.text}
        </p>
      )}
    </div>
  )
}
