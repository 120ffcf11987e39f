import { randomBytes } from 'node:crypto'
import { openDatabase, type Database } from './db'

export interface TestBackend {
  name: 'pglite' | 'postgres'
  /** A fresh, empty database; with PostgreSQL a schema of its own that `drop` removes. */
  open(): Promise<Database & { drop(): Promise<void> }>
}

/**
 * Storage tests run on embedded PGlite always, and on a real PostgreSQL too when
 * FIRSTLINE_TEST_DATABASE_URL names one (CI starts one on loopback).
 */
export function testBackends(env = process.env): TestBackend[] {
  const backends: TestBackend[] = [
    {
      name: 'pglite',
      async open() {
        const db = await openDatabase({ kind: 'pglite' })
        return Object.assign(db, { drop: () => db.close() })
      },
    },
  ]
  const url = env.FIRSTLINE_TEST_DATABASE_URL
  if (url) {
    backends.push({
      name: 'postgres',
      async open() {
        const schema = `test_${randomBytes(6).toString('hex')}`
        const db = await openDatabase({ kind: 'postgres', url, schema })
        return Object.assign(db, {
          async drop() {
            await db.exec(`drop schema ${schema} cascade`)
            await db.close()
          },
        })
      },
    })
  }
  return backends
}
