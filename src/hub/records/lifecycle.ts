import type { Account } from '@shared/auth'
import type { Queryable } from '../storage/db'
import type { RecordContext } from './context'
import { refuse, success, type Failure, type Outcome } from './outcome'
import { recordOwner, type RecordTableName } from './repository'

/** Thrown inside a create's transaction to roll it back when the id turned out to be taken meanwhile. */
class IdTakenMeanwhile extends Error {}

/**
 * Creates a record under the id the Console chose, once. A repeat answers with the record that is
 * there, also when both requests arrive at the same moment: the insert skips an id that exists by
 * then, and the later transaction is rolled back whole, so it uses up no number and links nothing.
 *
 * `existing` reads this organisation's record under the id, or null when it may not be answered
 * with (the id then counts as taken). `create` checks and inserts in the transaction; it returns a
 * refusal, or whether the insert took place.
 */
export async function createOnce<T>(
  ctx: RecordContext,
  account: Account,
  table: RecordTableName,
  id: string,
  existing: () => Promise<T | null>,
  create: (tx: Queryable, at: string) => Promise<Failure | boolean>,
): Promise<Outcome<T>> {
  const organisationId = account.organisation.id
  const repeat = async (): Promise<Outcome<T> | null> => {
    const owner = await recordOwner(ctx.db, table, id)
    if (owner === null) return null
    const found = owner === organisationId ? await existing() : null
    return found ? success(found) : refuse('id_taken')
  }
  const earlier = await repeat()
  if (earlier) return earlier
  try {
    const failure = await ctx.db.transaction(async (tx) => {
      const created = await create(tx, ctx.stamp())
      if (created === false) throw new IdTakenMeanwhile()
      return created === true ? null : created
    })
    if (failure) return failure
  } catch (error) {
    if (!(error instanceof IdTakenMeanwhile)) throw error
    return (await repeat()) ?? refuse('id_taken')
  }
  ctx.recordsChanged(account)
  const created = await existing()
  return created ? success(created) : refuse('not_found')
}

/**
 * Locks the record, lets `change` decide on it and saves what it returns, so two people acting on
 * the same record at once take turns. Returning the record itself means nothing changed (a
 * repeated request): nothing is saved and no Console is told.
 */
export async function editRecord<R>(
  ctx: RecordContext,
  account: Account,
  store: {
    find(db: Queryable, organisationId: string, id: string, lock: boolean): Promise<R | null>
    save(tx: Queryable, record: NoInfer<R>): Promise<void>
  },
  id: string,
  change: (current: R, at: string) => R | Failure | Promise<R | Failure>,
): Promise<Outcome<R>> {
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome<R> & { changed?: boolean }> => {
    const current = await store.find(tx, account.organisation.id, id, true)
    if (!current) return refuse('not_found')
    const next = await change(current, ctx.stamp())
    if (isFailure(next)) return next
    if (next === current) return success(current)
    await store.save(tx, next)
    return { ...success(next), changed: true }
  })
  if (!outcome.ok) return outcome
  if (outcome.changed) ctx.recordsChanged(account)
  return success(outcome.value)
}

/**
 * Changes the tickets linked to a record: `relink` checks and writes the link rows while the
 * record is locked, so links made at the same time count against its limit one after another.
 * Answers the record as it is afterwards.
 */
export async function relinkRecord<R>(
  ctx: RecordContext,
  account: Account,
  find: (db: Queryable, organisationId: string, id: string, lock: boolean) => Promise<R | null>,
  id: string,
  relink: (tx: Queryable, current: R, at: string) => Promise<Failure | null>,
): Promise<Outcome<R>> {
  const organisationId = account.organisation.id
  const failure = await ctx.db.transaction(async (tx) => {
    const current = await find(tx, organisationId, id, true)
    return current ? relink(tx, current, ctx.stamp()) : refuse('not_found')
  })
  if (failure) return failure
  ctx.recordsChanged(account)
  const fresh = await find(ctx.db, organisationId, id, false)
  return fresh ? success(fresh) : refuse('not_found')
}

const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && 'ok' in value && value.ok === false
