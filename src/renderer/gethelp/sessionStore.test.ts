import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { helpRequestSchema } from '@shared/session/api'
import { useSessionStore } from './sessionStore'

// Joining opens a signaling socket; here only the request matters, so the session stays a stand-in.
vi.mock('../platform/session', () => ({
  defaultCaptureScreen: () => Promise.reject(new Error('no screen in tests')),
  RemoteSession: class {
    snapshot = null
    subscribe() {}
    start() {}
    close() {}
  },
}))
vi.mock('../platform/sessionPeer', () => ({ createBrowserPeer: () => null }))

const access = {
  sessionId: '5b7c1a4e-2f0d-4c3b-9a1e-0d2c3b4a5f60',
  credential: 'c'.repeat(43),
  ticketId: null,
  organisation: { name: 'Demo Organisation' },
  agent: null,
}

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

describe('Get Help asking for a remote session', () => {
  const sent: unknown[] = []
  let answers: Array<'lost' | 'ok'> = []

  beforeEach(() => {
    sent.length = 0
    vi.stubGlobal('localStorage', memoryStorage())
    vi.stubGlobal('sessionStorage', memoryStorage())
    vi.stubGlobal('window', {})
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)))
      if (answers.shift() === 'lost') throw new TypeError('network connection lost')
      return new Response(JSON.stringify(access), { status: 201, headers: { 'content-type': 'application/json' } })
    })
    useSessionStore.getState().init('http://127.0.0.1:4780')
  })
  afterEach(() => {
    useSessionStore.getState().finish()
    vi.unstubAllGlobals()
  })

  it('sends a retry under the same idempotency key, and the next request under a new one', async () => {
    answers = ['lost', 'ok', 'ok']
    await useSessionStore.getState().ask('Erika Enduser', 'The printer is offline')
    expect(useSessionStore.getState().error).toEqual({ key: 'unreachable' })
    expect(useSessionStore.getState().access).toBeNull()
    await useSessionStore.getState().ask('Erika Enduser', 'The printer is offline')
    expect(useSessionStore.getState().access).toEqual(access)

    useSessionStore.getState().finish()
    await useSessionStore.getState().ask('Erika Enduser', 'The scanner is offline')

    const keys = sent.map((body) => helpRequestSchema.parse(body).requestKey)
    expect(keys).toHaveLength(3)
    expect(keys[0]).toBeDefined()
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
  })

  it('keeps the key of an unanswered request across a restart of the app', async () => {
    answers = ['lost', 'ok']
    await useSessionStore.getState().ask('Erika Enduser', 'The printer is offline')
    useSessionStore.getState().init('http://127.0.0.1:4780')
    await useSessionStore.getState().ask('Erika Enduser', 'The printer is offline')
    const keys = sent.map((body) => helpRequestSchema.parse(body).requestKey)
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
  })
})
