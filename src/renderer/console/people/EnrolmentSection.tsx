import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  enrolmentCreatedSchema,
  enrolmentListSchema,
  enrolmentSchema,
  type Enrolment,
  type EnrolmentCreated,
} from '@shared/enrolment'
import { request } from '../../platform/hubClient'
import { useConsoleStore } from '../store'
import { usePeopleData, usePeopleFailureText } from './usePeople'

function useEnrolmentApi() {
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token) ?? ''
  return {
    list: (customerId: string) =>
      request(hubUrl, `/api/customers/${customerId}/enrolments`, (json) => enrolmentListSchema.parse(json), {
        token,
      }),
    create: (customerId: string, label: string, expiresAt: string | null) =>
      request(hubUrl, `/api/customers/${customerId}/enrolments`, (json) => enrolmentCreatedSchema.parse(json), {
        method: 'POST',
        token,
        body: JSON.stringify({ label, expiresAt }),
      }),
    revoke: (id: string) =>
      request(hubUrl, `/api/enrolments/${id}/revoke`, (json) => enrolmentSchema.parse(json), {
        method: 'POST',
        token,
      }),
  }
}

/** The end of the chosen day in the admin's time zone: the code works through that whole day. */
const endOfDay = (date: string) => new Date(`${date}T23:59:59`).toISOString()

/**
 * The customer's Get Help enrolments: each is a link (and code) that binds Get Help to this
 * customer. The code is shown once, when made; admins see when each was last used and revoke it.
 */
export function EnrolmentSection({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t, i18n } = useTranslation()
  const api = useEnrolmentApi()
  const describe = usePeopleFailureText('save')
  const list = usePeopleData(`enrolments:${customerId}`, () => api.list(customerId))
  const [creating, setCreating] = useState(false)
  const [label, setLabel] = useState('')
  const [expires, setExpires] = useState('')
  const [created, setCreated] = useState<EnrolmentCreated | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (failure) {
      setError(describe(failure))
    } finally {
      setBusy(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => {
      setCreated(await api.create(customerId, label.trim(), expires ? endOfDay(expires) : null))
      setCreating(false)
      setLabel('')
      setExpires('')
      list.reload()
    })
  }
  const revoke = (enrolment: Enrolment) =>
    void run(async () => {
      await api.revoke(enrolment.id)
      setConfirming(null)
      list.reload()
    })

  return (
    <section className="people-section" aria-labelledby="enrolment-heading">
      <div className="section-header">
        <h4 id="enrolment-heading">{t('console.people.enrolment.heading')}</h4>
        <button type="button" className="secondary" onClick={() => setCreating(true)}>
          {t('console.people.enrolment.new')}
        </button>
      </div>
      <p className="muted">{t('console.people.enrolment.intro', { customer: customerName })}</p>
      {creating && (
        <form className="people-form" onSubmit={submit} aria-label={t('console.people.enrolment.new')}>
          <label>
            {t('console.people.enrolment.label')}
            <input required maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <label>
            {t('console.people.enrolment.expires')}
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
          <div className="dialog-buttons">
            <button type="submit" disabled={busy}>
              {t('console.people.enrolment.create')}
            </button>
            <button type="button" className="secondary" onClick={() => setCreating(false)}>
              {t('console.people.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {created && <CreatedEnrolment created={created} onDone={() => setCreated(null)} />}
      {list.data?.length === 0 && <p className="muted">{t('console.people.enrolment.none')}</p>}
      {list.error && <p className="muted">{list.error}</p>}
      <ul className="people-list" aria-label={t('console.people.enrolment.heading')}>
        {list.data?.map((enrolment) => (
          // While a revoke is being confirmed the question sits below the entry, at full width.
          <li key={enrolment.id} className={confirming === enrolment.id ? undefined : 'people-item'}>
            <div>
              <p>
                <strong>{enrolment.label}</strong>{' '}
                <span className={`contract-state contract-${enrolment.state === 'active' ? 'active' : 'expired'}`}>
                  {t(`console.people.enrolment.state.${enrolment.state}`)}
                </span>
              </p>
              <p className="muted">
                {t('console.people.enrolment.createdBy', {
                  name: enrolment.createdBy ?? t('console.people.enrolment.system'),
                  at: when(enrolment.createdAt),
                })}
                {' · '}
                {enrolment.expiresAt
                  ? t('console.people.enrolment.expiresAt', { at: when(enrolment.expiresAt) })
                  : t('console.people.enrolment.noExpiry')}
                {' · '}
                {enrolment.lastUsedAt
                  ? t('console.people.enrolment.lastUsed', { at: when(enrolment.lastUsedAt) })
                  : t('console.people.enrolment.neverUsed')}
                {enrolment.revokedAt &&
                  ` · ${t('console.people.enrolment.revokedAt', { at: when(enrolment.revokedAt) })}`}
              </p>
            </div>
            {enrolment.state !== 'revoked' &&
              (confirming === enrolment.id ? (
                <div role="group" aria-label={t('console.people.enrolment.confirmLabel')}>
                  <p>{t('console.people.enrolment.confirm', { label: enrolment.label })}</p>
                  <div className="dialog-buttons">
                    <button type="button" disabled={busy} onClick={() => revoke(enrolment)}>
                      {t('console.people.enrolment.revokeNow')}
                    </button>
                    <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                      {t('console.people.enrolment.keep')}
                    </button>
                  </div>
                </div>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('console.people.enrolment.revokeNamed', { label: enrolment.label })}
                  onClick={() => setConfirming(enrolment.id)}
                >
                  {t('console.people.enrolment.revoke')}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The new link and code, shown this once: the hub keeps only a digest of the code. */
function CreatedEnrolment({ created, onDone }: { created: EnrolmentCreated; onDone(): void }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState<'link' | 'code' | null>(null)
  const copy = (what: 'link' | 'code', text: string) =>
    void navigator.clipboard.writeText(text).then(
      () => setCopied(what),
      () => setCopied(null),
    )
  return (
    <section className="link-box" role="status" aria-label={t('console.people.enrolment.createdLabel')}>
      <p>{t('console.people.enrolment.createdNote', { label: created.enrolment.label })}</p>
      <label>
        {t('console.people.enrolment.link')}
        <input readOnly value={created.link} onFocus={(e) => e.target.select()} />
      </label>
      <label>
        {t('console.people.enrolment.code')}
        <input readOnly value={created.code} onFocus={(e) => e.target.select()} />
      </label>
      <div className="dialog-buttons">
        <button type="button" onClick={() => copy('link', created.link)}>
          {copied === 'link' ? t('console.people.enrolment.copied') : t('console.people.enrolment.copyLink')}
        </button>
        <button type="button" className="secondary" onClick={() => copy('code', created.code)}>
          {copied === 'code' ? t('console.people.enrolment.copied') : t('console.people.enrolment.copyCode')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('console.people.enrolment.done')}
        </button>
      </div>
    </section>
  )
}
