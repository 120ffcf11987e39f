import { createHmac, randomBytes } from 'node:crypto'
import type { Queryable } from './db'

const keys = new WeakMap<Queryable, Promise<Buffer>>()

/**
 * The installation's derivation key: made once (two hubs starting together keep whichever was
 * inserted first) and read from the database, so it outlives restarts and is the same for every
 * process on the same database.
 */
function hubKey(db: Queryable): Promise<Buffer> {
  let key = keys.get(db)
  if (!key) {
    key = (async () => {
      await db.query(`insert into hub_keys (name, secret) values ('derivation', $1) on conflict (name) do nothing`, [
        randomBytes(32).toString('hex'),
      ])
      const [row] = await db.query<{ secret: string }>(`select secret from hub_keys where name = 'derivation'`)
      return Buffer.from(row!.secret, 'hex')
    })()
    keys.set(db, key)
    key.catch(() => keys.delete(db))
  }
  return key
}

/** HMAC-SHA-256 of `purpose:value` under the installation's key: stable here, unguessable elsewhere. */
export async function keyedDigest(db: Queryable, purpose: string, value: string): Promise<Buffer> {
  return createHmac('sha256', await hubKey(db))
    .update(`${purpose}:${value}`)
    .digest()
}
