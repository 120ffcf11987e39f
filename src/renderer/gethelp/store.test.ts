import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getHelpRequestSchema } from '@shared/gethelp'
import { useGetHelpStore } from './store'

const receipt = {
  ticketId: '5b7c1a4e-2f0d-4c3b-9a1e-0d2c3b4a5f60',
  ticketNumber: 42,
  followUpToken: 'f'.repeat(43),
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

describe('Get Help sending a request', () => {
  const sent: unknown[] = []
  let answers: Array<'lost' | 'ok'> = []

  beforeEach(() => {
    sent.length = 0
    vi.stubGlobal('localStorage', memoryStorage())
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)))
      if (answers.shift() === 'lost') throw new TypeError('network connection lost')
      return new Response(JSON.stringify(receipt), { status: 200, headers: { 'content-type': 'application/json' } })
    })
    useGetHelpStore.getState().init('http://127.0.0.1:4780')
    useGetHelpStore.getState().setForm({ name: 'Jana Nowak', description: 'Printer offline' })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('sends a retry under the same idempotency key, and the next request under a new one', async () => {
    answers = ['lost', 'ok', 'ok']
    await useGetHelpStore.getState().send()
    expect(useGetHelpStore.getState().error).toEqual({ key: 'unreachable' })
    await useGetHelpStore.getState().send()
    expect(useGetHelpStore.getState().receipt).toEqual(receipt)

    useGetHelpStore.getState().startOver()
    useGetHelpStore.getState().setForm({ name: 'Jana Nowak', description: 'Scanner offline' })
    await useGetHelpStore.getState().send()

    const keys = sent.map((body) => getHelpRequestSchema.parse(body).requestKey)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
  })

  it('keeps the key of an unanswered request across a restart of the app', async () => {
    answers = ['lost', 'ok']
    await useGetHelpStore.getState().send()
    useGetHelpStore.getState().init('http://127.0.0.1:4780')
    useGetHelpStore.getState().setForm({ name: 'Jana Nowak', description: 'Printer offline' })
    await useGetHelpStore.getState().send()
    const keys = sent.map((body) => getHelpRequestSchema.parse(body).requestKey)
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
  })
})
