import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A 32-byte key written as 64 hex digits or as base64 (standard or URL-safe, padding optional). */
export function parseSecretKey(text: string): Buffer | null {
  const value = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    return key.length === 32 ? key : null
  }
  return null
}

export const secretKeyFileName = 'secret.key'

export interface LoadedSecretKey {
  key: Buffer
  /** `env`: FIRSTLINE_SECRET_KEY; `file`: the key file in the data folder (made on the first start). */
  source: 'env' | 'file'
  file: string | null
  /**
   * With FIRSTLINE_SECRET_KEY set, the data folder's key file from before, if there is one:
   * secrets sealed under it are sealed again under the new key at start.
   */
  previous: Buffer | null
}

/**
 * The key directory secrets are sealed with: FIRSTLINE_SECRET_KEY when set; otherwise a key kept
 * in the hub's data folder, made on the first start and readable by this user only. A key file
 * that holds no valid key stops the start with a clear message rather than sealing under a new one.
 */
export function loadSecretKey(config: { secretKey?: Buffer | undefined; dataDir: string }): LoadedSecretKey {
  const file = join(config.dataDir, secretKeyFileName)
  let text: string | null = null
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const fromFile = text === null ? null : parseSecretKey(text)
  if (config.secretKey) {
    const previous = fromFile && !fromFile.equals(config.secretKey) ? fromFile : null
    return { key: config.secretKey, source: 'env', file: null, previous }
  }
  if (text !== null) {
    if (!fromFile) throw new Error(`${file} does not hold a 32-byte key (64 hex digits or base64)`)
    return { key: fromFile, source: 'file', file, previous: null }
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const key = randomBytes(32)
  // `wx`: two hubs starting on one folder at once must not each write a key of their own.
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecretKey(config)
    throw error
  }
  chmodSync(file, 0o600)
  return { key, source: 'file', file, previous: null }
}
