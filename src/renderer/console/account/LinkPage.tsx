import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { LinkInfo } from '@shared/accounts/accounts'
import { checkPassword, passwordLimits } from '@shared/accounts/passwordPolicy'
import { NewPasswordFields } from './NewPasswordFields'
import { accountLinks } from '../../platform/accountsClient'
import { LanguageSwitch } from '../../ui/LanguageSwitch'
import { useConsoleStore } from '../store'
import { leaveLinkRoute, type LinkRoute } from './linkRoute'
import { accountErrorText } from './passwordError'

/** The page an invitation or reset link opens: set name and password, then the Console signs in. */
export function LinkPage({ route }: { route: LinkRoute }) {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const signedIn = useConsoleStore((s) => s.signedIn)
  const [info, setInfo] = useState<LinkInfo | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    accountLinks.inspect(hubUrl, route.token).then(
      (found) => {
        if (!live) return
        setInfo(found)
        setName(found.displayName ?? '')
      },
      (failure: unknown) => live && setLoadError(accountErrorText(t, failure)),
    )
    return () => {
      live = false
    }
  }, [hubUrl, route.token, t])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!info) return
    if (password !== repeat) return setError(t('console.account.passwordsDiffer'))
    // Everything but the common-password list is checked here at once; the hub checks it all.
    const problem = checkPassword(password, { email: info.email })
    if (problem) return setError(t(`console.account.errors.password_${problem}`, passwordLimits))
    setBusy(true)
    setError(null)
    try {
      const response =
        info.kind === 'invitation'
          ? await accountLinks.accept(hubUrl, route.token, name, password)
          : await accountLinks.reset(hubUrl, route.token, password)
      leaveLinkRoute()
      signedIn(response)
    } catch (failure) {
      setError(accountErrorText(t, failure))
      setBusy(false)
    }
  }

  const heading =
    route.kind === 'invitation' ? t('console.account.link.inviteHeading') : t('console.account.link.resetHeading')
  return (
    <main className="login">
      <header className="login-header">
        <h1>{t('console.title')}</h1>
        <LanguageSwitch />
      </header>
      <form className="login-form" onSubmit={(event) => void submit(event)} aria-labelledby="link-heading">
        <h2 id="link-heading">{heading}</h2>
        {loadError && (
          <p role="alert" className="error">
            {loadError}
          </p>
        )}
        {!info && !loadError && <p aria-busy="true">{t('console.admin.loading')}</p>}
        {info && (
          <>
            <p>
              {info.kind === 'invitation'
                ? t('console.account.link.inviteIntro', { organisation: info.organisation, email: info.email })
                : t('console.account.link.resetIntro', { organisation: info.organisation, email: info.email })}
            </p>
            {info.kind === 'invitation' && (
              <label>
                {t('console.account.name')}
                <input
                  required
                  autoComplete="name"
                  maxLength={120}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </label>
            )}
            <input type="email" hidden readOnly autoComplete="username" value={info.email} />
            <NewPasswordFields
              ruleId="password-rule"
              password={password}
              repeat={repeat}
              onPassword={setPassword}
              onRepeat={setRepeat}
            />
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <button type="submit" disabled={busy}>
              {route.kind === 'invitation'
                ? t('console.account.link.inviteSubmit')
                : t('console.account.link.resetSubmit')}
            </button>
          </>
        )}
        <button type="button" className="secondary" onClick={leaveLinkRoute}>
          {t('console.account.link.toSignIn')}
        </button>
      </form>
    </main>
  )
}
