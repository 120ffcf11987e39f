import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { Database, Queryable } from './db'

/** Embedded PostgreSQL in a data folder (or in memory when no folder is given). */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  // pg_trgm gives the knowledge-base search its typo tolerance, as on PostgreSQL.
  const pg = new PGlite({ dataDir, extensions: { pg_trgm } })
  await pg.waitReady
  const query = async <Row>(sql: string, params?: unknown[]): Promise<Row[]> =>
    (await pg.query<Row>(sql, params as never[])).rows
  return {
    kind: 'pglite',
    query,
    exec: async (sql) => void (await pg.exec(sql)),
    transaction: (work) =>
      pg.transaction((tx) => {
        const scoped: Queryable = {
          query: async (sql, params) => (await tx.query(sql, params as never[])).rows as never,
          exec: async (sql) => void (await tx.exec(sql)),
        }
        return work(scoped)
      }),
    close: () => pg.close(),
  }
}
