import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redactError } from './errorLog'
import { Realtime } from './realtime'
import { buildApp } from './server'
import { migrate } from './storage/migrate'
import { testBackends } from './storage/testDatabases'

const secret = 'Kennwort des Chefs: Sommer2030 (printer in room 4.12)'

describe('redactError', () => {
  it('keeps code, message, statement and the columns of a DETAIL, and masks every value', () => {
    const error = Object.assign(new Error(`invalid input syntax for type uuid: "${secret}"`), {
      code: '22P02',
      severity: 'ERROR',
      detail: `Key (email)=(${secret}) already exists.`,
      query: 'insert into notes (id, body) values ($1, $2)',
      params: ['x', secret],
      where: `SQL statement with ${secret}`,
      table: 'notes',
    })
    const logged = redactError(error)
    expect(JSON.stringify(logged)).not.toContain('Sommer2030')
    expect(logged).toMatchObject({
      message: 'invalid input syntax for type uuid: "…"',
      code: '22P02',
      statement: 'insert into notes (id, body) values ($1, $2)',
      detail: 'Key (email)=(…) already exists.',
      table: 'notes',
    })
    expect(logged.stack?.split('\n')[0]).toBe('Error: invalid input syntax for type uuid: "…"')
    expect(redactError(Object.assign(new Error('x'), { detail: `Failing row contains (1, ${secret}).` }))).toEqual(
      expect.objectContaining({ detail: 'Failing row contains (…).' }),
    )
    expect(redactError(Object.assign(new Error('x'), { detail: `Something else: ${secret}` })).detail).toBeUndefined()
  })
})

for (const backend of testBackends()) {
  describe(`error log on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      await db.exec('create table private_notes (id int primary key, body text not null)')
    })
    afterAll(async () => {
      await db.drop()
    })

    it('logs a failing statement with its code and table, never its parameters or the row', async () => {
      const lines: string[] = []
      const app = await buildApp(db, new Realtime(), {
        webDir: '/nonexistent',
        logLevel: 'error',
        logStream: { write: (line: string) => void lines.push(line) },
      })
      app.post('/test/notes', async () => {
        await db.query('insert into private_notes (id, body) values ($1, $2)', [1, secret])
        await db.query('insert into private_notes (id, body) values ($1, $2)', [1, secret])
        return { ok: true }
      })
      app.post('/test/missing', async () => {
        await db.query('insert into private_notes (id, body) values ($1, $2)', [2, null])
        return { ok: true }
      })
      for (const url of ['/test/notes', '/test/missing']) {
        const response = await app.inject({ method: 'POST', url })
        expect(response.statusCode).toBe(500)
        expect(response.json()).toEqual({ error: 'internal', message: 'The hub failed to handle this request.' })
      }
      await app.close()
      const log = lines.join('')
      expect(log).not.toContain('Sommer2030')
      const errors = lines.map((line) => JSON.parse(line) as { err?: Record<string, unknown> }).filter((l) => l.err)
      expect(errors.map((l) => l.err)).toEqual([
        expect.objectContaining({
          code: '23505',
          statement: 'insert into private_notes (id, body) values ($1, $2)',
          detail: 'Key (id)=(…) already exists.',
          constraint: 'private_notes_pkey',
        }),
        expect.objectContaining({
          code: '23502',
          statement: 'insert into private_notes (id, body) values ($1, $2)',
          detail: 'Failing row contains (…).',
          column: 'body',
        }),
      ])
    })
  })
}
