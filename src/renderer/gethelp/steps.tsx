import { useEffect, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { defaultCategories } from '@shared/tickets/classification'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { probeGroups } from '@shared/diagnostics/snapshot'
import { useGetHelpStore, type SendError } from './store'
import { useSessionStore } from './sessionStore'

export function SendErrorLine({ error }: { error: SendError | null }) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <p role="alert" className="error">
      {error.key === 'unreachable' ? t('gethelp.unreachable') : t('gethelp.failed', { message: error.message })}
    </p>
  )
}

export function StartStep() {
  const { t } = useTranslation()
  const goTo = useGetHelpStore((s) => s.goTo)
  return (
    <>
      <h1>{t('gethelp.title')}</h1>
      <p>{t('gethelp.intro')}</p>
      <button type="button" className="big-button" onClick={() => goTo('describe')}>
        {t('gethelp.button')}
      </button>
      <RemoteSessionLinks />
    </>
  )
}

/** The two ways into a remote session, offered beside the help request. */
export function RemoteSessionLinks() {
  const { t } = useTranslation()
  const open = useSessionStore((s) => s.open)
  return (
    <div className="session-links" role="group" aria-label={t('gethelp.session.links')}>
      <button type="button" className="secondary" onClick={() => open('ask')}>
        {t('gethelp.session.ask.open')}
      </button>
      <button type="button" className="secondary" onClick={() => open('code')}>
        {t('gethelp.session.code.open')}
      </button>
    </div>
  )
}

export function DescribeStep() {
  const { t } = useTranslation()
  const form = useGetHelpStore((s) => s.form)
  const setForm = useGetHelpStore((s) => s.setForm)
  const collect = useGetHelpStore((s) => s.collect)
  const goTo = useGetHelpStore((s) => s.goTo)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void collect()
  }
  return (
    <form className="gethelp-form" onSubmit={submit} aria-labelledby="describe-heading">
      <h1 id="describe-heading">{t('gethelp.describe.heading')}</h1>
      <label>
        {t('gethelp.describe.name')}
        <input required autoComplete="name" value={form.name} onChange={(e) => setForm({ name: e.target.value })} />
      </label>
      <label>
        {t('gethelp.describe.email')}
        <input
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={(e) => setForm({ email: e.target.value })}
        />
      </label>
      <label>
        {t('gethelp.describe.description')}
        <textarea
          required
          rows={4}
          value={form.description}
          onChange={(e) => setForm({ description: e.target.value })}
        />
      </label>
      <label>
        {t('gethelp.describe.category')}
        <select value={form.category} onChange={(e) => setForm({ category: e.target.value })}>
          <option value="">{t('gethelp.describe.noCategory')}</option>
          {defaultCategories.map((c) => (
            <option key={c} value={c}>
              {t(`enums.category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('gethelp.describe.missing')}
        <input value={form.missingDevices} onChange={(e) => setForm({ missingDevices: e.target.value })} />
      </label>
      <div className="dialog-buttons">
        <button type="submit">{t('gethelp.describe.next')}</button>
        <button type="button" className="secondary" onClick={() => goTo('start')}>
          {t('gethelp.describe.back')}
        </button>
      </div>
    </form>
  )
}

export function CollectingStep() {
  const { t } = useTranslation()
  const progress = useGetHelpStore((s) => s.progress)
  const done = probeGroups.reduce((n, g) => n + (progress[g]?.done ?? 0), 0)
  const total = probeGroups.reduce((n, g) => n + (progress[g]?.total ?? 0), 0) || 1
  return (
    <section aria-labelledby="collecting-heading">
      <h1 id="collecting-heading">{t('gethelp.collecting.heading')}</h1>
      <progress aria-label={t('gethelp.collecting.progress')} max={total} value={done} />
      <ul className="progress-groups">
        {probeGroups.map((group) =>
          progress[group] ? (
            <li key={group}>
              {t('gethelp.collecting.group', {
                group: t(`gethelp.groups.${group}`),
                done: progress[group].done,
                total: progress[group].total,
              })}
            </li>
          ) : null,
        )}
      </ul>
    </section>
  )
}

const statusPollMs = 10_000

export function SentStep() {
  const { t } = useTranslation()
  const receipt = useGetHelpStore((s) => s.receipt)
  const freshRequested = useGetHelpStore((s) => s.freshRequested)
  const freshSent = useGetHelpStore((s) => s.freshSent)
  const sending = useGetHelpStore((s) => s.sending)
  const error = useGetHelpStore((s) => s.error)
  const { checkStatus, sendFresh, startOver } = useGetHelpStore.getState()

  useEffect(() => {
    void checkStatus()
    const timer = setInterval(() => void checkStatus(), statusPollMs)
    return () => clearInterval(timer)
  }, [checkStatus])

  if (!receipt) return null
  return (
    <section aria-labelledby="sent-heading">
      <h1 id="sent-heading">{t('gethelp.sent.heading')}</h1>
      <p>{t('gethelp.sent.number', { number: formatTicketNumber(receipt.ticketNumber) })}</p>
      <p>{t('gethelp.sent.next')}</p>
      {freshRequested && (
        <div className="notice" role="region" aria-label={t('gethelp.sent.fresh')}>
          <p>{t('gethelp.sent.fresh')}</p>
          <button type="button" disabled={sending} onClick={() => void sendFresh()}>
            {t('gethelp.sent.allowFresh')}
          </button>
        </div>
      )}
      {freshSent && <p role="status">{t('gethelp.sent.freshSent')}</p>}
      <SendErrorLine error={error} />
      <button type="button" className="secondary" onClick={startOver}>
        {t('gethelp.sent.newRequest')}
      </button>
      <RemoteSessionLinks />
    </section>
  )
}
