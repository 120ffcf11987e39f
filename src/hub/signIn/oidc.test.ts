import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OidcProvider, SignInSettings } from '@shared/admin/signIn'
import type { LoginResponse } from '@shared/auth'
import { signInThroughProvider, startTestOidcProvider, type TestOidcProvider } from './oidcProvider.testing'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { ensureGroups, seedDemoOrganisation } from '../seed'
import { hashPassword } from '../auth/passwords'
import { createAccount, createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'

for (const backend of testBackends()) {
  describe(`OpenID Connect sign-in against a real provider on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let hubUrl: string
    let idp: TestOidcProvider
    let provider: OidcProvider
    let admin: { authorization: string }
    let otherAdmin: { authorization: string }

    const signIn = async (email: string, password: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
      return { authorization: `Bearer ${response.json<{ token: string }>().token}` }
    }
    const start = () => `${hubUrl}/api/auth/oidc/${provider.id}/start`
    const fragment = (location: string) => new URLSearchParams(new URL(location).hash.slice(1))
    const exchange = (code: string) => app.inject({ method: 'POST', url: '/api/auth/oidc/exchange', payload: { code } })
    const accountCount = async () => (await db.query<{ n: number }>('select count(*)::int as n from accounts'))[0]!.n

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const logins = await seedDemoOrganisation(db)
      await ensureGroups(db)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      await app.listen({ host: '127.0.0.1', port: 0 })
      const address = app.server.address()
      hubUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
      idp = await startTestOidcProvider({
        redirectUris: [`${hubUrl}/api/auth/oidc/callback`],
        users: {
          ada: { password: 'ada-pass', email: 'ada@example.com', name: 'Ada Lovelace', groups: ['it-2nd-level'] },
          grace: {
            password: 'grace-pass',
            email: 'grace@example.com',
            name: 'Grace Hopper',
            groups: ['it-admins', 'it-1st-level'],
          },
          mallory: { password: 'mallory-pass', email: 'mallory@example.com', name: 'Mallory', groups: ['sales'] },
          outsider: { password: 'outsider-pass', email: 'eve@elsewhere.test', name: 'Eve', groups: ['it-admins'] },
        },
      })
      admin = await signIn(
        logins.find((l) => l.role === 'admin')!.email,
        logins.find((l) => l.role === 'admin')!.password,
      )
      const fabrikam = await createOrganisation(db, 'Fabrikam')
      await createAccount(db, {
        organisationId: fabrikam.id,
        email: 'root@fabrikam.example',
        displayName: 'Fabrikam Admin',
        role: 'admin',
        passwordHash: await hashPassword('correct horse battery staple'),
      })
      otherAdmin = await signIn('root@fabrikam.example', 'correct horse battery staple')

      const created = await app.inject({
        method: 'POST',
        url: '/api/admin/sign-in/oidc-providers',
        headers: admin,
        payload: {
          displayName: 'Test directory',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          scopes: 'openid email profile groups',
          roleClaim: 'groups',
          roleMappings: [
            { value: 'it-1st-level', role: 'agent' },
            { value: 'it-2nd-level', role: 'specialist' },
            { value: 'it-admins', role: 'admin' },
          ],
          emailDomains: ['example.com'],
          createAccounts: true,
        },
      })
      expect(created.statusCode, created.body).toBe(201)
      provider = created.json<OidcProvider>()
    })
    afterAll(async () => {
      await idp?.close()
      await app?.close()
      await db?.drop()
    })

    it('signs a new person in through the provider with the role their group maps to, token by a one-time code', async () => {
      const { location } = await signInThroughProvider(start(), { login: 'ada', password: 'ada-pass' })
      const code = fragment(location).get('sso')
      expect(code, location).toBeTruthy()
      const response = await exchange(code!)
      expect(response.statusCode, response.body).toBe(200)
      const { token, account } = response.json<LoginResponse>()
      expect(account).toMatchObject({ email: 'ada@example.com', displayName: 'Ada Lovelace', role: 'specialist' })
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })
      expect(me.json()).toMatchObject({ role: 'specialist' })
      // The code works once.
      expect((await exchange(code!)).statusCode).toBe(401)
      const [row] = await db.query<{ oidc_issuer: string; oidc_subject: string }>(
        'select oidc_issuer, oidc_subject from accounts where email = $1',
        ['ada@example.com'],
      )
      expect(row).toEqual({ oidc_issuer: idp.issuer, oidc_subject: 'ada' })
    })

    it('takes the highest role any of the groups maps to, and finds the account again by its subject', async () => {
      const first = await signInThroughProvider(start(), { login: 'grace', password: 'grace-pass' })
      const firstAccount = (await exchange(fragment(first.location).get('sso')!)).json<LoginResponse>().account
      expect(firstAccount.role).toBe('admin')
      idp.users.get('grace')!.email = 'grace.hopper@example.com'
      const again = await signInThroughProvider(start(), { login: 'grace', password: 'grace-pass' })
      const account = (await exchange(fragment(again.location).get('sso')!)).json<LoginResponse>().account
      expect(account.id).toBe(firstAccount.id)
    })

    it('refuses a person none of whose groups maps to a role, and creates no account', async () => {
      const before = await accountCount()
      const { location } = await signInThroughProvider(start(), { login: 'mallory', password: 'mallory-pass' })
      expect(fragment(location).get('sso_error')).toBe('no_role')
      expect(fragment(location).get('sso')).toBeNull()
      expect(await accountCount()).toBe(before)
    })

    it('refuses an address outside the allowed domains', async () => {
      const { location } = await signInThroughProvider(start(), { login: 'outsider', password: 'outsider-pass' })
      expect(fragment(location).get('sso_error')).toBe('domain')
    })

    it('refuses an ID token issued for another audience', async () => {
      idp.tamperIdToken = (claims) => ({ ...claims, aud: 'some-other-application' })
      try {
        const before = await accountCount()
        const { location } = await signInThroughProvider(start(), { login: 'ada', password: 'ada-pass' })
        expect(fragment(location).get('sso_error')).toBe('provider')
        expect(await accountCount()).toBe(before)
      } finally {
        idp.tamperIdToken = null
      }
    })

    it('refuses an expired ID token', async () => {
      const now = Math.floor(Date.now() / 1000)
      idp.tamperIdToken = (claims) => ({ ...claims, iat: now - 7200, exp: now - 3600 })
      try {
        const { location } = await signInThroughProvider(start(), { login: 'ada', password: 'ada-pass' })
        expect(fragment(location).get('sso_error')).toBe('provider')
      } finally {
        idp.tamperIdToken = null
      }
    })

    it('refuses a callback whose state is not the one this browser started with', async () => {
      const missing = await signInThroughProvider(
        start(),
        { login: 'ada', password: 'ada-pass' },
        { hubCookie: () => null },
      )
      expect(fragment(missing.location).get('sso_error')).toBe('state')
      const swapped = await signInThroughProvider(
        start(),
        { login: 'ada', password: 'ada-pass' },
        { hubCookie: () => 'firstline_oidc_state=an-attackers-own-state-value' },
      )
      expect(fragment(swapped.location).get('sso_error')).toBe('state')
      const forged = await app.inject({
        method: 'GET',
        url: '/api/auth/oidc/callback?code=abc&state=guessed',
        headers: { cookie: 'firstline_oidc_state=guessed' },
      })
      expect(forged.statusCode).toBe(302)
      expect(forged.headers.location).toBe('/#sso_error=state')
    })

    it('never hands out the client secret, lists the provider on the sign-in screen, and keeps organisations apart', async () => {
      const settings = await app.inject({ method: 'GET', url: '/api/admin/sign-in', headers: admin })
      expect(settings.body).not.toContain(idp.clientSecret)
      const body = settings.json<SignInSettings>()
      expect(body.oidcProviders[0]).toMatchObject({ id: provider.id, hasClientSecret: true })
      expect(body.redirectUri).toMatch(/\/api\/auth\/oidc\/callback$/)
      const publicList = await app.inject({ method: 'GET', url: '/api/public/sign-in' })
      expect(publicList.json()).toEqual({ providers: [{ id: provider.id, displayName: 'Test directory' }] })

      const theirs = await app.inject({ method: 'GET', url: '/api/admin/sign-in', headers: otherAdmin })
      expect(theirs.json<SignInSettings>().oidcProviders).toEqual([])
      const update = await app.inject({
        method: 'PUT',
        url: `/api/admin/sign-in/oidc-providers/${provider.id}`,
        headers: otherAdmin,
        payload: { ...body.oidcProviders[0], id: undefined, hasClientSecret: undefined, displayName: 'Hijacked' },
      })
      expect(update.statusCode).toBe(404)
      const remove = await app.inject({
        method: 'DELETE',
        url: `/api/admin/sign-in/oidc-providers/${provider.id}`,
        headers: otherAdmin,
      })
      expect(remove.statusCode).toBe(404)
      const audit = await app.inject({ method: 'GET', url: '/api/admin/audit?targetKind=settings', headers: admin })
      const actions = audit.json<{ entries: Array<{ action: string; details: unknown }> }>().entries
      expect(actions.map((entry) => entry.action)).toContain('sign_in.provider_added')
      expect(JSON.stringify(actions)).not.toContain(idp.clientSecret)
    })

    describe('for the desktop Console (loopback redirect, RFC 8252 §7.3)', () => {
      const returnTo = 'http://127.0.0.1:49321/sso/Zm9vYmFyYmF6cXV4cXV1eA'
      const desktopStart = (address: string) => `${start()}?return_to=${encodeURIComponent(address)}`
      const atListener = (url: URL) => url.hostname === '127.0.0.1' && url.port === '49321'
      const pendingCount = async () =>
        (await db.query<{ n: number }>('select count(*)::int as n from oidc_pending'))[0]!.n

      it('sends the browser back to the loopback listener with a one-time code for the right role', async () => {
        const { location } = await signInThroughProvider(
          desktopStart(returnTo),
          { login: 'ada', password: 'ada-pass' },
          { stopAt: atListener },
        )
        const back = new URL(location)
        expect(`${back.origin}${back.pathname}`).toBe(returnTo)
        expect(back.hash).toBe('')
        expect([...back.searchParams.keys()]).toEqual(['sso'])
        const response = await exchange(back.searchParams.get('sso')!)
        expect(response.statusCode, response.body).toBe(200)
        expect(response.json<LoginResponse>().account).toMatchObject({ email: 'ada@example.com', role: 'specialist' })
      })

      it('accepts each loopback form of the address, on any port', async () => {
        for (const address of ['http://127.0.0.1:1/', 'http://[::1]:65535/sso/abc', 'http://localhost:8080/x']) {
          const response = await app.inject({ method: 'GET', url: desktopStart(address).slice(hubUrl.length) })
          expect(response.statusCode, address).toBe(302)
          expect(response.headers.location, address).toContain(idp.issuer)
        }
        const stored = await db.query<{ return_to: string }>(
          'select return_to from oidc_pending where return_to is not null order by return_to',
        )
        expect(stored.map((row) => row.return_to)).toEqual(
          expect.arrayContaining(['http://127.0.0.1:1/', 'http://[::1]:65535/sso/abc', 'http://localhost:8080/x']),
        )
      })

      it('refuses any other return address with a 400 and starts nothing', async () => {
        const before = await pendingCount()
        for (const address of [
          'https://evil.example/',
          'http://10.0.0.1:4000/sso',
          'http://127.0.0.1.evil.example:4000/sso',
          'https://127.0.0.1:4000/sso',
          'http://evil.example@127.0.0.1:4000/',
          'http://127.0.0.1:4000/sso?next=https://evil.example',
          'http://127.0.0.1:4000/sso#x',
          'http://localhost.evil.example/',
          'javascript:alert(1)',
          '/relative/path',
        ]) {
          const response = await app.inject({ method: 'GET', url: desktopStart(address).slice(hubUrl.length) })
          expect(response.statusCode, address).toBe(400)
          expect(response.headers['set-cookie'], address).toBeUndefined()
        }
        expect(await pendingCount()).toBe(before)
      })

      it('keeps the return address with the started sign-in: the callback cannot point the browser elsewhere', async () => {
        const { location } = await signInThroughProvider(
          desktopStart(returnTo),
          { login: 'ada', password: 'ada-pass' },
          {
            stopAt: (url) => url.hostname === '127.0.0.1' && (url.port === '49321' || url.port === '1'),
            rewriteCallback: (url) => {
              url.searchParams.set('return_to', 'http://127.0.0.1:1/attacker')
              return url
            },
          },
        )
        expect(`${new URL(location).origin}${new URL(location).pathname}`).toBe(returnTo)
      })

      it('tells the listener why a sign-in was refused, without a code', async () => {
        const { location } = await signInThroughProvider(
          desktopStart(returnTo),
          { login: 'mallory', password: 'mallory-pass' },
          { stopAt: atListener },
        )
        const back = new URL(location)
        expect(back.searchParams.get('sso_error')).toBe('no_role')
        expect(back.searchParams.get('sso')).toBeNull()
      })
    })
  })
}
