import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashToken } from '../auth/tokens'
import {
  createAccount,
  createAuthSession,
  createOrganisation,
  deleteAuthSession,
  findAccountBySession,
  findAccountForLogin,
} from './accounts'
import type { Database } from './db'
import { loadMigrations, migrate } from './migrate'
import { testBackends } from './testDatabases'

for (const backend of testBackends()) {
  describe(`storage on ${backend.name}`, () => {
    let db: Database & { drop(): Promise<void> }
    beforeEach(async () => {
      db = await backend.open()
    })
    afterEach(async () => {
      await db.drop()
    })

    it('applies every numbered migration once, and none on the next start', async () => {
      const all = loadMigrations().map((m) => m.version)
      expect(all.length).toBeGreaterThan(0)
      expect(await migrate(db)).toEqual(all)
      expect(await migrate(db)).toEqual([])
      const rows = await db.query<{ version: number }>('select version from schema_migrations order by version')
      expect(rows.map((r) => r.version)).toEqual(all)
    })

    it('leaves nothing behind when a migration fails halfway', async () => {
      const broken = [
        { version: 1, name: 'broken', sql: 'create table half_done (id int); select * from missing_table;' },
      ]
      await expect(migrate(db, broken)).rejects.toThrow(/missing_table/)
      const tables = await db.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_name = 'half_done' and table_schema = current_schema()",
      )
      expect(tables[0]!.n).toBe(0)
      expect(await db.query('select * from schema_migrations')).toEqual([])
    })

    it('finds accounts by e-mail regardless of case, and refuses a second account with the same e-mail', async () => {
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      const input = {
        organisationId: org.id,
        email: 'Ana@Contoso.example',
        displayName: 'Ana',
        role: 'agent' as const,
        passwordHash: 'h',
      }
      const id = await createAccount(db, input)
      const found = await findAccountForLogin(db, 'ana@contoso.EXAMPLE')
      expect(found).toEqual({
        passwordHash: 'h',
        account: {
          id,
          email: 'ana@contoso.example',
          displayName: 'Ana',
          role: 'agent',
          language: null,
          organisation: org,
        },
      })
      await expect(createAccount(db, { ...input, email: 'ana@contoso.example' })).rejects.toThrow()
      expect(await findAccountForLogin(db, 'nobody@contoso.example')).toBeNull()
    })

    it('rolls a transaction back completely when any statement fails', async () => {
      await migrate(db)
      await expect(
        db.transaction(async (tx) => {
          await createOrganisation(tx, 'Fabrikam')
          await tx.query('insert into accounts (id) values ($1)', ['not-a-uuid'])
        }),
      ).rejects.toThrow()
      expect(await db.query('select * from organisations')).toEqual([])
    })

    it('resolves a session token only while it is live', async () => {
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      const id = await createAccount(db, {
        organisationId: org.id,
        email: 'a@c.example',
        displayName: 'A',
        role: 'admin',
        passwordHash: 'h',
      })
      const tokenHash = hashToken('t'.repeat(43))
      await createAuthSession(db, id, tokenHash, new Date('2030-01-01T00:00:00Z'), {
        seconds: 12 * 60 * 60,
        now: new Date('2029-12-31T20:00:00Z'),
      })
      expect((await findAccountBySession(db, tokenHash, new Date('2029-12-31T23:59:59Z')))?.id).toBe(id)
      expect(await findAccountBySession(db, tokenHash, new Date('2030-01-01T00:00:01Z'))).toBeNull()
      await deleteAuthSession(db, tokenHash)
      expect(await findAccountBySession(db, tokenHash, new Date('2029-01-01T00:00:00Z'))).toBeNull()
    })
  })
}
