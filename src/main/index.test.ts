import { beforeEach, describe, expect, it, vi } from 'vitest'
import { parseSnapshot } from '@shared/diagnostics/snapshot'

// The whole of Electron as far as main/index.ts touches it, recording what the app wires up.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  const appListeners = new Map<string, (...args: unknown[]) => void>()
  const windows: Array<{ options: Record<string, unknown>; loaded: string[]; listeners: Map<string, () => void> }> = []
  let permissionHandler: ((c: unknown, p: string, cb: (granted: boolean) => void, d: unknown) => void) | undefined
  let displayMediaHandler: ((request: unknown, callback: (streams: unknown) => void) => void) | undefined
  class BrowserWindow {
    loaded: string[] = []
    listeners = new Map<string, () => void>()
    webContents = { on: vi.fn() }
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this)
    }
    on(name: string, listener: () => void) {
      this.listeners.set(name, listener)
    }
    once() {}
    show() {}
    loadFile(path: string) {
      this.loaded.push(path)
      return Promise.resolve()
    }
    loadURL(url: string) {
      this.loaded.push(url)
      return Promise.resolve()
    }
  }
  return {
    handlers,
    appListeners,
    windows,
    permission: () => permissionHandler,
    displayMedia: () => displayMediaHandler,
    module: {
      app: {
        on: (name: string, listener: (...args: unknown[]) => void) => appListeners.set(name, listener),
        whenReady: () => Promise.resolve(),
        exit: vi.fn(),
        quit: vi.fn(),
        getVersion: () => '9.9.9',
        getLocale: () => 'de-DE',
      },
      ipcMain: {
        handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (fn: typeof permissionHandler) => (permissionHandler = fn),
          setPermissionCheckHandler: vi.fn(),
          setDisplayMediaRequestHandler: (fn: typeof displayMediaHandler) => (displayMediaHandler = fn),
        },
      },
      desktopCapturer: {
        getSources: async () => [
          { id: 'screen:0:0', name: 'Entire Screen', display_id: '7', thumbnail: { toDataURL: () => 'data:,' } },
        ],
      },
      screen: {
        getAllDisplays: () => [{ id: 7, bounds: { x: 0, y: 0, width: 1280, height: 800 }, scaleFactor: 1 }],
        getPrimaryDisplay: () => ({ id: 7 }),
      },
      shell: { openExternal: vi.fn(() => Promise.resolve()) },
      BrowserWindow,
    },
  }
})
vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

// The injection library, recording instead of moving this machine's pointer.
const injected = vi.hoisted(() => [] as string[])
vi.mock('./input/backend', () => ({
  loadLibnut: () => ({
    moveMouse: (x: number, y: number) => injected.push(`move ${x},${y}`),
    mouseToggle: (state: string, button: string) => injected.push(`${button} ${state}`),
    scrollMouse: () => undefined,
    keyToggle: () => undefined,
  }),
}))

async function startMain(argv: string[]) {
  vi.resetModules()
  electron.handlers.clear()
  electron.windows.length = 0
  process.argv = ['electron', '.', ...argv]
  await import('./index')
  await new Promise((resolve) => setTimeout(resolve, 0))
}

const ownPage = (path: string) => ({ senderFrame: { url: `file://${path}` } })

