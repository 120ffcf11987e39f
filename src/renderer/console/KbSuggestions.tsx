import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KbLanguage } from '@shared/kb/article'
import { useKbIndex } from './data/kbIndex'
import { suggestArticles } from './data/kbSuggest'
import { useConsoleStore } from './store'

const typingDelayMs = 300

/**
 * Suggestions while the agent takes a call: titles only, from what they type and the category,
 * so the answer may be known before the ticket exists. Runs on the offline cache.
 */
export function KbSuggestions({ text, category }: { text: string; category: string }) {
  const { t, i18n } = useTranslation()
  const language: KbLanguage = i18n.language === 'de' ? 'de' : 'en'
  const db = useConsoleStore((s) => s.db)
  const [settled, setSettled] = useState(text)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), typingDelayMs)
    return () => clearTimeout(timer)
  }, [text])
  if (!db) return null
  return <SuggestionList text={settled} category={category} language={language} label={t('console.kb.suggestions')} />
}

function SuggestionList({
  text,
  category,
  language,
  label,
}: {
  text: string
  category: string
  language: KbLanguage
  label: string
}) {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)!
  const index = useKbIndex(db)
  // Only typed words count here: a category alone would suggest the same articles for every call.
  const suggestions = useMemo(
    () => (text.trim() ? suggestArticles(index, { text, category, findings: [] }, language, 3) : []),
    [index, text, category, language],
  )
  if (suggestions.length === 0) return null
  return (
    <section aria-label={label} className="kb-intake">
      <h3>{label}</h3>
      <ul className="kb-list">
        {suggestions.map((suggestion) => (
          <li key={suggestion.id} className="kb-article">
            <strong>{suggestion.title}</strong>
            {suggestion.reasons
              .filter((reason) => reason.kind === 'words')
              .map((reason) => (
                <p key="words" className="muted kb-why">
                  {t('console.kb.why.words', { words: reason.words.join(', ') })}
                </p>
              ))}
          </li>
        ))}
      </ul>
    </section>
  )
}
