import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SignInSettings } from '@shared/admin/signIn'
import type { LoginResponse } from '@shared/auth'
import {
  freeLoopbackPort,
  slapdBinary,
  startSlapd,
  testDirectory,
  testDirectoryLdif,
  testDirectorySettings,
  type TestSlapd,
} from './slapd.testing'
import { hashPassword } from '../auth/passwords'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { ensureGroups, seedDemoOrganisation, type DemoLogin } from '../seed'
import { createAccount, createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { escapeFilterValue, userFilter } from './ldap'

describe('LDAP filters', () => {
  it('escapes what a person types, so it cannot widen the search', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a')
    expect(userFilter('(&(mail={email})(uid={uid}))', 'a*b@example.com')).toBe(
      '(&(mail=a\\2ab@example.com)(uid=a\\2ab))',
    )
  })
})

const slapd = slapdBinary()

for (const backend of testBackends()) {
  describe.skipIf(!slapd)(
    `LDAP sign-in against Debian's slapd on loopback on ${backend.name}${slapd ? '' : ' (skipped: slapd is not installed; apt-get install slapd ldap-utils)'}`,
    () => {
      let directory: TestSlapd
      let db: Awaited<ReturnType<typeof backend.open>>
      let app: Awaited<ReturnType<typeof buildApp>>
      let logins: DemoLogin[]
      let admin: { authorization: string }
      let otherAdmin: { authorization: string }
      let contosoAdmin: { authorization: string }

      let addresses = 0
      // Each from an address of its own: the per-address rate limit is not what these tests are about.
      const login = (email: string, password: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password },
          remoteAddress: `10.0.${(addresses >> 8) & 255}.${++addresses & 255}`,
        })
      const bearer = async (email: string, password: string) => ({
        authorization: `Bearer ${(await login(email, password)).json<{ token: string }>().token}`,
      })
      const accountCount = async () => (await db.query<{ n: number }>('select count(*)::int as n from accounts'))[0]!.n

      beforeAll(async () => {
        directory = (await startSlapd({
          suffix: testDirectory.suffix,
          rootPassword: 'root-secret',
          ldif: testDirectoryLdif,
        }))!
        db = await backend.open()
        await migrate(db)
        logins = await seedDemoOrganisation(db)
        await ensureGroups(db)
        app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
        const demoAdmin = logins.find((l) => l.role === 'admin')!
        admin = await bearer(demoAdmin.email, demoAdmin.password)
        const fabrikam = await createOrganisation(db, 'Fabrikam')
        await createAccount(db, {
          organisationId: fabrikam.id,
          email: 'root@fabrikam.example',
          displayName: 'Fabrikam Admin',
          role: 'admin',
          passwordHash: await hashPassword('correct horse battery staple'),
        })
        otherAdmin = await bearer('root@fabrikam.example', 'correct horse battery staple')
        const contoso = await createOrganisation(db, 'Contoso')
        await createAccount(db, {
          organisationId: contoso.id,
          email: 'root@contoso.test',
          displayName: 'Contoso Admin',
          role: 'admin',
          passwordHash: await hashPassword('correct horse battery staple'),
        })
        contosoAdmin = await bearer('root@contoso.test', 'correct horse battery staple')

        const saved = await app.inject({
          method: 'PUT',
          url: '/api/admin/sign-in/ldap',
          headers: admin,
          payload: testDirectorySettings(directory.url),
        })
        expect(saved.statusCode, saved.body).toBe(200)
      })
      afterAll(async () => {
        await app?.close()
        await db?.drop()
        await directory?.stop()
      })

      it('signs a directory user in with their directory password, creating the account with the mapped role', async () => {
        const { lena } = testDirectory.users
        const response = await login(lena.email, lena.password)
        expect(response.statusCode, response.body).toBe(200)
        const { account } = response.json<LoginResponse>()
        expect(account).toMatchObject({ email: lena.email, displayName: lena.name, role: 'agent' })
        const [row] = await db.query<{ ldap_dn: string; password_hash: string }>(
          'select ldap_dn, password_hash from accounts where id = $1',
          [account.id],
        )
        expect(row!.ldap_dn).toBe('uid=lena,ou=people,dc=example,dc=com')
        // No local password was set: the directory stays the only way in for this account.
        expect(row!.password_hash.startsWith('$argon2')).toBe(false)
        // The same account again next time.
        const again = await login(lena.email, lena.password)
        expect(again.json<LoginResponse>().account.id).toBe(account.id)
      })

      it('gives the highest role of the person’s groups, comparing group DNs as the directory does', async () => {
        const { max } = testDirectory.users
        const response = await login(max.email, max.password)
        expect(response.json<LoginResponse>().account.role).toBe('admin')
      })

      it('refuses a wrong password and a person in no mapped group, and creates no account', async () => {
        const before = await accountCount()
        const { tom } = testDirectory.users
        const wrong = await login(tom.email, 'not tom’s password')
        expect(wrong.statusCode).toBe(401)
        const noRole = await login(tom.email, tom.password)
        expect(noRole.statusCode).toBe(403)
        expect(noRole.json()).toMatchObject({ error: 'no_role', message: expect.stringMatching(/none of your groups/) })
        const unknown = await login('nobody@example.com', 'whatever it is')
        expect(unknown.statusCode).toBe(401)
        expect(await accountCount()).toBe(before)
      })

      it('says clearly when the directory cannot be reached, and creates no account', async () => {
        const closed = await freeLoopbackPort()
        const put = await app.inject({
          method: 'PUT',
          url: '/api/admin/sign-in/ldap',
          headers: contosoAdmin,
          payload: { ...testDirectorySettings(`ldap://127.0.0.1:${closed}`), emailDomains: ['contoso.test'] },
        })
        expect(put.statusCode).toBe(200)
        const before = await accountCount()
        const response = await login('anna@contoso.test', 'her directory password')
        expect(response.statusCode).toBe(503)
        expect(response.json()).toMatchObject({
          error: 'directory_unreachable',
          message: expect.stringMatching(/could not be reached/),
        })
        expect(await accountCount()).toBe(before)
      })

      it('keeps the per-account throttle for directory sign-ins', async () => {
        const { lena } = testDirectory.users
        const statuses: number[] = []
        for (let i = 0; i < 7; i++) statuses.push((await login(lena.email, `guess ${i}`)).statusCode)
        expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401])
        expect(statuses[6]).toBe(429)
      })

      it('switches local passwords off: directory and break-glass admins only, audited', async () => {
        const noWayIn = await app.inject({
          method: 'PUT',
          url: '/api/admin/sign-in/local-passwords',
          headers: otherAdmin,
          payload: { enabled: false },
        })
        expect(noWayIn.statusCode).toBe(409)

        const off = await app.inject({
          method: 'PUT',
          url: '/api/admin/sign-in/local-passwords',
          headers: admin,
          payload: { enabled: false },
        })
        expect(off.statusCode).toBe(200)
        expect(off.json<SignInSettings>().localPasswords).toBe(false)
        const agent = logins.find((l) => l.role === 'agent')!
        expect((await login(agent.email, agent.password)).statusCode).toBe(401)
        const demoAdmin = logins.find((l) => l.role === 'admin')!
        expect((await login(demoAdmin.email, demoAdmin.password)).statusCode).toBe(200)
        const { max } = testDirectory.users
        expect((await login(max.email, max.password)).statusCode).toBe(200)

        const audit = await app.inject({ method: 'GET', url: '/api/admin/audit?action=sign_in', headers: admin })
        const actions = audit.json<{ entries: Array<{ action: string }> }>().entries.map((entry) => entry.action)
        expect(actions).toEqual(
          expect.arrayContaining(['sign_in.ldap_saved', 'sign_in.local_passwords_off', 'sign_in.break_glass']),
        )
        expect(audit.body).not.toContain(testDirectory.servicePassword)

        // The directory cannot be removed while it is the only way in besides admins' passwords.
        const remove = await app.inject({ method: 'DELETE', url: '/api/admin/sign-in/ldap', headers: admin })
        expect(remove.statusCode).toBe(409)
        const on = await app.inject({
          method: 'PUT',
          url: '/api/admin/sign-in/local-passwords',
          headers: admin,
          payload: { enabled: true },
        })
        expect(on.statusCode).toBe(200)
        expect((await login(agent.email, agent.password)).statusCode).toBe(200)
      })

      it('keeps each organisation’s directory to itself and never returns the bind password', async () => {
        const mine = await app.inject({ method: 'GET', url: '/api/admin/sign-in', headers: admin })
        expect(mine.body).not.toContain(testDirectory.servicePassword)
        expect(mine.json<SignInSettings>().ldap).toMatchObject({ url: directory.url, hasBindPassword: true })
        const theirs = await app.inject({ method: 'GET', url: '/api/admin/sign-in', headers: otherAdmin })
        expect(theirs.json<SignInSettings>().ldap).toBeNull()
        const remove = await app.inject({ method: 'DELETE', url: '/api/admin/sign-in/ldap', headers: otherAdmin })
        expect(remove.statusCode).toBe(404)
        const agent = logins.find((l) => l.role === 'agent')!
        const asAgent = await app.inject({
          method: 'GET',
          url: '/api/admin/sign-in',
          headers: await bearer(agent.email, agent.password),
        })
        expect(asAgent.statusCode).toBe(403)
      })
    },
  )
}
