import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestHub } from '../../../../test/support/testHub'
import * as hub from '../../platform/hubClient'
import { ConsoleDb, consoleDbName } from '../data/db'
import { useConsoleStore } from './index'

/** The browser's localStorage, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  }
}

describe('Console sign-in and sign-out', () => {
  let testHub: Awaited<ReturnType<typeof startTestHub>>
  const agent = () => testHub.logins.find((l) => l.role === 'agent')!

  beforeAll(async () => {
    testHub = await startTestHub()
  })
  afterAll(async () => {
    await testHub.close()
  })
  beforeEach(() => {
    globalThis.localStorage = memoryStorage()
    useConsoleStore.setState({ token: null, account: null, loginError: null, signedOut: false, db: null })
    useConsoleStore.getState().restoreSession(testHub.url)
  })

  /** Signs the agent in and puts a row in its offline cache, as a working Console would. */
  async function signInWithCache() {
    await useConsoleStore.getState().signIn(agent().email, agent().password)
    const { account, token } = useConsoleStore.getState()
    const name = consoleDbName(testHub.url, account!.id)
    const cache = new ConsoleDb(name)
    await cache.meta.put({ key: 'cursor', value: 7 })
    cache.close()
    return { name, token: token! }
  }

  it('deletes the account’s cached tickets on sign-out, ends the token and says so', async () => {
    const { name, token } = await signInWithCache()
    expect(await Dexie.exists(name)).toBe(true)
    await useConsoleStore.getState().signOut()
    expect(await Dexie.exists(name)).toBe(false)
    expect(useConsoleStore.getState()).toMatchObject({ token: null, account: null, signedOut: true, loginError: null })
    expect(localStorage.getItem('firstline.session')).toBeNull()
    await expect(hub.fetchMe(testHub.url, token)).rejects.toMatchObject({ failure: { status: 401 } })
  })

  it('goes back to sign-in with a message when the hub no longer accepts the stored token, keeping the cache', async () => {
    const { name, token } = await signInWithCache()
    await testHub.db.query('delete from auth_sessions')
    useConsoleStore.setState({ token: null, account: null })
    // The next start finds the stored session and asks the hub about it.
    useConsoleStore.getState().restoreSession(testHub.url)
    expect(useConsoleStore.getState().token).toBe(token)
    await new Promise<void>((resolve) => {
      const stop = useConsoleStore.subscribe((state) => {
        if (state.token === null) {
          stop()
          resolve()
        }
      })
    })
    expect(useConsoleStore.getState().loginError).toEqual({ key: 'sessionExpired' })
    expect(localStorage.getItem('firstline.session')).toBeNull()
    expect(await Dexie.exists(name)).toBe(true)
  })
})
