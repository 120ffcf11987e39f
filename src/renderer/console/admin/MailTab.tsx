import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { mailSecurities, type MailLanguage, type MailSecurity, type MailSettings } from '@shared/mail/settings'
import { HubRequestError } from '../../platform/hubClient'
import { mailAdminClient } from '../../platform/mailClient'
import { useConsoleStore } from '../store'
import { MailTemplates } from './MailTemplates'

const why = (error: unknown) => (error instanceof HubRequestError ? error.message : String(error))

const defaultPorts: Record<MailSecurity, number> = { starttls: 587, tls: 465, none: 25 }

/** The organisation's SMTP server for mails to requesters, and a test mail with the server's answer. */
export function MailTab() {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const client = useCallback(() => mailAdminClient(hubUrl, token), [hubUrl, token])
  const [loaded, setLoaded] = useState<MailSettings | null | undefined>(undefined)
  const [problem, setProblem] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)

  useEffect(() => {
    client()
      .get()
      .then(setLoaded)
      .catch((error: unknown) => setProblem(why(error)))
  }, [client])

  if (loaded === undefined) {
    return problem ? (
      <p role="alert">{t('console.admin.mail.failed', { message: problem })}</p>
    ) : (
      <p className="muted">{t('console.admin.loading')}</p>
    )
  }
  return (
    <div className="mail-settings">
      <p className="muted">{t('console.admin.mail.intro')}</p>
      {problem && <p role="alert">{t('console.admin.mail.failed', { message: problem })}</p>}
      {status && <p role="status">{status}</p>}
      <MailForm
        settings={loaded}
        onSave={async (input) => {
          setProblem(null)
          setStatus(null)
          try {
            setLoaded(await client().save(input))
            setStatus(t('console.admin.mail.saved'))
          } catch (error) {
            setProblem(why(error))
          }
        }}
      />
      {loaded && (
        <TestMail
          onSend={async (to) => {
            setProblem(null)
            setStatus(null)
            try {
              const result = await client().test(to)
              setStatus(
                t(result.ok ? 'console.admin.mail.testOk' : 'console.admin.mail.testRefused', {
                  response: result.response,
                }),
              )
            } catch (error) {
              setProblem(why(error))
            }
          }}
        />
      )}
      <MailTemplates />
    </div>
  )
}

function MailForm(props: {
  settings: MailSettings | null
  onSave(input: Parameters<ReturnType<typeof mailAdminClient>['save']>[0]): Promise<void>
}) {
  const { t } = useTranslation()
  const s = props.settings
  const [enabled, setEnabled] = useState(s?.enabled ?? true)
  const [host, setHost] = useState(s?.host ?? '')
  const [security, setSecurity] = useState<MailSecurity>(s?.security ?? 'starttls')
  const [port, setPort] = useState(String(s?.port ?? 587))
  const [user, setUser] = useState(s?.user ?? '')
  const [password, setPassword] = useState('')
  const [senderName, setSenderName] = useState(s?.senderName ?? '')
  const [senderAddress, setSenderAddress] = useState(s?.senderAddress ?? '')
  const [signature, setSignature] = useState(s?.signature ?? '')
  const [language, setLanguage] = useState<MailLanguage>(s?.language ?? 'en')
  const [tlsCa, setTlsCa] = useState(s?.tlsCa ?? '')
  const [allowSelfSigned, setAllowSelfSigned] = useState(s?.allowSelfSigned ?? false)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    await props.onSave({
      enabled,
      host,
      port: Number(port),
      security,
      user: user.trim() ? user.trim() : null,
      ...(password ? { password } : {}),
      senderName,
      senderAddress,
      signature,
      language,
      tlsCa: tlsCa.trim() ? tlsCa.trim() : null,
      allowSelfSigned,
    })
    setPassword('')
    setBusy(false)
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t('console.admin.mail.tab')}>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('console.admin.mail.enabled')}
      </label>
      <label>
        {t('console.admin.mail.host')}
        <input required value={host} autoComplete="off" onChange={(e) => setHost(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mail.security')}
        <select
          value={security}
          onChange={(e) => {
            const next = e.target.value as MailSecurity
            if (Number(port) === defaultPorts[security]) setPort(String(defaultPorts[next]))
            setSecurity(next)
          }}
        >
          {mailSecurities.map((option) => (
            <option key={option} value={option}>
              {t(`console.admin.mail.securityOptions.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('console.admin.mail.port')}
        <input required type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mail.user')}
        <input value={user} autoComplete="off" onChange={(e) => setUser(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mail.password')}
        <input
          type="password"
          value={password}
          autoComplete="new-password"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {s?.passwordSet && <p className="muted">{t('console.admin.mail.passwordKept')}</p>}
      <label>
        {t('console.admin.mail.tlsCa')}
        <textarea
          rows={3}
          value={tlsCa}
          spellCheck={false}
          placeholder="-----BEGIN CERTIFICATE-----"
          onChange={(e) => setTlsCa(e.target.value)}
        />
      </label>
      <label>
        <input type="checkbox" checked={allowSelfSigned} onChange={(e) => setAllowSelfSigned(e.target.checked)} />
        {t('console.admin.mail.allowSelfSigned')}
      </label>
      <label>
        {t('console.admin.mail.senderName')}
        <input required value={senderName} onChange={(e) => setSenderName(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mail.senderAddress')}
        <input required type="email" value={senderAddress} onChange={(e) => setSenderAddress(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mail.signature')}
        <textarea rows={3} value={signature} onChange={(e) => setSignature(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mail.language')}
        <select value={language} onChange={(e) => setLanguage(e.target.value as MailLanguage)}>
          {(['en', 'de'] as const).map((option) => (
            <option key={option} value={option}>
              {t(`console.admin.mail.languages.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {t('console.admin.mail.save')}
      </button>
    </form>
  )
}

function TestMail(props: { onSend(to: string): Promise<void> }) {
  const { t } = useTranslation()
  const [to, setTo] = useState('')
  const [busy, setBusy] = useState(false)
  return (
    <section aria-labelledby="mail-test-heading">
      <h3 id="mail-test-heading">{t('console.admin.mail.testHeading')}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          setBusy(true)
          void props.onSend(to).finally(() => setBusy(false))
        }}
      >
        <label>
          {t('console.admin.mail.testTo')}
          <input required type="email" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('console.admin.mail.test')}
        </button>
      </form>
    </section>
  )
}
