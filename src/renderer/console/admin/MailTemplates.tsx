import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { deliveryKinds, type DeliveryKind } from '@shared/mail/delivery'
import type { MailLanguage } from '@shared/mail/settings'
import {
  placeholdersIn,
  requiredPlaceholders,
  templatePlaceholders,
  type MailPreview,
  type MailTemplate,
} from '@shared/mail/templates'
import { HubRequestError } from '../../platform/hubClient'
import { mailTemplateClient } from '../../platform/mailClient'
import { useConsoleStore } from '../store'

const why = (error: unknown) => (error instanceof HubRequestError ? error.message : String(error))
const braces = (names: readonly string[]) => names.map((name) => `{{${name}}}`).join(', ')

/** The organisation's wording of each mail, per kind and language, with a preview for sample data. */
export function MailTemplates() {
  const { t, i18n } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const client = useCallback(() => mailTemplateClient(hubUrl, token), [hubUrl, token])
  const [templates, setTemplates] = useState<MailTemplate[] | null>(null)
  const [kind, setKind] = useState<DeliveryKind>('acknowledgement')
  const [language, setLanguage] = useState<MailLanguage>(i18n.language.startsWith('de') ? 'de' : 'en')
  const [subject, setSubject] = useState('')
  const [body, setBody] = useState('')
  const [preview, setPreview] = useState<MailPreview | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    client()
      .list()
      .then(setTemplates)
      .catch((error: unknown) => setProblem(t('console.admin.mail.failed', { message: why(error) })))
  }, [client, t])

  const current = templates?.find((candidate) => candidate.kind === kind && candidate.language === language)
  // Choosing another mail or language loads its text; edits not saved are left behind.
  useEffect(() => {
    if (!current) return
    setSubject(current.subject)
    setBody(current.body)
    setPreview(null)
  }, [current])

  const replace = (next: MailTemplate) =>
    setTemplates((list) =>
      (list ?? []).map((candidate) =>
        candidate.kind === next.kind && candidate.language === next.language ? next : candidate,
      ),
    )

  /** The admin's own words for what the hub would refuse, before asking it. */
  const localProblem = (): string | null => {
    const allowed = templatePlaceholders[kind]
    const unknown = [...new Set([...placeholdersIn(subject), ...placeholdersIn(body)])].filter(
      (name) => !allowed.includes(name),
    )
    if (unknown.length > 0) return t('console.admin.mail.templates.unknown', { names: braces(unknown) })
    const missingSubject = requiredPlaceholders[kind].subject.filter((name) => !placeholdersIn(subject).includes(name))
    if (missingSubject.length > 0)
      return t('console.admin.mail.templates.subjectNeeds', { names: braces(missingSubject) })
    const missingBody = requiredPlaceholders[kind].body.filter((name) => !placeholdersIn(body).includes(name))
    if (missingBody.length > 0) return t('console.admin.mail.templates.bodyNeeds', { names: braces(missingBody) })
    return null
  }

  const run = async (work: () => Promise<void>, checked = true) => {
    setProblem(null)
    setStatus(null)
    const local = checked ? localProblem() : null
    if (local) {
      setProblem(local)
      return
    }
    setBusy(true)
    try {
      await work()
    } catch (error) {
      setProblem(t('console.admin.mail.failed', { message: why(error) }))
    }
    setBusy(false)
  }

  const showPreview = () => run(async () => setPreview(await client().preview({ kind, language, subject, body })))

  const save = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => {
      replace(await client().save(kind, language, { subject, body }))
      setPreview(await client().preview({ kind, language, subject, body }))
      setStatus(t('console.admin.mail.templates.saved'))
    })
  }

  const reset = () =>
    run(async () => {
      const restored = await client().reset(kind, language)
      replace(restored)
      setPreview(await client().preview({ kind, language, subject: restored.subject, body: restored.body }))
      setStatus(t('console.admin.mail.templates.resetDone'))
    }, false)

  return (
    <section className="mail-templates" aria-labelledby="mail-templates-heading">
      <h3 id="mail-templates-heading">{t('console.admin.mail.templates.heading')}</h3>
      <p className="muted">{t('console.admin.mail.templates.intro')}</p>
      {!templates && !problem && <p aria-busy="true">{t('console.admin.loading')}</p>}
      {templates && (
        <>
          <div className="mail-template-choice">
            <label>
              {t('console.admin.mail.templates.kind')}
              <select value={kind} onChange={(e) => setKind(e.target.value as DeliveryKind)}>
                {deliveryKinds.map((option) => (
                  <option key={option} value={option}>
                    {t(`console.admin.mail.templates.kinds.${option}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('console.admin.mail.templates.language')}
              <select value={language} onChange={(e) => setLanguage(e.target.value as MailLanguage)}>
                {(['en', 'de'] as const).map((option) => (
                  <option key={option} value={option}>
                    {t(`console.admin.mail.languages.${option}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted">
            {current?.custom
              ? t('console.admin.mail.templates.custom', {
                  when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
                    new Date(current.updatedAt!),
                  ),
                })
              : t('console.admin.mail.templates.builtIn')}
          </p>
          <form onSubmit={save} aria-label={t('console.admin.mail.templates.formLabel')}>
            <label>
              {t('console.admin.mail.templates.subject')}
              <input required maxLength={300} value={subject} onChange={(e) => setSubject(e.target.value)} />
            </label>
            {/* Not wrapped in its label: the label's text would then take in the template's words. */}
            <label htmlFor="mail-template-body">{t('console.admin.mail.templates.body')}</label>
            <textarea
              id="mail-template-body"
              required
              rows={12}
              maxLength={20_000}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
            <p id="mail-template-placeholders" className="muted">
              {t('console.admin.mail.templates.placeholders')} <code>{braces(templatePlaceholders[kind])}</code>
            </p>
            <div className="dialog-buttons">
              <button type="button" className="secondary" disabled={busy} onClick={() => void showPreview()}>
                {t('console.admin.mail.templates.preview')}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy || !current?.custom}
                onClick={() => void reset()}
              >
                {t('console.admin.mail.templates.reset')}
              </button>
              <button type="submit" disabled={busy}>
                {t('console.admin.mail.templates.save')}
              </button>
            </div>
          </form>
        </>
      )}
      {problem && <p role="alert">{problem}</p>}
      {status && <p role="status">{status}</p>}
      {preview && <PreviewPane preview={preview} />}
    </section>
  )
}

/** The mail as sent: the HTML part only inside a sandboxed frame (no scripts, no reach into the Console). */
function PreviewPane({ preview }: { preview: MailPreview }) {
  const { t } = useTranslation()
  return (
    <section className="mail-preview" aria-labelledby="mail-preview-heading">
      <h4 id="mail-preview-heading">{t('console.admin.mail.templates.previewHeading')}</h4>
      <p>
        <strong>{t('console.admin.mail.templates.subject')}:</strong>{' '}
        <span aria-label={t('console.admin.mail.templates.previewSubject')}>{preview.subject}</span>
      </p>
      <h5>{t('console.admin.mail.templates.plainText')}</h5>
      <pre aria-label={t('console.admin.mail.templates.plainText')}>{preview.text}</pre>
      <h5>{t('console.admin.mail.templates.htmlPart')}</h5>
      <iframe sandbox="" srcDoc={preview.html} title={t('console.admin.mail.templates.htmlPart')} />
    </section>
  )
}
