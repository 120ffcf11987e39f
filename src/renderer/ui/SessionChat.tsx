import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatLine } from '../platform/session'

/** Chat inside a remote session, the same for both ends; the hub keeps every line for the ticket. */
export function SessionChat({
  prefix,
  lines,
  me,
  send,
  disabled,
}: {
  /** Where this app keeps its session texts: `console.session` or `gethelp.session`. */
  prefix: 'console.session' | 'gethelp.session'
  lines: ChatLine[]
  me: string | null
  send(text: string): void
  disabled: boolean
}) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const list = useRef<HTMLOListElement>(null)

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' })
  }, [lines.length])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) return
    send(text)
    setText('')
  }

  return (
    <section className="session-chat" aria-label={t(`${prefix}.chat.heading`)}>
      <h4>{t(`${prefix}.chat.heading`)}</h4>
      <ol ref={list} className="session-chat-lines" aria-live="polite">
        {lines.map((line) => (
          <li key={line.id} className={line.from === me ? 'mine' : undefined}>
            <strong>{line.from === me ? t(`${prefix}.chat.you`) : line.displayName}:</strong> {line.text}
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="session-chat-form">
        <label>
          {t(`${prefix}.chat.message`)}
          <input value={text} maxLength={4000} disabled={disabled} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={disabled || !text.trim()}>
          {t(`${prefix}.chat.send`)}
        </button>
      </form>
    </section>
  )
}
