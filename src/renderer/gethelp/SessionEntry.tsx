import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useSessionStore, type EntryError } from './sessionStore'

function EntryErrorLine({ error }: { error: EntryError | null }) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <p role="alert" className="error">
      {error.key === 'unreachable'
        ? t('gethelp.unreachable')
        : t('gethelp.session.entryFailed', { message: error.message })}
    </p>
  )
}

/** Way in (a): the user asks for a remote session and waits in the queue until an agent accepts. */
export function AskForSession() {
  const { t } = useTranslation()
  const busy = useSessionStore((s) => s.busy)
  const error = useSessionStore((s) => s.error)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void useSessionStore.getState().ask(name.trim(), description.trim())
  }
  return (
    <form className="gethelp-form" onSubmit={submit} aria-labelledby="ask-heading">
      <h1 id="ask-heading">{t('gethelp.session.ask.heading')}</h1>
      <p>{t('gethelp.session.ask.intro')}</p>
      <label>
        {t('gethelp.describe.name')}
        <input required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('gethelp.session.ask.description')}
        <textarea required rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <EntryErrorLine error={error} />
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t('gethelp.session.ask.submit')}
        </button>
        <button type="button" className="secondary" onClick={() => useSessionStore.getState().back()}>
          {t('gethelp.describe.back')}
        </button>
      </div>
    </form>
  )
}

/** Way in (b): the user types the code an agent read out on the phone, after a warning about fake calls. */
export function EnterCode() {
  const { t } = useTranslation()
  const busy = useSessionStore((s) => s.busy)
  const error = useSessionStore((s) => s.error)
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void useSessionStore.getState().redeem(code, name.trim())
  }
  return (
    <form className="gethelp-form" onSubmit={submit} aria-labelledby="code-heading">
      <h1 id="code-heading">{t('gethelp.session.code.heading')}</h1>
      <div className="notice warning" role="note" aria-label={t('gethelp.session.code.warningLabel')}>
        <p>
          <strong>{t('gethelp.session.code.warningTitle')}</strong>
        </p>
        <p>{t('gethelp.session.code.warning')}</p>
      </div>
      <label>
        {t('gethelp.describe.name')}
        <input required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('gethelp.session.code.label')}
        <input
          required
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 \-]{9,20}"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      <EntryErrorLine error={error} />
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t('gethelp.session.code.submit')}
        </button>
        <button type="button" className="secondary" onClick={() => useSessionStore.getState().back()}>
          {t('gethelp.describe.back')}
        </button>
      </div>
    </form>
  )
}
