import pg from 'pg'
import type { Database, Queryable } from './db'

/**
 * PostgreSQL through a connection pool. `schema` puts every table in its own schema, which
 * lets tests share one server without seeing each other's rows.
 */
export async function openPostgres(url: string, schema?: string): Promise<Database> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`)
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  // An idle client that loses its connection must not crash the hub.
  pool.on('error', (error) => console.error(`postgres: ${error.message}`))
  if (schema) await pool.query(`create schema if not exists ${schema}`)
  const query = async <Row>(sql: string, params?: unknown[]): Promise<Row[]> =>
    (await pool.query(sql, params).catch(withStatement(sql))).rows as Row[]
  return {
    kind: 'postgres',
    query,
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(work) {
      const client = await pool.connect()
      const scoped: Queryable = {
        query: async (sql, params) => (await client.query(sql, params).catch(withStatement(sql))).rows,
        exec: async (sql) => void (await client.query(sql)),
      }
      try {
        await client.query('begin')
        const result = await work(scoped)
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}

/** Names the failing statement on the error for the log, as PGlite does; parameters stay out of it. */
const withStatement =
  (sql: string) =>
  (error: unknown): never => {
    if (error instanceof Error) Object.assign(error, { statement: sql })
    throw error
  }
