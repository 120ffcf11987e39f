import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  mailSecurities,
  type Mailbox,
  type MailboxInput,
  type MailboxTestResult,
  type MailSecurity,
} from '@shared/mail/inboundMailbox'
import type { IntakeSettingsResponse } from '@shared/mail/settings'
import { HubRequestError } from '../../platform/hubClient'
import { mailboxAdminClient } from '../../platform/mailboxClient'
import { formatRelative } from '../../ui/relativeTime'
import { useNow } from '../../ui/useNow'
import { useConsoleStore } from '../store'

const why = (error: unknown) => (error instanceof HubRequestError ? error.message : String(error))

const defaultPorts: Record<MailSecurity, number> = { tls: 993, starttls: 143, none: 143 }

type TestOutcome = { mailbox: Mailbox; result: MailboxTestResult }

/** The mailboxes the hub reads for the organisation, a test of each with the server's answer, and intake settings. */
export function MailboxesTab() {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const client = useCallback(() => mailboxAdminClient(hubUrl, token), [hubUrl, token])
  const [mailboxes, setMailboxes] = useState<Mailbox[] | null>(null)
  const [intake, setIntake] = useState<IntakeSettingsResponse | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null)
  const [tested, setTested] = useState<TestOutcome | null>(null)
  const [testing, setTesting] = useState<string | null>(null)
  const [removing, setRemoving] = useState<Mailbox | null>(null)

  const load = useCallback(async () => {
    try {
      const [list, settings] = await Promise.all([client().list(), client().intake()])
      setMailboxes(list)
      setIntake(settings)
    } catch (error) {
      setProblem(why(error))
    }
  }, [client])
  useEffect(() => {
    void load()
  }, [load])

  const run = async (work: () => Promise<unknown>, done: string) => {
    setProblem(null)
    setStatus(null)
    setTested(null)
    try {
      await work()
      await load()
      setStatus(done)
      return true
    } catch (error) {
      setProblem(why(error))
      return false
    }
  }

  const test = async (mailbox: Mailbox) => {
    setProblem(null)
    setStatus(null)
    setTested(null)
    setTesting(mailbox.id)
    try {
      setTested({ mailbox, result: await client().test(mailbox.id) })
      await load()
    } catch (error) {
      setProblem(why(error))
    } finally {
      setTesting(null)
    }
  }

  if (!mailboxes || !intake) {
    return problem ? (
      <p role="alert">{t('console.admin.mailboxes.failed', { message: problem })}</p>
    ) : (
      <p className="muted">{t('console.admin.loading')}</p>
    )
  }
  return (
    <div className="mailboxes">
      <p className="muted">{t('console.admin.mailboxes.intro')}</p>
      {problem && <p role="alert">{t('console.admin.mailboxes.failed', { message: problem })}</p>}
      {status && <p role="status">{status}</p>}
      {tested && <TestAnswer outcome={tested} />}
      {mailboxes.length === 0 ? (
        <p className="muted">{t('console.admin.mailboxes.none')}</p>
      ) : (
        <MailboxTable
          mailboxes={mailboxes}
          testing={testing}
          onTest={(mailbox) => void test(mailbox)}
          onEdit={(mailbox) => {
            setEditing(mailbox)
            setRemoving(null)
          }}
          onRemove={(mailbox) => {
            setRemoving(mailbox)
            setEditing(null)
          }}
        />
      )}
      {removing && (
        <div className="confirm-box" role="group" aria-label={t('console.admin.mailboxes.removeQuestion', removing)}>
          <p>{t('console.admin.mailboxes.removeQuestion', removing)}</p>
          <button
            type="button"
            onClick={() =>
              void run(
                () => client().remove(removing.id),
                t('console.admin.mailboxes.removed', { name: removing.name }),
              ).then(() => setRemoving(null))
            }
          >
            {t('console.admin.mailboxes.removeConfirm', { name: removing.name })}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setRemoving(null)}>
            {t('console.admin.mailboxes.keep')}
          </button>
        </div>
      )}
      {editing ? (
        <MailboxForm
          key={editing === 'new' ? 'new' : editing.id}
          mailbox={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            const ok = await run(
              () => (editing === 'new' ? client().add(input) : client().update(editing.id, input)),
              t('console.admin.mailboxes.saved', { name: input.name }),
            )
            if (ok) setEditing(null)
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          {t('console.admin.mailboxes.add')}
        </button>
      )}
      <IntakeForm
        key={JSON.stringify(intake)}
        intake={intake}
        onSave={(settings) => void run(() => client().saveIntake(settings), t('console.admin.mailboxes.intake.saved'))}
        onReset={() => void run(() => client().resetIntake(), t('console.admin.mailboxes.intake.reset'))}
      />
    </div>
  )
}

