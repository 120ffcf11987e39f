import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { SsoSignIn } from './SsoSignIn'
import { useConsoleStore } from './store'

export function LoginScreen() {
  const { t } = useTranslation()
  const { hubUrl, signingIn, loginError, signedOut, signIn } = useConsoleStore(
    useShallow((s) => ({
      hubUrl: s.hubUrl,
      signingIn: s.signingIn,
      loginError: s.loginError,
      signedOut: s.signedOut,
      signIn: s.signIn,
    })),
  )
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void signIn(email, password)
  }

  return (
    <main className="login">
      <header className="login-header">
        <h1>{t('console.title')}</h1>
        <LanguageSwitch />
      </header>
      <form className="login-form" onSubmit={submit} aria-labelledby="login-heading">
        <h2 id="login-heading">{t('console.login.heading')}</h2>
        <p className="muted">{t('console.login.hub', { url: hubUrl })}</p>
        <label>
          {t('console.login.email')}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('console.login.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {signedOut && !loginError && (
          <p role="status" className="muted">
            {t('console.login.signedOut')}
          </p>
        )}
        {loginError && (
          <p role="alert" className="error">
            {loginError.key === 'failed'
              ? t('console.login.failed', { message: loginError.message })
              : loginError.key === 'sso'
                ? t(`console.login.sso.${loginError.reason}`)
                : t(`console.login.${loginError.key}`, { url: hubUrl })}
          </p>
        )}
        <button type="submit" disabled={signingIn}>
          {signingIn ? t('console.login.submitting') : t('console.login.submit')}
        </button>
      </form>
      <SsoSignIn />
    </main>
  )
}
