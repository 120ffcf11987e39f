import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { Database, Queryable } from './db'

/** Embedded PostgreSQL in a data folder (or in memory when no folder is given). */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) {
    // Holds password hashes and tickets: only the hub's user may read or change it. PGlite gives
    // the files it creates mode 0666 whatever the umask, so the folder itself is closed (0700): what
    // PGlite adds while running sits where no one else may enter, and every file is tightened at
    // each start and close. The process umask is left alone; it is not this module's to change.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    restrictToOwner(dataDir)
  }
  // pg_trgm gives the knowledge-base search its typo tolerance, as on PostgreSQL.
  const pg = new PGlite({ dataDir, extensions: { pg_trgm } })
  await pg.waitReady
  if (dataDir) restrictToOwner(dataDir)
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
    async close() {
      await pg.close()
      if (dataDir) restrictToOwner(dataDir)
    },
  }
}

/** Folders 0700, files 0600, under and including `root`; symbolic links are left alone, never followed. */
export function restrictToOwner(root: string): void {
  if (process.platform === 'win32') return
  const walk = (path: string) => {
    const stat = lstatSync(path)
    if (stat.isSymbolicLink()) return
    const wanted = stat.isDirectory() ? 0o700 : 0o600
    if ((stat.mode & 0o777) !== wanted) chmodSync(path, wanted)
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry))
  }
  walk(root)
}
