import type { Queryable } from '../storage/db'

/**
 * Every table's row count and a hash of its rows' text, in one query: equal digests before and
 * after a refused request mean the request changed no row. Runs on PGlite and PostgreSQL alike.
 */
/** Columns every authenticated request may touch (a token's last use, for idle expiry): not a change of data. */
const bookkeeping = "'{last_used_at}'::text[]"

export async function tableDigest(db: Queryable): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migrations'
      order by table_name`,
  )
  const sql = tables
    .map(
      ({ name }) =>
        // An order-free sum of row hashes: no sort per table, so a digest per fuzz case stays cheap.
        `select '${name}' as name, count(*)::text || ':' || coalesce(sum(hashtext((to_jsonb(t) - ${bookkeeping})::text)::bigint), 0)::text as digest from "${name}" t`,
    )
    .join(' union all ')
  const rows = await db.query<{ name: string; digest: string }>(sql)
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]))
}

/** The tables whose digest differs, for a message that says where a refused request wrote. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name])
}
