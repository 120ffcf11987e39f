import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoOrganisation } from '../seed'
import { firstOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { listCustomerSummaries } from './customers'
import { listDevices } from './devices'
import { checkDeviceAccess, customerDetail } from './service'

for (const backend of testBackends()) {
  describe(`the demo customer on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let organisationId: string
    const now = new Date('2026-06-15T10:00:00Z')

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      await seedDemoOrganisation(db)
      organisationId = (await firstOrganisation(db))!.id
    })
    afterAll(async () => {
      await db.drop()
    })

    it('has a contract in force with a technical contact, an expired one, contacts and devices', async () => {
      const [summary] = await listCustomerSummaries(db, organisationId, now)
      expect(summary).toMatchObject({
        name: 'Müller GmbH',
        domains: ['mueller.example'],
        contactCount: 3,
        deviceCount: 3,
        contractState: 'active',
      })
      const detail = await customerDetail(db, organisationId, summary!.id, now)
      expect(detail.contracts.map((c) => [c.name, c.state])).toEqual([
        ['Managed service', 'active'],
        ['Pilot', 'expired'],
      ])
      expect(detail.contracts[0]!.technicalContact).toMatchObject({ name: 'Jana Nowak', phone: '+49 30 1234-56' })
      expect(detail.contacts.every((contact) => contact.phone !== null)).toBe(true)
    })

    it('lets 2nd level reach the covered systems and says why not the others', async () => {
      const devices = new Map((await listDevices(db, organisationId)).map((device) => [device.name, device.id]))
      const access = (name: string, action: 'view' | 'control' | 'unattended') =>
        checkDeviceAccess(db, organisationId, devices.get(name)!, action, now)
      expect(await access('MUE-NB-017', 'control')).toMatchObject({ ok: true })
      expect(await access('MUE-DC01', 'view')).toMatchObject({ ok: true })
      expect(await access('MUE-ERP01', 'view')).toMatchObject({
        ok: false,
        reason: 'the contract with Müller GmbH does not cover the server MUE-ERP01',
      })
      expect(await access('MUE-NB-017', 'unattended')).toMatchObject({
        ok: false,
        reason: 'the contract with Müller GmbH does not allow unattended access',
      })
    })
  })
}
