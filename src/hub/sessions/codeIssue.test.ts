import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account } from '@shared/auth'
import { migrate } from '../storage/migrate'
import { seedDemoOrganisation } from '../seed'
import { testBackends } from '../storage/testDatabases'
import { CodeDesk } from './codeDesk'
import { prefixCautionLimit } from './codes'

for (const backend of testBackends()) {
  describe(`issuing codes on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let agent: Account
    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      await seedDemoOrganisation(db)
      const [row] = await db.query<{ id: string; email: string; display_name: string; organisation_id: string }>(
        "select id, email, display_name, organisation_id from accounts where role = 'agent' limit 1",
      )
      agent = {
        id: row!.id,
        email: row!.email,
        displayName: row!.display_name,
        role: 'agent',
        organisation: { id: row!.organisation_id, name: 'Demo Organisation' },
      }
    })
    afterAll(() => db.drop())

    it('hands out no code in a prefix that is being guessed at, so the agent’s next code works', async () => {
      const planned = ['555000001', '555000002', '123456789']
      const desk = new CodeDesk(
        db,
        'code-secret-for-tests-0123456789',
        () => new Date(),
        () => planned.shift()!,
      )
      for (let i = 0; i < prefixCautionLimit; i++) {
        const wrong = await desk.redeem({ code: `555${String(100_000 + i)}`, name: 'Mallory', address: `10.9.${i}.1` })
        expect(wrong).toMatchObject({ ok: false, error: 'code_wrong' })
      }
      expect(await desk.issue(agent, randomUUID())).toMatchObject({ ok: true, value: { code: '123456789' } })
    })
  })
}
