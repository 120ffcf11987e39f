import { describe, expect, it, vi } from 'vitest'
import { ipcContract } from '@shared/api/contract'
import { handleCall, registerIpcHandlers, type IpcHandlers } from './ipc'

const info = {
  kind: 'console' as const,
  version: '1.0.0',
  platform: 'linux',
  hubUrl: 'http://127.0.0.1:4780',
  locale: 'en',
}

function handlers(overrides: Partial<IpcHandlers> = {}): IpcHandlers {
  return {
    'app.info': vi.fn(() => info),
    'app.openExternal': vi.fn(() => null),
    ...overrides,
  } as IpcHandlers
}
const trusted = () => true

describe('IPC handlers', () => {
  it('registers one handler per contract channel', () => {
    const handle = vi.fn()
    registerIpcHandlers({ handle }, handlers(), trusted)
    expect(handle.mock.calls.map(([channel]) => channel).sort()).toEqual(Object.keys(ipcContract).sort())
  })

  it('answers a valid call from our own page with the handler value', async () => {
    await expect(handleCall('app.info', handlers(), trusted, 'file:///app/renderer/console.html', [])).resolves.toEqual(
      {
        ok: true,
        value: info,
      },
    )
  })

  it('refuses a call from a foreign sender without running the handler', async () => {
    const h = handlers()
    const result = await handleCall('app.openExternal', h, () => false, 'https://evil.example/', [
      'https://example.org',
    ])
    expect(result).toEqual({ ok: false, error: 'app.openExternal: refused, the caller is not a Firstline page' })
    expect(h['app.openExternal']).not.toHaveBeenCalled()
  })

  it('refuses arguments that do not parse, with the reason, and runs nothing', async () => {
    const h = handlers()
    for (const args of [['http://example.org'], ['javascript:alert(1)'], [42], []]) {
      const result = await handleCall('app.openExternal', h, trusted, 'file:///x', args)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error).toMatch(/^app\.openExternal: invalid arguments: /)
    }
    expect(h['app.openExternal']).not.toHaveBeenCalled()
  })

  it('refuses NUL, lone surrogates and runaway nesting before any schema or handler sees them', async () => {
    const h = handlers()
    let deep: unknown = 'https://example.org'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    for (const args of [['https://example.org/\u0000'], ['https://example.org/\uD800'], [deep]]) {
      const result = await handleCall('app.openExternal', h, trusted, 'file:///x', args)
      expect(result).toEqual({
        ok: false,
        error: expect.stringMatching(/^app\.openExternal: invalid arguments: .*(NUL|surrogate|nested)/),
      })
    }
    expect(h['app.openExternal']).not.toHaveBeenCalled()
  })

  it('turns a throwing handler into an error value instead of a rejected call', async () => {
    const h = handlers({
      'app.info': () => {
        throw new Error('disk on fire')
      },
    })
    await expect(handleCall('app.info', h, trusted, 'file:///x', [])).resolves.toEqual({
      ok: false,
      error: 'app.info: disk on fire',
    })
  })
})
