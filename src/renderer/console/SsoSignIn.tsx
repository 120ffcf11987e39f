import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ssoErrors, type PublicSignIn } from '@shared/admin/signIn'
import { fetchSignInOptions, oidcStartUrl } from '../platform/signInClient'
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

/** "Sign in with …" for each of the organisation's OpenID providers (web Console only). */
export function SsoSignIn() {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const signInWithCode = useConsoleStore((s) => s.signInWithCode)
  const ssoRefused = useConsoleStore((s) => s.ssoRefused)
  const [options, setOptions] = useState<PublicSignIn>({ providers: [] })
  // The desktop Console is a file:// page: the provider cannot send the browser back to it.
  const inBrowser = window.location.protocol === 'http:' || window.location.protocol === 'https:'

  useEffect(() => {
    if (!inBrowser) return
    const taken = takeSsoFragment(window.location, window.history)
    if (taken && 'code' in taken) void signInWithCode(taken.code)
    else if (taken) ssoRefused(ssoErrors.find((known) => known === taken.error) ?? 'provider')
  }, [inBrowser, signInWithCode, ssoRefused])

  useEffect(() => {
    if (!inBrowser || !hubUrl) return
    let current = true
    fetchSignInOptions(hubUrl).then(
      (found) => current && setOptions(found),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [inBrowser, hubUrl])

  if (!inBrowser || options.providers.length === 0) return null
  return (
    <nav className="sso-sign-in" aria-label={t('console.login.ssoHeading')}>
      <p className="muted">{t('console.login.ssoHeading')}</p>
      {options.providers.map((provider) => (
        <a key={provider.id} className="button" href={oidcStartUrl(hubUrl, provider.id)}>
          {t('console.login.ssoWith', { name: provider.displayName })}
        </a>
      ))}
    </nav>
  )
}
