import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'

const backend = testBackends()[0]!

describe('the icon browsers ask for', () => {
  let db: Awaited<ReturnType<typeof backend.open>>
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    db = await backend.open()
    await migrate(db)
    app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
  })
  afterAll(async () => {
    await app.close()
    await db.drop()
  })

  it('answers /favicon.ico with the shipped icon, without signing in and without a web build', async () => {
    const response = await app.inject({ method: 'GET', url: '/favicon.ico' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/x-icon')
    expect(response.rawPayload).toEqual(readFileSync(new URL('../../../resources/favicon.ico', import.meta.url)))
    // An icon file: reserved 0, type 1, then the number of images.
    expect([...response.rawPayload.subarray(0, 4)]).toEqual([0, 0, 1, 0])
  })
})
