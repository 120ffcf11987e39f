import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEnrolmentStore } from './enrolment'

const hubUrl = 'https://hub.example'
const enrolment = { code: 'ABCD-EFGH-JKMN-PQRS', organisationName: 'Example IT', customerName: 'Müller GmbH' }

describe("Get Help's enrolment in main's user data", () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'firstline-enrolment-'))
    file = join(dir, 'nested', 'enrolment.json')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps an enrolment across a restart and forgets it on clear', async () => {
    const store = createEnrolmentStore({ file: () => file, hubUrl })
    expect(await store.get()).toEqual({ enrolment: null, offered: null })
    await store.set(enrolment)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const restarted = createEnrolmentStore({ file: () => file, hubUrl })
    expect(await restarted.get()).toEqual({ enrolment, offered: null })
    await restarted.clear()
    expect(await store.get()).toEqual({ enrolment: null, offered: null })
  })

  it('reads a corrupt, foreign or other-hub file as unenrolled', async () => {
    const store = createEnrolmentStore({ file: () => file, hubUrl })
    await store.set(enrolment)
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    writeFileSync(file, '{"code": "ABCD-EFGH-JKMN-PQRS", "organisationName": ')
    expect((await store.get()).enrolment).toBeNull()
    writeFileSync(file, JSON.stringify({ ...saved, code: 42 }))
    expect((await store.get()).enrolment).toBeNull()
    writeFileSync(file, JSON.stringify(saved))
    expect(
      (await createEnrolmentStore({ file: () => file, hubUrl: 'https://other.example' }).get()).enrolment,
    ).toBeNull()
    expect((await store.get()).enrolment).toEqual(enrolment)
  })

  it('offers a code from --enrol until that code is the stored one', async () => {
    const store = createEnrolmentStore({ file: () => file, hubUrl, offered: 'ZZZZYYYYXXXXWWWW' })
    expect(await store.get()).toEqual({ enrolment: null, offered: 'ZZZZ-YYYY-XXXX-WWWW' })
    await store.set(enrolment)
    expect((await store.get()).offered).toBe('ZZZZ-YYYY-XXXX-WWWW')
    await store.set({ ...enrolment, code: 'ZZZZ-YYYY-XXXX-WWWW' })
    expect((await store.get()).offered).toBeNull()
  })
})
