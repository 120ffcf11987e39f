import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OidcProvider } from '@shared/admin/signIn'
import type { LoginResponse } from '@shared/auth'
import { signInThroughProvider, startTestOidcProvider, type TestOidcProvider } from '../../../test/support/oidcProvider'
import { startTestHub } from '../../../test/support/testHub'
import { createLoopbackSignIn } from './loopbackSignIn'

/**
 * The desktop Console's single sign-on end to end in Node: a real hub, a real OpenID provider
 * on loopback, main's listener, and a scripted system browser that follows the redirects and
 * fills in the provider's forms, then loads the listener's address as a browser would.
 */
describe('desktop single sign-on through the system browser (RFC 8252 §7.3)', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>
  let idp: TestOidcProvider
  let provider: OidcProvider

  beforeAll(async () => {
    hub = await startTestHub()
    idp = await startTestOidcProvider({
      redirectUris: [`${hub.url}/api/auth/oidc/callback`],
      users: {
        ada: { password: 'ada-pass', email: 'ada@example.com', name: 'Ada Lovelace', groups: ['it-2nd-level'] },
        mallory: { password: 'mallory-pass', email: 'mallory@example.com', name: 'Mallory', groups: ['sales'] },
      },
    })
    const { token } = await hub.signIn('admin')
    const created = await fetch(`${hub.url}/api/admin/sign-in/oidc-providers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        displayName: 'Test directory',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        scopes: 'openid email profile groups',
        roleClaim: 'groups',
        roleMappings: [
          { value: 'it-1st-level', role: 'agent' },
          { value: 'it-2nd-level', role: 'specialist' },
        ],
        emailDomains: [],
        createAccounts: true,
      }),
    })
    expect(created.status).toBe(201)
    provider = (await created.json()) as OidcProvider
  })
  afterAll(async () => {
    await idp?.close()
    await hub?.close()
  })

  /** main as in the app, whose shell.openExternal starts the scripted browser. */
  function desktop(credentials: { login: string; password: string }) {
    const pages: string[] = []
    const browsing: Promise<void>[] = []
    const elsewhere = [new URL(hub.url).port, new URL(idp.issuer).port]
    const sso = createLoopbackSignIn({
      hubUrl: hub.url,
      openExternal: async (url) => {
        browsing.push(
          (async () => {
            const { location } = await signInThroughProvider(url, credentials, {
              stopAt: (next) => next.hostname === '127.0.0.1' && !elsewhere.includes(next.port),
            })
            pages.push(await (await fetch(location)).text())
          })().catch((error: unknown) => {
            // A browser that got lost ends the attempt, so the test fails with the reason.
            sso.cancel()
            throw error
          }),
        )
      },
    })
    return { sso, pages, browsing }
  }

  it('ends with a Console token for the role the provider’s group maps to, the code exchanged as the web Console does', async () => {
    const { sso, pages, browsing } = desktop({ login: 'ada', password: 'ada-pass' })
    const outcome = await sso.signIn({ providerId: provider.id, language: 'en' })
    await Promise.all(browsing)
    expect(outcome.kind).toBe('code')
    expect(pages[0]).toContain('You can close this window and return to Firstline.')

    const exchange = (code: string) =>
      fetch(`${hub.url}/api/auth/oidc/exchange`, {
        method: 'POST',
        // The desktop Console's requests come from a file:// page.
        headers: { 'content-type': 'application/json', origin: 'null' },
        body: JSON.stringify({ code }),
      })
    const response = await exchange(outcome.kind === 'code' ? outcome.code : '')
    expect(response.status).toBe(200)
    const { token, account } = (await response.json()) as LoginResponse
    expect(account).toMatchObject({ email: 'ada@example.com', displayName: 'Ada Lovelace', role: 'specialist' })
    const me = await fetch(`${hub.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(await me.json()).toMatchObject({ role: 'specialist' })
    // The code is spent.
    expect((await exchange(outcome.kind === 'code' ? outcome.code : '')).status).toBe(401)
  })

  it('hands the Console the hub’s reason when the provider’s person has no role here', async () => {
    const { sso, pages, browsing } = desktop({ login: 'mallory', password: 'mallory-pass' })
    const outcome = await sso.signIn({ providerId: provider.id, language: 'de' })
    await Promise.all(browsing)
    expect(outcome).toEqual({ kind: 'refused', reason: 'no_role' })
    expect(pages[0]).toContain('Die Anmeldung wurde nicht abgeschlossen.')
  })
})
