import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ssoErrors, type PublicSignIn } from '@shared/admin/signIn'
import { desktopSso, fetchSignInOptions, oidcStartUrl } from '../platform/signInClient'
import { useConsoleStore } from './store'

/**
 * Reads what the hub left in the address fragment after an OpenID sign-in (a one-time code, or
 * why it refused) and removes it from the address at once, so it is neither kept in history nor
 * used twice. Runs only in the web Console, which is where the hub sends the browser back.
 */
export function takeSsoFragment(location: Location, history: History): { code: string } | { error: string } | null {
  const fragment = new URLSearchParams(location.hash.slice(1))
  const code = fragment.get('sso')
  const error = fragment.get('sso_error')
  if (!code && !error) return null
  history.replaceState(null, '', location.pathname + location.search)
  return code ? { code } : { error: error! }
}

type DesktopState = { kind: 'idle' } | { kind: 'waiting'; name: string } | { kind: 'timed_out' } | { kind: 'failed' }

/**
 * "Sign in with …" for each of the organisation's OpenID providers. The web Console leaves for
 * the provider and comes back with a code in its address; the desktop Console asks main to open
 * the system browser, which comes back to a listener on this computer (RFC 8252), and exchanges
 * the code it hands over the same way.
 */
export function SsoSignIn() {
  const { t, i18n } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const signInWithCode = useConsoleStore((s) => s.signInWithCode)
  const ssoRefused = useConsoleStore((s) => s.ssoRefused)
  const [options, setOptions] = useState<PublicSignIn>({ providers: [] })
  const [desktop, setDesktop] = useState<DesktopState>({ kind: 'idle' })
  const sso = desktopSso()
  // The web Console is an http(s) page the provider can send the browser back to.
  const inBrowser = !sso && (window.location.protocol === 'http:' || window.location.protocol === 'https:')
  const offered = inBrowser || sso !== null

  useEffect(() => {
    if (!inBrowser) return
    const taken = takeSsoFragment(window.location, window.history)
    if (taken && 'code' in taken) void signInWithCode(taken.code)
    else if (taken) ssoRefused(ssoErrors.find((known) => known === taken.error) ?? 'provider')
  }, [inBrowser, signInWithCode, ssoRefused])

  useEffect(() => {
    if (!offered || !hubUrl) return
    let current = true
    fetchSignInOptions(hubUrl).then(
      (found) => current && setOptions(found),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [offered, hubUrl])

  // Leaving the sign-in screen (signed in another way) ends a sign-in still waiting in the browser.
  useEffect(() => () => void sso?.cancel(), [sso])

  const signInThroughBrowser = async (provider: PublicSignIn['providers'][number]) => {
    if (!sso) return
    setDesktop({ kind: 'waiting', name: provider.displayName })
    const language = i18n.language.startsWith('de') ? 'de' : 'en'
    const result = await sso.signIn({ providerId: provider.id, language })
    if (!result.ok) return setDesktop({ kind: 'failed' })
    const outcome = result.value
    if (outcome.kind === 'code') {
      setDesktop({ kind: 'idle' })
      await signInWithCode(outcome.code)
    } else if (outcome.kind === 'refused') {
      setDesktop({ kind: 'idle' })
      ssoRefused(outcome.reason)
    } else if (outcome.kind === 'timed_out') {
      setDesktop({ kind: 'timed_out' })
    } else {
      // Cancelled, or replaced by a newer attempt that shows its own state.
      setDesktop((state) =>
        state.kind === 'waiting' && state.name === provider.displayName ? { kind: 'idle' } : state,
      )
    }
  }

  if (!offered || options.providers.length === 0) return null
  return (
    <nav className="sso-sign-in" aria-label={t('console.login.ssoHeading')}>
      <p className="muted">{t('console.login.ssoHeading')}</p>
      {options.providers.map((provider) =>
        sso ? (
          <button key={provider.id} type="button" onClick={() => void signInThroughBrowser(provider)}>
            {t('console.login.ssoWith', { name: provider.displayName })}
          </button>
        ) : (
          <a key={provider.id} className="button" href={oidcStartUrl(hubUrl, provider.id)}>
            {t('console.login.ssoWith', { name: provider.displayName })}
          </a>
        ),
      )}
      {desktop.kind === 'waiting' && (
        <div role="status" className="sso-waiting">
          <p>{t('console.login.ssoBrowser.waiting', { name: desktop.name })}</p>
          <button type="button" className="secondary" onClick={() => void sso?.cancel()}>
            {t('console.login.ssoBrowser.cancel')}
          </button>
        </div>
      )}
      {desktop.kind === 'timed_out' && (
        <p role="alert" className="error">
          {t('console.login.ssoBrowser.timedOut')}
        </p>
      )}
      {desktop.kind === 'failed' && (
        <p role="alert" className="error">
          {t('console.login.ssoBrowser.failed')}
        </p>
      )}
    </nav>
  )
}
