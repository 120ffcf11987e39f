import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { languages, type Language } from '@shared/accounts/accounts'
import { checkPassword, passwordLimits } from '@shared/accounts/passwordPolicy'
import { NewPasswordFields } from './NewPasswordFields'
import { ownAccount } from '../../platform/accountsClient'
import { useConsoleStore } from '../store'
import { accountErrorText } from './passwordError'

/** The header's "My account" button and its dialog: every user's name, language and password. */
export function MyAccountMenu() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t('console.account.open')}
      </button>
      {open && <MyAccountDialog onClose={() => setOpen(false)} />}
    </>
  )
}

function MyAccountDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  const account = useConsoleStore((s) => s.account)!
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const accountChanged = useConsoleStore((s) => s.accountChanged)
  const [name, setName] = useState(account.displayName)
  const [language, setLanguage] = useState<Language>(account.language ?? (i18n.language === 'de' ? 'de' : 'en'))
  const [profileState, setProfileState] = useState<{ ok: boolean; text: string } | null>(null)
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [passwordState, setPasswordState] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    dialog.current?.showModal()
  }, [])

  const saveProfile = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      accountChanged(await ownAccount(hubUrl, token).update({ displayName: name, language }))
      setProfileState({ ok: true, text: t('console.account.saved') })
    } catch (failure) {
      setProfileState({ ok: false, text: accountErrorText(t, failure) })
    }
    setBusy(false)
  }

  const changePassword = async (event: FormEvent) => {
    event.preventDefault()
    if (next !== repeat) return setPasswordState({ ok: false, text: t('console.account.passwordsDiffer') })
    const problem = checkPassword(next, { email: account.email })
    if (problem)
      return setPasswordState({ ok: false, text: t(`console.account.errors.password_${problem}`, passwordLimits) })
    setBusy(true)
    try {
      await ownAccount(hubUrl, token).changePassword(current, next)
      setCurrent('')
      setNext('')
      setRepeat('')
      setPasswordState({ ok: true, text: t('console.account.passwordChanged') })
    } catch (failure) {
      setPasswordState({ ok: false, text: accountErrorText(t, failure) })
    }
    setBusy(false)
  }

  const stateLine = (state: { ok: boolean; text: string } | null) =>
    state && (
      <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'muted' : 'error'}>
        {state.text}
      </p>
    )

  return (
    <dialog ref={dialog} className="my-account" aria-labelledby="my-account-heading" onClose={onClose}>
      <h2 id="my-account-heading">{t('console.account.heading')}</h2>
      <p className="muted">
        {account.email} · {t(`console.roles.${account.role}`)}
      </p>
      <form onSubmit={(event) => void saveProfile(event)} aria-label={t('console.account.profile')}>
        <label>
          {t('console.account.name')}
          <input required maxLength={120} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('console.account.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {languages.map((option) => (
              <option key={option} value={option}>
                {t(`language.${option}`)}
              </option>
            ))}
          </select>
        </label>
        {stateLine(profileState)}
        <div className="dialog-buttons">
          <button type="submit" disabled={busy}>
            {t('console.account.save')}
          </button>
        </div>
      </form>
      <form onSubmit={(event) => void changePassword(event)} aria-label={t('console.account.passwordHeading')}>
        <h3>{t('console.account.passwordHeading')}</h3>
        <input type="email" hidden readOnly autoComplete="username" value={account.email} />
        <label>
          {t('console.account.currentPassword')}
          <input
            type="password"
            required
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <NewPasswordFields
          ruleId="my-password-rule"
          password={next}
          repeat={repeat}
          onPassword={setNext}
          onRepeat={setRepeat}
        />
        {stateLine(passwordState)}
        <div className="dialog-buttons">
          <button type="submit" disabled={busy}>
            {t('console.account.changePassword')}
          </button>
        </div>
      </form>
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          {t('console.admin.close')}
        </button>
      </div>
    </dialog>
  )
}