function MailboxTable(props: {
  mailboxes: Mailbox[]
  testing: string | null
  onTest(mailbox: Mailbox): void
  onEdit(mailbox: Mailbox): void
  onRemove(mailbox: Mailbox): void
}) {
  const { t, i18n } = useTranslation()
  const now = useNow()
  return (
    <table className="accounts-table mailbox-table">
      <caption>{t('console.admin.mailboxes.heading')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('console.admin.mailboxes.column.mailbox')}</th>
          <th scope="col">{t('console.admin.mailboxes.column.server')}</th>
          <th scope="col">{t('console.admin.mailboxes.column.state')}</th>
          <th scope="col">{t('console.admin.mailboxes.column.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.mailboxes.map((mailbox) => (
          <tr key={mailbox.id}>
            <td>
              <strong>{mailbox.name}</strong>
              <br />
              <span className="muted">{mailbox.address}</span>
            </td>
            <td>
              {mailbox.host}:{mailbox.port} · {t(`console.admin.mailboxes.securityOptions.${mailbox.security}`)}
              <br />
              <span className="muted">
                {t('console.admin.mailboxes.userFolder', { user: mailbox.username, folder: mailbox.folder })}
              </span>
            </td>
            <td>
              {mailbox.enabled ? t('console.admin.mailboxes.enabledState') : t('console.admin.mailboxes.paused')}
              <br />
              <span className="muted">
                {mailbox.lastCheckedAt
                  ? t('console.admin.mailboxes.lastChecked', {
                      when: formatRelative(mailbox.lastCheckedAt, now, i18n.language),
                    })
                  : t('console.admin.mailboxes.neverChecked')}
              </span>
              {!mailbox.passwordSet && <p className="problem-text">{t('console.admin.mailboxes.passwordLost')}</p>}
              {mailbox.lastError && (
                <p className="problem-text">
                  {t('console.admin.mailboxes.lastError')} <samp>{mailbox.lastError}</samp>
                </p>
              )}
            </td>
            <td>
              <div className="row-actions">
                <button
                  type="button"
                  aria-label={t('console.admin.mailboxes.test', { name: mailbox.name })}
                  disabled={props.testing !== null}
                  onClick={() => props.onTest(mailbox)}
                >
                  {t('console.admin.mailboxes.testShort')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('console.admin.mailboxes.edit', { name: mailbox.name })}
                  onClick={() => props.onEdit(mailbox)}
                >
                  {t('console.admin.mailboxes.editShort')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('console.admin.mailboxes.remove', { name: mailbox.name })}
                  onClick={() => props.onRemove(mailbox)}
                >
                  {t('console.admin.mailboxes.removeShort')}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** What "Test the mailbox" found, in the admin's language, and the server's own words beside it. */
function TestAnswer({ outcome }: { outcome: TestOutcome }) {
  const { t } = useTranslation()
  const { mailbox, result } = outcome
  const summary = result.ok
    ? t('console.admin.mailboxes.testResult.done', {
        name: mailbox.name,
        folder: mailbox.folder,
        count: result.messages ?? 0,
      })
    : result.stage === 'login' && result.serverResponse === null
      ? t('console.admin.mailboxes.testResult.passwordLost', { name: mailbox.name })
      : t(`console.admin.mailboxes.testResult.${result.stage}`, {
          name: mailbox.name,
          host: mailbox.host,
          port: mailbox.port,
          folder: mailbox.folder,
        })
  return (
    <div
      className={result.ok ? 'test-answer test-ok' : 'test-answer test-failed'}
      role={result.ok ? 'status' : 'alert'}
    >
      <p>{summary}</p>
      {result.serverResponse && (
        <p>
          {t('console.admin.mailboxes.testResult.serverSaid')} <samp>{result.serverResponse}</samp>
        </p>
      )}
    </div>
  )
}

function MailboxForm(props: { mailbox: Mailbox | null; onCancel(): void; onSave(input: MailboxInput): Promise<void> }) {
  const { t } = useTranslation()
  const headingId = useId()
  const m = props.mailbox
  const [name, setName] = useState(m?.name ?? '')
  const [address, setAddress] = useState(m?.address ?? '')
  const [host, setHost] = useState(m?.host ?? '')
  const [security, setSecurity] = useState<MailSecurity>(m?.security ?? 'tls')
  const [port, setPort] = useState(String(m?.port ?? defaultPorts.tls))
  const [username, setUsername] = useState(m?.username ?? '')
  const [password, setPassword] = useState('')
  const [folder, setFolder] = useState(m?.folder ?? 'INBOX')
  const [enabled, setEnabled] = useState(m?.enabled ?? true)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    await props.onSave({
      name,
      address,
      host,
      port: Number(port),
      security,
      username,
      ...(password ? { password } : {}),
      folder,
      enabled,
    })
    setBusy(false)
  }
  return (
    <form className="mailbox-form" onSubmit={(event) => void submit(event)} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {m ? t('console.admin.mailboxes.editHeading', { name: m.name }) : t('console.admin.mailboxes.add')}
      </h3>
      <label>
        {t('console.admin.mailboxes.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mailboxes.address')}
        <input required type="email" value={address} onChange={(e) => setAddress(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mailboxes.host')}
        <input required value={host} autoComplete="off" onChange={(e) => setHost(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mailboxes.security')}
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
              {t(`console.admin.mailboxes.securityOptions.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('console.admin.mailboxes.port')}
        <input required type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mailboxes.username')}
        <input required value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        {m?.passwordSet ? t('console.admin.mailboxes.passwordKeep') : t('console.admin.mailboxes.password')}
        <input
          type="password"
          required={!m}
          value={password}
          autoComplete="new-password"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <label>
        {t('console.admin.mailboxes.folder')}
        <input required value={folder} onChange={(e) => setFolder(e.target.value)} />
      </label>
      <label className="checkbox-label">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('console.admin.mailboxes.enabled')}
      </label>
      <div className="form-buttons">
        <button type="submit" disabled={busy}>
          {t('console.admin.mailboxes.save')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('console.admin.mailboxes.cancel')}
        </button>
      </div>
    </form>
  )
}

function IntakeForm(props: {
  intake: IntakeSettingsResponse
  onSave(settings: IntakeSettingsResponse['settings']): void
  onReset(): void
}) {
  const { t } = useTranslation()
  const { settings, defaults, custom } = props.intake
  const [reopen, setReopen] = useState(String(settings.reopenWindowDays))
  const [perHour, setPerHour] = useState(String(settings.newTicketsPerHour))
  return (
    <form
      className="mailbox-form"
      aria-labelledby="intake-settings-heading"
      onSubmit={(event) => {
        event.preventDefault()
        props.onSave({ reopenWindowDays: Number(reopen), newTicketsPerHour: Number(perHour) })
      }}
    >
      <h3 id="intake-settings-heading">{t('console.admin.mailboxes.intake.heading')}</h3>
      <p className="muted">
        {custom
          ? t('console.admin.mailboxes.intake.custom', defaults)
          : t('console.admin.mailboxes.intake.usingDefaults')}
      </p>
      <label>
        {t('console.admin.mailboxes.intake.reopenWindowDays')}
        <input required type="number" min={0} max={365} value={reopen} onChange={(e) => setReopen(e.target.value)} />
      </label>
      <label>
        {t('console.admin.mailboxes.intake.newTicketsPerHour')}
        <input
          required
          type="number"
          min={1}
          max={10000}
          value={perHour}
          onChange={(e) => setPerHour(e.target.value)}
        />
      </label>
      <div className="form-buttons">
        <button type="submit">{t('console.admin.mailboxes.intake.save')}</button>
        {custom && (
          <button type="button" className="secondary" onClick={props.onReset}>
            {t('console.admin.mailboxes.intake.useDefaults')}
          </button>
        )}
      </div>
    </form>
  )
}
