import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base } from '@playwright/test'
import { startHub, type Hub } from '../../src/hub/server'
import type { DemoLogin } from '../../src/hub/seed'

export interface HubFixture {
  url: string
  /** Get Help enrolled for the demo customer (its enrolment link). */
  getHelpUrl: string
  /** The demo customer's enrolment code, as `--enrol=` takes it. */
  enrolmentCode: string
  login(role: DemoLogin['role']): DemoLogin
  hub: Hub
}

const webDir = fileURLToPath(new URL('../../out/renderer', import.meta.url))

/** A hub of its own per test: free port on loopback, fresh data folder, embedded database. */
export const test = base.extend<{ hub: HubFixture }>({
  hub: [
    // Playwright reads the fixture's dependencies from this pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'firstline-e2e-'))
      const hub = await startHub({ host: '127.0.0.1', port: 0, dataDir, webDir, logLevel: 'warn' })
      if (!hub.demoEnrolment) throw new Error('the demo hub has no Get Help enrolment')
      await use({
        url: hub.url,
        getHelpUrl: hub.demoEnrolment.link,
        enrolmentCode: hub.demoEnrolment.code,
        hub,
        login(role) {
          const found = hub.demoLogins.find((l) => l.role === role)
          if (!found) throw new Error(`no demo ${role}`)
          return found
        },
      })
      await hub.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
    { scope: 'test' },
  ],
})

export { expect } from '@playwright/test'
