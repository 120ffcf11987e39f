import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditPage } from '@shared/admin/audit'
import { hashPassword } from '../auth/passwords'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { ensureGroups, seedDemoOrganisation, type DemoLogin } from '../seed'
import { createAccount, createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'

for (const backend of testBackends()) {
  describe(`admin audit log on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let logins: DemoLogin[]
    const headers = new Map<string, { authorization: string }>()

    async function signIn(email: string, password: string) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
      return { authorization: `Bearer ${response.json<{ token: string }>().token}` }
    }
    const as = (who: string) => headers.get(who)!
    const audit = async (who: string, query = '') =>
      app.inject({ method: 'GET', url: `/api/admin/audit${query}`, headers: as(who) })

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      logins = await seedDemoOrganisation(db)
      await ensureGroups(db)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      for (const login of logins) headers.set(login.role, await signIn(login.email, login.password))
      const other = await createOrganisation(db, 'Fabrikam')
      await createAccount(db, {
        organisationId: other.id,
        email: 'root@fabrikam.example',
        displayName: 'Fabrikam Admin',
        role: 'admin',
        passwordHash: await hashPassword('correct horse battery staple'),
      })
      headers.set('otherAdmin', await signIn('root@fabrikam.example', 'correct horse battery staple'))
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('records each group change with who made it, and lets admins filter the log', async () => {
      const update = {
        name: 'Network and Wi-Fi',
        scope: 'LAN, WLAN, switching',
        categories: ['network'],
        findingTags: ['wifi'],
      }
      const put = await app.inject({ method: 'PUT', url: '/api/groups/network', headers: as('admin'), payload: update })
      expect(put.statusCode).toBe(200)
      const specialist = (
        await db.query<{ id: string }>("select id from accounts where role = 'specialist' limit 1")
      )[0]!.id
      const members = await app.inject({
        method: 'PUT',
        url: '/api/groups/network/members',
        headers: as('admin'),
        payload: { accountIds: [specialist] },
      })
      expect(members.statusCode).toBe(200)

      const page = (await audit('admin')).json<AuditPage>()
      expect(page.entries.map((e) => e.action)).toEqual(['group.members_set', 'group.updated'])
      expect(page.entries[1]).toMatchObject({
        actor: { name: logins.find((l) => l.role === 'admin')!.displayName },
        target: { kind: 'group', id: 'network', name: 'Network and Wi-Fi' },
        details: update,
      })
      const filtered = (await audit('admin', '?action=group.updated')).json<AuditPage>()
      expect(filtered.entries.map((e) => e.action)).toEqual(['group.updated'])
      const paged = (await audit('admin', '?limit=1')).json<AuditPage>()
      expect(paged).toMatchObject({ entries: [{ action: 'group.members_set' }], hasMore: true })
      const older = (await audit('admin', `?limit=1&before=${paged.entries[0]!.seq}`)).json<AuditPage>()
      expect(older).toMatchObject({ entries: [{ action: 'group.updated' }], hasMore: false })
    })

    it('writes nothing for a refused change', async () => {
      const before = (await audit('admin')).json<AuditPage>().entries.length
      const refused = await app.inject({
        method: 'PUT',
        url: '/api/groups/network/members',
        headers: as('admin'),
        payload: { accountIds: ['00000000-0000-4000-8000-000000000000'] },
      })
      expect(refused.statusCode).toBe(400)
      expect((await audit('admin')).json<AuditPage>().entries).toHaveLength(before)
    })

    it('is for admins of the organisation only', async () => {
      expect((await audit('agent')).statusCode).toBe(403)
      expect((await audit('specialist')).statusCode).toBe(403)
      expect((await audit('otherAdmin')).json<AuditPage>()).toEqual({ entries: [], hasMore: false })
      expect((await audit('admin', '?targetKind=nonsense')).statusCode).toBe(400)
    })
  })
}
