import {
  oidcProviderSchema,
  publicSignInSchema,
  signInSettingsSchema,
  type LdapInput,
  type OidcProvider,
  type OidcProviderInput,
  type PublicSignIn,
  type SignInSettings,
} from '@shared/admin/signIn'
import type { ConsoleApi } from '@shared/api/bridge'
import { loginResponseSchema, type LoginResponse } from '@shared/auth'
import { request } from './hubClient'

/** The OpenID providers the sign-in screen offers, before anyone signs in. */
export function fetchSignInOptions(hubUrl: string): Promise<PublicSignIn> {
  return request(hubUrl, '/api/public/sign-in', (json) => publicSignInSchema.parse(json))
}

/** Where the browser goes to sign in with a provider; it comes back to the web Console. */
export const oidcStartUrl = (hubUrl: string, providerId: string) =>
  `${hubUrl}/api/auth/oidc/${encodeURIComponent(providerId)}/start`

/** Trades the one-time code from the address fragment for a sign-in token. */
export function exchangeSsoCode(hubUrl: string, code: string): Promise<LoginResponse> {
  return request(hubUrl, '/api/auth/oidc/exchange', (json) => loginResponseSchema.parse(json), {
    method: 'POST',
    body: JSON.stringify({ code }),
  })
}

/** The admin's sign-in settings API (online only). */
export function signInAdminClient(hubUrl: string, token: string) {
  const settings = (json: unknown) => signInSettingsSchema.parse(json)
  const provider = (json: unknown) => oidcProviderSchema.parse(json)
  const send = (body: unknown) => ({ body: JSON.stringify(body), token })
  return {
    get: (): Promise<SignInSettings> => request(hubUrl, '/api/admin/sign-in', settings, { token }),
    setLocalPasswords: (enabled: boolean): Promise<SignInSettings> =>
      request(hubUrl, '/api/admin/sign-in/local-passwords', settings, { method: 'PUT', ...send({ enabled }) }),
    addProvider: (input: OidcProviderInput): Promise<OidcProvider> =>
      request(hubUrl, '/api/admin/sign-in/oidc-providers', provider, { method: 'POST', ...send(input) }),
    updateProvider: (id: string, input: OidcProviderInput): Promise<OidcProvider> =>
      request(hubUrl, `/api/admin/sign-in/oidc-providers/${id}`, provider, { method: 'PUT', ...send(input) }),
    removeProvider: (id: string): Promise<null> =>
      request(hubUrl, `/api/admin/sign-in/oidc-providers/${id}`, () => null, { method: 'DELETE', token }),
    saveLdap: (input: LdapInput): Promise<SignInSettings> =>
      request(hubUrl, '/api/admin/sign-in/ldap', settings, { method: 'PUT', ...send(input) }),
    removeLdap: (): Promise<SignInSettings> =>
      request(hubUrl, '/api/admin/sign-in/ldap', settings, { method: 'DELETE', token }),
  }
}

/**
 * The desktop Console's single sign-on: main opens the system browser at the provider and
 * waits on a loopback listener for the one-time code. Null in a browser (the web Console signs
 * in by leaving the page and coming back to it).
 */
export function desktopSso(): ConsoleApi['sso'] | null {
  const bridge = window.firstline as Partial<ConsoleApi> | undefined
  return bridge?.sso ?? null
}
