import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLoopbackSignIn, startUrl } from './loopbackSignIn'

const providerId = '0b7e4c1d-2f3a-4b5c-8d6e-7f8091a2b3c4'
const code = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v'

/** A sign-in whose "system browser" is recorded; answers the return address the hub would be given. */
function signInWithRecordedBrowser(options: { timeoutMs?: number } = {}) {
  const opened: string[] = []
  const sso = createLoopbackSignIn({
    hubUrl: 'https://desk.example/',
    openExternal: async (url) => void opened.push(url),
    ...options,
  })
  const returnAddress = async (index = 0) => {
    await vi.waitFor(() => expect(opened.length).toBeGreaterThan(index))
    return new URL(new URL(opened[index]!).searchParams.get('return_to')!)
  }
  return { sso, opened, returnAddress }
}

/** The listener refuses connections once closed; fetch then fails instead of answering. */
const reachable = (url: URL) =>
  fetch(url).then(
    () => true,
    () => false,
  )

describe('desktop sign-in through a loopback listener', () => {
  afterEach(() => vi.useRealTimers())

  it('opens the hub start URL with a random loopback return address and receives the one-time code', async () => {
    const { sso, opened, returnAddress } = signInWithRecordedBrowser()
    const outcome = sso.signIn({ providerId, language: 'en' })
    const back = await returnAddress()
    const start = new URL(opened[0]!)
    expect(`${start.origin}${start.pathname}`).toBe(`https://desk.example/api/auth/oidc/${providerId}/start`)
    expect(back.protocol).toBe('http:')
    expect(back.hostname).toBe('127.0.0.1')
    expect(Number(back.port)).toBeGreaterThan(0)
    expect(back.pathname).toMatch(/^\/firstline-sign-in\/[A-Za-z0-9_-]{43}$/)

    back.searchParams.set('sso', code)
    const page = await fetch(back)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(await page.text()).toContain('You can close this window and return to Firstline.')
    await expect(outcome).resolves.toEqual({ kind: 'code', code })
    // One-shot: the listener is gone.
    expect(await reachable(back)).toBe(false)
  })

  it('gives every attempt its own path', async () => {
    const first = signInWithRecordedBrowser()
    const second = signInWithRecordedBrowser()
    void first.sso.signIn({ providerId, language: 'en' })
    void second.sso.signIn({ providerId, language: 'en' })
    const [a, b] = [await first.returnAddress(), await second.returnAddress()]
    expect(a.pathname).not.toBe(b.pathname)
    first.sso.cancel()
    second.sso.cancel()
  })

  it('answers a wrong path, another method or a probe with 404 and keeps waiting for the right one', async () => {
    const { sso, returnAddress } = signInWithRecordedBrowser()
    const outcome = sso.signIn({ providerId, language: 'de' })
    const back = await returnAddress()
    const settled = vi.fn()
    void outcome.then(settled)

    const wrongPath = new URL(back)
    wrongPath.pathname = `${back.pathname.slice(0, -1)}x`
    wrongPath.searchParams.set('sso', 'B'.repeat(43))
    expect((await fetch(wrongPath)).status).toBe(404)
    const root = new URL('/?sso=' + 'C'.repeat(43), back)
    expect((await fetch(root)).status).toBe(404)
    expect((await fetch(new URL('/favicon.ico', back))).status).toBe(404)
    const posted = new URL(back)
    posted.searchParams.set('sso', code)
    expect((await fetch(posted, { method: 'POST' })).status).toBe(404)
    expect(settled).not.toHaveBeenCalled()

    back.searchParams.set('sso', code)
    const page = await (await fetch(back)).text()
    expect(page).toContain('Sie können dieses Fenster schließen und zu Firstline zurückkehren.')
    await expect(outcome).resolves.toEqual({ kind: 'code', code })
  })

  it("passes on the hub's reason for a refusal and never takes a malformed code", async () => {
    const { sso, returnAddress } = signInWithRecordedBrowser()
    const refused = sso.signIn({ providerId, language: 'en' })
    const back = await returnAddress()
    back.searchParams.set('sso_error', 'no_role')
    expect(await (await fetch(back)).text()).toContain('The sign-in did not complete.')
    await expect(refused).resolves.toEqual({ kind: 'refused', reason: 'no_role' })

    const malformed = sso.signIn({ providerId, language: 'en' })
    const again = await returnAddress(1)
    again.searchParams.set('sso', 'short<script>')
    await fetch(again)
    await expect(malformed).resolves.toEqual({ kind: 'refused', reason: 'provider' })
  })

  it('times out, closing its listener', async () => {
    const { sso, returnAddress } = signInWithRecordedBrowser({ timeoutMs: 50 })
    const outcome = sso.signIn({ providerId, language: 'en' })
    const back = await returnAddress()
    await expect(outcome).resolves.toEqual({ kind: 'timed_out' })
    back.searchParams.set('sso', code)
    expect(await reachable(back)).toBe(false)
  })

  it('is cancelled from the Console, and a second attempt replaces the first', async () => {
    const { sso, returnAddress } = signInWithRecordedBrowser()
    const first = sso.signIn({ providerId, language: 'en' })
    const firstBack = await returnAddress(0)
    const second = sso.signIn({ providerId, language: 'en' })
    await expect(first).resolves.toEqual({ kind: 'cancelled' })
    firstBack.searchParams.set('sso', code)
    expect(await reachable(firstBack)).toBe(false)

    const secondBack = await returnAddress(1)
    sso.cancel()
    await expect(second).resolves.toEqual({ kind: 'cancelled' })
    expect(await reachable(secondBack)).toBe(false)
  })

  it('opens no browser for an attempt cancelled while its listener was starting', async () => {
    const { sso, opened } = signInWithRecordedBrowser()
    const outcome = sso.signIn({ providerId, language: 'en' })
    sso.cancel()
    await expect(outcome).resolves.toEqual({ kind: 'cancelled' })
    expect(opened).toEqual([])
  })

  it('ends the attempt when the browser cannot be opened', async () => {
    const sso = createLoopbackSignIn({
      hubUrl: 'http://127.0.0.1:4780',
      openExternal: () => Promise.reject(new Error('no browser')),
    })
    await expect(sso.signIn({ providerId, language: 'en' })).rejects.toThrow('no browser')
  })

  it('builds the start URL under a hub address with a path', () => {
    expect(startUrl('https://desk.example/firstline/', providerId, 'http://127.0.0.1:5000/p')).toBe(
      `https://desk.example/firstline/api/auth/oidc/${providerId}/start?return_to=http%3A%2F%2F127.0.0.1%3A5000%2Fp`,
    )
  })
})
