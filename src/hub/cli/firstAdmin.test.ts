import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountsService } from '../accounts/service'
import { login } from '../auth/service'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { createFirstAdmin } from './firstAdmin'

for (const backend of testBackends()) {
  describe(`npm run admin:create on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
    })
    afterAll(() => db.drop())
    const base = { displayName: 'Paula Primary', invitationDays: 7 }

    it('creates the organisation with its groups and starter articles, and the admin with a password', async () => {
      const result = await createFirstAdmin(db, {
        ...base,
        email: 'paula@contoso.example',
        organisation: 'Contoso IT',
        password: 'a long enough passphrase',
      })
      expect(result).toMatchObject({ ok: true, value: { organisation: 'Contoso IT', link: null } })
      const signedIn = await login(db, 'paula@contoso.example', 'a long enough passphrase')
      expect(signedIn?.account).toMatchObject({ role: 'admin', organisation: { name: 'Contoso IT' } })
      const [groups] = await db.query<{ n: number }>('select count(*)::int as n from support_groups')
      const [articles] = await db.query<{ n: number }>('select count(*)::int as n from kb_articles')
      expect(groups!.n).toBeGreaterThan(0)
      expect(articles!.n).toBeGreaterThan(0)
      const [audit] = await db.query<{ actor_name: string; action: string }>(
        'select actor_name, action from admin_audit',
      )
      expect(audit).toEqual({ actor_name: 'npm run admin:create', action: 'account.created' })
    })

    it('without a password prints a one-time link that sets it; refuses weak passwords and taken addresses', async () => {
      const result = await createFirstAdmin(db, {
        ...base,
        email: 'second@contoso.example',
        organisation: null,
        password: null,
      })
      if (!result.ok || !result.value.link) throw new Error('expected a link')
      const service = new AccountsService(db, undefined)
      const signedIn = await service.resetPassword(
        { token: result.value.link.token, password: 'my own long passphrase' },
        {},
      )
      expect(signedIn.account).toMatchObject({ email: 'second@contoso.example', role: 'admin' })

      expect(
        await createFirstAdmin(db, {
          ...base,
          email: 'weak@contoso.example',
          organisation: null,
          password: 'password1234',
        }),
      ).toMatchObject({ ok: false })
      expect(
        await createFirstAdmin(db, { ...base, email: 'paula@contoso.example', organisation: null, password: null }),
      ).toMatchObject({ ok: false, error: expect.stringContaining('exists') })
      await createFirstAdmin(db, { ...base, email: 'x@fabrikam.example', organisation: 'Fabrikam', password: null })
      expect(
        await createFirstAdmin(db, { ...base, email: 'y@fabrikam.example', organisation: null, password: null }),
      ).toMatchObject({ ok: false, error: expect.stringContaining('--organisation') })
    })
  })
}
