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
  /** The hub's API as a demo account, signed in the way the Console signs in. */
  api(role: DemoLogin['role']): Promise<HubApi>
  hub: Hub
}

export interface HubApi {
  token: string
  /** A JSON request with the account's token; the answer as it came. */
  send(method: string, path: string, body?: unknown): Promise<Response>
  /** The same, expecting `status` (2xx by default); the answer's JSON. */
  json<T>(method: string, path: string, body?: unknown, status?: number): Promise<T>
}

async function signInToApi(url: string, login: DemoLogin): Promise<HubApi> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  })
  if (!response.ok) throw new Error(`signing in as ${login.email}: ${response.status}`)
  const { token } = (await response.json()) as { token: string }
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        authorization: `Bearer ${token}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  return {
    token,
    send,
    async json<T>(method: string, path: string, body?: unknown, status?: number): Promise<T> {
      const answer = await send(method, path, body)
      const ok = status === undefined ? answer.ok : answer.status === status
      if (!ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`)
      return (await answer.json()) as T
    },
  }
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
      const login = (role: DemoLogin['role']) => {
        const found = hub.demoLogins.find((l) => l.role === role)
        if (!found) throw new Error(`no demo ${role}`)
        return found
      }
      await use({
        url: hub.url,
        getHelpUrl: hub.demoEnrolment.link,
        enrolmentCode: hub.demoEnrolment.code,
        hub,
        login,
        api: (role) => signInToApi(hub.url, login(role)),
      })
      await hub.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
    { scope: 'test' },
  ],
})

export { expect } from '@playwright/test'
