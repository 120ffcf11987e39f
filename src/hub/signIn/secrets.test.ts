import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OidcProvider, SignInSettings } from '@shared/admin/signIn'
import { loadHubConfig } from '../config'
import { Realtime } from '../realtime'
import { ensureGroups, seedDemoOrganisation } from '../seed'
import { buildApp, startHub } from '../server'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { findProvider, organisationSignIn, protectDirectorySecrets } from './repository'
import { createSecretBox, isSealed, secretContext } from './secretBox'
import { loadSecretKey, parseSecretKey } from './secretKey'
import { slapdBinary, startSlapd, testDirectory, testDirectoryLdif, testDirectorySettings } from './slapd.testing'

describe('the secret box', () => {
  const box = createSecretBox(randomBytes(32))

  it('seals with AES-256-GCM so the stored value holds nothing of the secret, and opens it again', () => {
    const sealed = box.seal('s3cret-client-value', 'ctx')
    expect(isSealed(sealed)).toBe(true)
    expect(sealed).not.toContain('s3cret')
    expect(box.seal('s3cret-client-value', 'ctx')).not.toBe(sealed)
    expect(box.open(sealed, 'ctx')).toBe('s3cret-client-value')
  })

  it('opens nothing under another key, in another row, or after tampering', () => {
    const sealed = box.seal('value', secretContext.clientSecret('a'))
    expect(createSecretBox(randomBytes(32)).open(sealed, secretContext.clientSecret('a'))).toBeNull()
    expect(box.open(sealed, secretContext.clientSecret('b'))).toBeNull()
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`
    expect(box.open(flipped, secretContext.clientSecret('a'))).toBeNull()
    expect(box.open('enc1:', 'x')).toBeNull()
  })

  it('reads a value stored before sealing existed as it is', () => {
    expect(box.open('plain old secret', 'ctx')).toBe('plain old secret')
  })
})

describe('the secret key', () => {
  const folder = mkdtempSync(join(tmpdir(), 'firstline-key-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('takes 64 hex digits or base64 of 32 bytes, nothing else', () => {
    const key = randomBytes(32)
    expect(parseSecretKey(key.toString('hex'))).toEqual(key)
    expect(parseSecretKey(key.toString('base64'))).toEqual(key)
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key)
    expect(parseSecretKey(` ${key.toString('base64')}\n`)).toEqual(key)
    expect(parseSecretKey(randomBytes(16).toString('base64'))).toBeNull()
    expect(parseSecretKey('correct horse battery staple')).toBeNull()
  })

  it('refuses a malformed FIRSTLINE_SECRET_KEY at start-up and reads a good one', () => {
    const bad = loadHubConfig({ FIRSTLINE_SECRET_KEY: 'too-short' }, '/web')
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('FIRSTLINE_SECRET_KEY') })
    const key = randomBytes(32)
    const good = loadHubConfig({ FIRSTLINE_SECRET_KEY: key.toString('hex') }, '/web')
    expect(good.ok && good.value.secretKey).toEqual(key)
    const unset = loadHubConfig({}, '/web')
    expect(unset.ok && unset.value.secretKey).toBeUndefined()
  })

  it('without the setting keeps a key in the data folder, readable by this user only, and uses it again', () => {
    const dataDir = join(folder, 'hub')
    const first = loadSecretKey({ dataDir })
    expect(first.source).toBe('file')
    expect(first.file).toBe(join(dataDir, 'secret.key'))
    expect(statSync(first.file!).mode & 0o777).toBe(0o600)
    expect(loadSecretKey({ dataDir }).key).toEqual(first.key)
    // With the setting, the file's key is only the previous one (its secrets are sealed again).
    const configured = randomBytes(32)
    expect(loadSecretKey({ dataDir, secretKey: configured })).toMatchObject({
      key: configured,
      source: 'env',
      previous: first.key,
    })
  })

  it('stops with a clear message when the key file holds no key, rather than making a new one', () => {
    const dataDir = join(folder, 'broken')
    loadSecretKey({ dataDir })
    writeFileSync(join(dataDir, 'secret.key'), 'not a key\n')
    expect(() => loadSecretKey({ dataDir })).toThrow(/secret\.key does not hold a 32-byte key/)
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toBe('not a key\n')
  })
})

describe('a hub start', () => {
  it('keeps its key in the data folder and seals plain secrets an older hub left, so they open on the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'firstline-hub-key-'))
    const config = { host: '127.0.0.1', port: 0, dataDir, webDir: '/nonexistent', logLevel: 'silent' as const }
    try {
      let hub = await startHub(config)
      const organisationId = (await hub.db.query<{ id: string }>('select id from organisations limit 1'))[0]!.id
      await hub.db.query(
        `insert into sign_in_settings (organisation_id, ldap, ldap_bind_password) values ($1, $2, 'plain-bind-password')
         on conflict (organisation_id) do update set ldap = $2, ldap_bind_password = 'plain-bind-password'`,
        [organisationId, JSON.stringify(testDirectorySettings('ldap://127.0.0.1:9'))],
      )
      await hub.close()
      hub = await startHub(config)
      try {
        const [row] = await hub.db.query<{ ldap_bind_password: string }>(
          'select ldap_bind_password from sign_in_settings where organisation_id = $1',
          [organisationId],
        )
        expect(isSealed(row!.ldap_bind_password)).toBe(true)
        const box = createSecretBox(loadSecretKey({ dataDir }).key)
        expect((await organisationSignIn(hub.db, box, organisationId)).ldap!.bindPassword).toBe('plain-bind-password')
      } finally {
        await hub.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})

const slapd = slapdBinary()

for (const backend of testBackends()) {
  describe(`directory secrets at rest on ${backend.name}`, () => {
    const clientSecret = 'the-client-secret-of-the-test-directory'
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let admin: { authorization: string }
    let organisationId: string
    let provider: OidcProvider
    const box = createSecretBox(randomBytes(32))
    const directory = slapd
      ? startSlapd({ suffix: testDirectory.suffix, rootPassword: 'root-secret', ldif: testDirectoryLdif })
      : Promise.resolve(null)

    const appWith = (secrets = box) =>
      buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent', secrets })
    const ldapLogin = (target: typeof app, who = testDirectory.users.lena) =>
      target.inject({ method: 'POST', url: '/api/auth/login', payload: { email: who.email, password: who.password } })
    const storedSecrets = async () => ({
      client: (await db.query<{ client_secret: string }>('select client_secret from oidc_providers'))[0]!.client_secret,
      bind: (await db.query<{ ldap_bind_password: string }>('select ldap_bind_password from sign_in_settings'))[0]!
        .ldap_bind_password,
    })

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const logins = await seedDemoOrganisation(db)
      await ensureGroups(db)
      app = await appWith()
      const demoAdmin = logins.find((l) => l.role === 'admin')!
      const signedIn = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: demoAdmin.email, password: demoAdmin.password },
      })
      admin = { authorization: `Bearer ${signedIn.json<{ token: string }>().token}` }
      organisationId = signedIn.json<{ account: { organisation: { id: string } } }>().account.organisation.id
      const created = await app.inject({
        method: 'POST',
        url: '/api/admin/sign-in/oidc-providers',
        headers: admin,
        payload: {
          displayName: 'Test directory',
          issuer: 'http://127.0.0.1:9/',
          clientId: 'firstline-hub',
          clientSecret,
          scopes: 'openid email profile',
          roleClaim: 'groups',
          roleMappings: [{ value: 'it', role: 'agent' }],
          emailDomains: [],
          createAccounts: false,
        },
      })
      expect(created.statusCode, created.body).toBe(201)
      provider = created.json<OidcProvider>()
      const slapdUrl = (await directory)?.url ?? 'ldap://127.0.0.1:9'
      const saved = await app.inject({
        method: 'PUT',
        url: '/api/admin/sign-in/ldap',
        headers: admin,
        payload: testDirectorySettings(slapdUrl),
      })
      expect(saved.statusCode, saved.body).toBe(200)
    })
    afterAll(async () => {
      await (await directory)?.stop()
      await app?.close()
      await db?.drop()
    })

    it('keeps no client secret or bind password in plain text in the database', async () => {
      const stored = await storedSecrets()
      for (const [value, plain] of [
        [stored.client, clientSecret],
        [stored.bind, testDirectory.servicePassword],
      ] as const) {
        expect(isSealed(value)).toBe(true)
        expect(value).not.toContain(plain)
      }
      const dump = JSON.stringify(await db.query('select * from oidc_providers, sign_in_settings'))
      expect(dump).not.toContain(clientSecret)
      expect(dump).not.toContain(testDirectory.servicePassword)
      expect((await findProvider(db, box, provider.id))!.clientSecret).toBe(clientSecret)
      expect((await organisationSignIn(db, box, organisationId)).ldap!.bindPassword).toBe(testDirectory.servicePassword)
    })

    it('answers admins whether a secret is set, never the secret', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/admin/sign-in', headers: admin })
      expect(response.body).not.toContain(clientSecret)
      expect(response.body).not.toContain(testDirectory.servicePassword)
      expect(response.body).not.toContain('enc1:')
      const settings = response.json<SignInSettings>()
      expect(settings.oidcProviders[0]).toMatchObject({ id: provider.id, hasClientSecret: true })
      expect(settings.ldap).toMatchObject({ hasBindPassword: true })
      expect(settings.ldap).not.toHaveProperty('bindPassword')
    })

    it.skipIf(!slapd)('still signs a directory user in with the sealed bind password', async () => {
      const response = await ldapLogin(app)
      expect(response.statusCode, response.body).toBe(200)
    })

    it('seals secrets an older hub stored in plain text at the next start, and reads them meanwhile', async () => {
      await db.query('update oidc_providers set client_secret = $1', [clientSecret])
      await db.query('update sign_in_settings set ldap_bind_password = $1', [testDirectory.servicePassword])
      expect((await findProvider(db, box, provider.id))!.clientSecret).toBe(clientSecret)
      expect(await protectDirectorySecrets(db, box)).toEqual({ sealed: 2, unreadable: [] })
      const stored = await storedSecrets()
      expect(isSealed(stored.client) && isSealed(stored.bind)).toBe(true)
      expect(await protectDirectorySecrets(db, box)).toEqual({ sealed: 0, unreadable: [] })
      expect((await findProvider(db, box, provider.id))!.clientSecret).toBe(clientSecret)
    })

    it('under a wrong key: names the secrets at start, shows them as missing, refuses those sign-ins without failing', async () => {
      const wrong = createSecretBox(randomBytes(32))
      const check = await protectDirectorySecrets(db, wrong)
      expect(check.sealed).toBe(0)
      expect(check.unreadable).toEqual([
        expect.stringContaining('OpenID provider "Test directory"'),
        expect.stringContaining('LDAP bind password'),
      ])
      const other = await appWith(wrong)
      try {
        const settings = (
          await other.inject({ method: 'GET', url: '/api/admin/sign-in', headers: admin })
        ).json<SignInSettings>()
        expect(settings.oidcProviders[0]!.hasClientSecret).toBe(false)
        expect(settings.ldap!.hasBindPassword).toBe(false)
        const start = await other.inject({ method: 'GET', url: `/api/auth/oidc/${provider.id}/start` })
        expect(start.statusCode).toBe(302)
        expect(start.headers.location).toBe('/#sso_error=provider')
        const login = await ldapLogin(other)
        expect(login.statusCode).toBe(503)
        expect(login.json()).toMatchObject({ error: 'directory_unreachable' })

        // Re-entering the secret under the new key makes it whole again.
        const { id: _id, hasClientSecret: _has, ...fields } = settings.oidcProviders[0]!
        const updated = await other.inject({
          method: 'PUT',
          url: `/api/admin/sign-in/oidc-providers/${provider.id}`,
          headers: admin,
          payload: { ...fields, clientSecret },
        })
        expect(updated.json<OidcProvider>().hasClientSecret).toBe(true)
        expect((await findProvider(db, wrong, provider.id))!.clientSecret).toBe(clientSecret)
      } finally {
        await other.close()
      }
    })

    it('seals secrets again under a new key when the previous one still opens them', async () => {
      const next = createSecretBox(randomBytes(32))
      await db.query('update sign_in_settings set ldap_bind_password = $1', [
        box.seal(testDirectory.servicePassword, secretContext.bindPassword(organisationId)),
      ])
      const check = await protectDirectorySecrets(db, next, box)
      expect(check.sealed).toBeGreaterThanOrEqual(1)
      expect((await organisationSignIn(db, next, organisationId)).ldap!.bindPassword).toBe(
        testDirectory.servicePassword,
      )
      expect((await organisationSignIn(db, box, organisationId)).ldap!.secretUnreadable).toBe(true)
    })
  })
}