describe('main process wiring', () => {
  beforeEach(() => {
    delete process.env.ELECTRON_RENDERER_URL
    delete process.env.FIRSTLINE_HUB_URL
  })

  it('opens the Get Help window with its own sandboxed preload and answers app.info for it', async () => {
    await startMain(['--app=gethelp', '--hub=http://127.0.0.1:4999'])
    const [window] = electron.windows
    const prefs = window!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect(String(prefs.preload)).toMatch(/preload\/gethelp\.cjs$/)
    const page = window!.loaded[0]!
    expect(page).toMatch(/renderer\/gethelp\.html$/)
    const result = await electron.handlers.get('app.info')!(ownPage(page))
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'gethelp',
        version: '9.9.9',
        platform: process.platform,
        hubUrl: 'http://127.0.0.1:4999',
        locale: 'de-DE',
      },
    })
  })

  it('signs the Console in through the system browser: shell.openExternal gets the hub start URL, the listener the code', async () => {
    await startMain(['--app=console', '--hub=http://127.0.0.1:4999'])
    const page = electron.windows[0]!.loaded[0]!
    const openExternal = electron.module.shell.openExternal as unknown as ReturnType<typeof vi.fn>
    openExternal.mockClear()
    const providerId = '0b7e4c1d-2f3a-4b5c-8d6e-7f8091a2b3c4'
    const gethelpPage = ownPage(page.replace('console', 'gethelp'))
    expect(await electron.handlers.get('sso.signIn')!(gethelpPage, { providerId, language: 'en' })).toMatchObject({
      ok: false,
    })
    expect(openExternal).not.toHaveBeenCalled()

    const answer = electron.handlers.get('sso.signIn')!(ownPage(page), { providerId, language: 'en' })
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledTimes(1))
    const start = new URL(String(openExternal.mock.calls[0]![0]))
    expect(`${start.origin}${start.pathname}`).toBe(`http://127.0.0.1:4999/api/auth/oidc/${providerId}/start`)
    const back = new URL(start.searchParams.get('return_to')!)
    back.searchParams.set('sso', 'c'.repeat(43))
    expect((await fetch(back)).status).toBe(200)
    expect(await answer).toEqual({ ok: true, value: { kind: 'code', code: 'c'.repeat(43) } })
  })

  it('ends a waiting sign-in when the Console cancels it or its window closes', async () => {
    await startMain(['--app=console'])
    const window = electron.windows[0]!
    const page = ownPage(window.loaded[0]!)
    const providerId = '0b7e4c1d-2f3a-4b5c-8d6e-7f8091a2b3c4'
    const first = electron.handlers.get('sso.signIn')!(page, { providerId, language: 'de' })
    expect(await electron.handlers.get('sso.cancel')!(page)).toEqual({ ok: true, value: null })
    expect(await first).toEqual({ ok: true, value: { kind: 'cancelled' } })
    const second = electron.handlers.get('sso.signIn')!(page, { providerId, language: 'de' })
    await new Promise((resolve) => setTimeout(resolve, 20))
    window.listeners.get('closed')!()
    expect(await second).toEqual({ ok: true, value: { kind: 'cancelled' } })
  })

  it('refuses IPC from pages that are not ours', async () => {
    await startMain([])
    const result = await electron.handlers.get('app.info')!({ senderFrame: { url: 'https://evil.example/' } })
    expect(result).toMatchObject({ ok: false })
  })

  it('denies permission requests by default and hardens every new web contents', async () => {
    await startMain([])
    const granted = vi.fn()
    const console = { getURL: () => 'file:///x' }
    electron.permission()!(console, 'geolocation', granted, { isMainFrame: true, requestingUrl: 'file:///x' })
    expect(granted).toHaveBeenCalledWith(false)
    const setWindowOpenHandler = vi.fn()
    const on = vi.fn()
    electron.appListeners.get('web-contents-created')!({}, { setWindowOpenHandler, on })
    expect(setWindowOpenHandler).toHaveBeenCalled()
    expect(on.mock.calls.map(([name]) => name)).toEqual(['will-navigate', 'will-redirect', 'will-attach-webview'])
  })

  it('prints one diagnostics snapshot as JSON with --diagnostics --json and exits, opening no window', async () => {
    const written: string[] = []
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    electron.module.app.exit.mockClear()
    await startMain(['--diagnostics', '--json', '--hub=http://127.0.0.1:9'])
    await vi.waitFor(() => expect(electron.module.app.exit).toHaveBeenCalledWith(0), { timeout: 15_000 })
    write.mockRestore()
    expect(electron.windows).toHaveLength(0)
    const snapshot = parseSnapshot(JSON.parse(written.join('')))
    expect(snapshot.ok).toBe(true)
    expect(snapshot.ok && snapshot.value.groups.network.hub.data).toMatchObject({ reachable: false })
  })

  it('sends progress events back to the window that asked for diagnostics', async () => {
    await startMain(['--app=gethelp'])
    const page = electron.windows[0]!.loaded[0]!
    const send = vi.fn()
    const result = await electron.handlers.get('diagnostics.snapshot')!(
      { senderFrame: { url: `file://${page}` }, sender: { isDestroyed: () => false, send } },
      {},
    )
    expect(result).toMatchObject({ ok: true })
    const groups = send.mock.calls
      .filter(([event]) => event === 'diagnostics.progress')
      .map(([, p]) => (p as { group: string }).group)
    expect(new Set(groups)).toEqual(new Set(['hardware', 'peripherals', 'os', 'network']))
  })

  it('shares the screen and applies remote input only for the Get Help page, until its window closes', async () => {
    await startMain(['--app=gethelp'])
    const window = electron.windows[0]!
    const getHelp = { senderFrame: { url: `file://${window.loaded[0]}` } }
    const consolePage = { senderFrame: { url: `file://${window.loaded[0]!.replace('gethelp', 'console')}` } }
    const call = (sender: unknown, channel: string, ...args: unknown[]) =>
      electron.handlers.get(channel)!(sender, ...args)
    const agent = '6f1c1d6e-2f43-4d0e-9a35-1b1f3c7f2a10'
    const click = { from: agent, input: { kind: 'pointer_down', x: 0.25, y: 0.5, button: 'left' } }
    injected.length = 0

    expect(await call(getHelp, 'capture.choose', 'screen:0:0')).toMatchObject({ ok: true, value: { displayId: '7' } })
    const streams = vi.fn()
    electron.displayMedia()!({ frame: { url: getHelp.senderFrame.url, parent: null }, videoRequested: true }, streams)
    await vi.waitFor(() => expect(streams).toHaveBeenCalledWith({ video: { id: 'screen:0:0', name: 'Entire Screen' } }))

    // Main asks the hub itself who holds control; here the hub first names nobody, then the agent.
    const session = { id: '3d1c8f0e-5b7a-4c2d-9e1f-0a2b3c4d5e6f', credential: 'c'.repeat(43) }
    let hubSays = { holder: null as string | null, granted: false }
    const asked: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url)
      return new Response(JSON.stringify(hubSays), { status: 200 })
    })
    const claim = { holder: agent, granted: true, session }
    expect(await call(consolePage, 'input.setControl', claim)).toMatchObject({ ok: false })
    expect(await call(getHelp, 'input.apply', click)).toEqual({
      ok: false,
      error: 'input.apply: refused: remote control is not granted',
    })
    expect(await call(getHelp, 'input.setControl', claim)).toEqual({ ok: true, value: null })
    expect(asked).toEqual([`http://127.0.0.1:4780/api/sessions/${session.id}/control`])
    expect(await call(getHelp, 'input.apply', click)).toMatchObject({ ok: false })
    hubSays = { holder: agent, granted: true }
    expect(await call(getHelp, 'input.setControl', claim)).toEqual({ ok: true, value: null })
    expect(await call(consolePage, 'input.apply', click)).toMatchObject({ ok: false })
    expect(
      await call(getHelp, 'input.apply', { from: agent, input: { kind: 'pointer_down', x: 2, y: 0 } }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^input\.apply: invalid arguments/) })
    expect(await call(getHelp, 'input.apply', click)).toEqual({ ok: true, value: { status: 'applied' } })
    expect(injected).toEqual(['move 320,400', 'left down'])

    window.listeners.get('closed')!()
    expect(injected).toEqual(['move 320,400', 'left down', 'left up'])
    expect(await call(getHelp, 'input.apply', click)).toMatchObject({ ok: false })
    vi.unstubAllGlobals()
  })

  it('exits with an error for an unknown --app value', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await startMain(['--app=nonsense'])
    expect(electron.module.app.exit).toHaveBeenCalledWith(2)
    expect(electron.windows).toHaveLength(0)
    error.mockRestore()
  })
})
