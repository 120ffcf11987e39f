import type { Account } from '../../src/shared/auth'
import { Realtime } from '../../src/hub/realtime'
import { buildApp } from '../../src/hub/server'
import { seedDemoOrganisation } from '../../src/hub/seed'
import { openDatabase } from '../../src/hub/storage/db'
import { migrate } from '../../src/hub/storage/migrate'
import type { SessionSettings } from '../../src/hub/sessions/settings'

/** A hub on an in-memory PGlite, listening on a free loopback port, with the demo organisation. */
export async function startTestHub(sessions?: SessionSettings) {
  const db = await openDatabase({ kind: 'pglite' })
  await migrate(db)
  const logins = await seedDemoOrganisation(db)
  const realtime = new Realtime()
  const app = await buildApp(db, realtime, {
    webDir: '/nonexistent',
    logLevel: 'silent',
    ...(sessions ? { sessions } : {}),
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return {
    url,
    db,
    realtime,
    logins,
    async signIn(role: Account['role']): Promise<{ token: string; account: Account }> {
      const login = logins.find((l) => l.role === role)!
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: login.email, password: login.password }),
      })
      return (await response.json()) as { token: string; account: Account }
    },
    async close() {
      await app.close()
      await db.close()
    },
  }
}
