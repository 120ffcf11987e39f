import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPglite } from './pglite'

/** Every path under `root` whose mode lets the group or other users read, write or enter it. */
function openToOthers(root: string): string[] {
  const found: string[] = []
  const walk = (path: string) => {
    const stat = lstatSync(path)
    if ((stat.mode & 0o077) !== 0) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`)
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry))
  }
  walk(root)
  return found
}

describe.skipIf(process.platform === 'win32')('PGlite data folder', () => {
  let parent: string
  afterEach(() => rmSync(parent, { recursive: true, force: true }))

  it('is readable and writable by the hub user only, on creation and after writes', async () => {
    parent = mkdtempSync(join(tmpdir(), 'firstline-pglite-'))
    const dataDir = join(parent, 'hub', 'pglite')
    const db = await openPglite(dataDir)
    expect(openToOthers(join(parent, 'hub'))).toEqual([])
    await db.exec('create table notes (body text); insert into notes values ($$private$$)')
    // Files PGlite adds while running sit in a folder no one else may enter; the next close or start tightens them.
    expect(lstatSync(dataDir).mode & 0o077).toBe(0)
    expect(lstatSync(join(parent, 'hub')).mode & 0o077).toBe(0)
    await db.close()
    expect(openToOthers(join(parent, 'hub'))).toEqual([])
  })

  it('takes back access that an older version or another tool left open, at the next start', async () => {
    parent = mkdtempSync(join(tmpdir(), 'firstline-pglite-'))
    const dataDir = join(parent, 'pglite')
    await (await openPglite(dataDir)).close()
    chmodSync(dataDir, 0o777)
    writeFileSync(join(dataDir, 'left-open'), 'x', { mode: 0o666 })
    chmodSync(join(dataDir, 'left-open'), 0o666)
    chmodSync(join(dataDir, 'PG_VERSION'), 0o666)
    expect(openToOthers(dataDir).length).toBeGreaterThan(0)
    const db = await openPglite(dataDir)
    expect(openToOthers(dataDir)).toEqual([])
    await db.close()
  })
})
