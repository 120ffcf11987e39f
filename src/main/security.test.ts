import { describe, expect, it, vi } from 'vitest'
import {
  createOriginCheck,
  createPermissionRules,
  createSenderCheck,
  hardenWebContents,
  isAppPage,
  isExternalLink,
  secureWebPreferences,
} from './security'

type Listener = (event: { preventDefault(): void }, url: string) => void

function fakeContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  return {
    contents: {
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (openHandler = handler),
      on: (name: string, listener: Listener) => listeners.set(name, listener),
    },
    open: (url: string) => openHandler!({ url }),
    emit(name: string, url = '') {
      const event = { preventDefault: vi.fn() }
      listeners.get(name)!(event, url)
      return event.preventDefault
    },
  }
}

describe('window security', () => {
  it('gives pages no Node, an isolated context and a sandboxed preload', () => {
    expect(secureWebPreferences('/app/out/preload/console.cjs')).toMatchObject({
      preload: '/app/out/preload/console.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    })
  })

  it('knows our own pages from everything else', () => {
    const isOwn = createOriginCheck('/app/out/renderer', 'http://localhost:5173')
    expect(isOwn('file:///app/out/renderer/console.html')).toBe(true)
    expect(isOwn('http://localhost:5173/gethelp.html')).toBe(true)
    expect(isOwn('file:///app/out/renderer-evil/console.html')).toBe(false)
    expect(isOwn('file:///etc/passwd')).toBe(false)
    expect(isOwn('https://evil.example/console.html')).toBe(false)
    expect(isOwn('http://localhost:5174/')).toBe(false)
    expect(isOwn(null)).toBe(false)
    expect(isOwn('not a url')).toBe(false)
    expect(createOriginCheck('/app/out/renderer')('http://localhost:5173/')).toBe(false)
  })

  it('denies every new window and sends only https links to the system browser', () => {
    const openExternal = vi.fn()
    const page = fakeContents()
    hardenWebContents(page.contents as never, () => false, openExternal)
    expect(page.open('https://support.example/kb/1')).toEqual({ action: 'deny' })
    expect(page.open('http://support.example/')).toEqual({ action: 'deny' })
    expect(page.open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(page.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls).toEqual([['https://support.example/kb/1']])
  })

  it('blocks navigation and redirects away from our pages, and every webview', () => {
    const page = fakeContents()
    hardenWebContents(page.contents as never, (url) => url === 'file:///app/out/renderer/console.html', vi.fn())
    expect(page.emit('will-navigate', 'https://evil.example/')).toHaveBeenCalled()
    expect(page.emit('will-redirect', 'https://evil.example/')).toHaveBeenCalled()
    expect(page.emit('will-navigate', 'file:///app/out/renderer/console.html')).not.toHaveBeenCalled()
    expect(page.emit('will-attach-webview')).toHaveBeenCalled()
  })

  it('accepts only https URLs as external links', () => {
    expect(isExternalLink('https://example.org/a?b=c')).toBe(true)
    expect(isExternalLink('http://example.org/')).toBe(false)
    expect(isExternalLink('mailto:x@example.org')).toBe(false)
    expect(isExternalLink('smb://server/share')).toBe(false)
  })

  it('tells the Get Help page from the Console and from foreign pages', () => {
    const isOwn = createOriginCheck('/app/out/renderer', 'http://localhost:5173')
    expect(isAppPage('file:///app/out/renderer/gethelp.html', 'gethelp', isOwn)).toBe(true)
    expect(isAppPage('http://localhost:5173/gethelp.html#/session', 'gethelp', isOwn)).toBe(true)
    expect(isAppPage('file:///app/out/renderer/console.html', 'gethelp', isOwn)).toBe(false)
    expect(isAppPage('https://evil.example/gethelp.html', 'gethelp', isOwn)).toBe(false)
    expect(isAppPage(null, 'gethelp', isOwn)).toBe(false)
  })

  it('lets only the Get Help page call capture and input, and any own page the rest', () => {
    const check = createSenderCheck(createOriginCheck('/app/out/renderer'))
    const getHelp = 'file:///app/out/renderer/gethelp.html'
    const console = 'file:///app/out/renderer/console.html'
    for (const channel of ['capture.sources', 'capture.choose', 'input.setControl', 'input.apply'] as const) {
      expect(check(getHelp, channel)).toBe(true)
      expect(check(console, channel)).toBe(false)
      expect(check('https://evil.example/gethelp.html', channel)).toBe(false)
    }
    expect(check(console, 'app.info')).toBe(true)
    expect(check('https://evil.example/', 'app.info')).toBe(false)
  })

  it('lets only the Console page sign in through the system browser', () => {
    const check = createSenderCheck(createOriginCheck('/app/out/renderer'))
    for (const channel of ['sso.signIn', 'sso.cancel'] as const) {
      expect(check('file:///app/out/renderer/console.html', channel)).toBe(true)
      expect(check('file:///app/out/renderer/gethelp.html', channel)).toBe(false)
      expect(check('https://evil.example/console.html', channel)).toBe(false)
    }
  })

  describe('permissions', () => {
    const getHelp = 'file:///app/out/renderer/gethelp.html'
    const rules = createPermissionRules((url) => url === getHelp)
    const page = (url: string) => ({ getURL: () => url })
    const request = (permission: string, details: Parameters<typeof rules.request>[3], url = getHelp) => {
      const callback = vi.fn()
      rules.request(page(url), permission, callback, details)
      return callback.mock.calls[0]![0] as boolean
    }

    it('grants screen capture to the Get Help page, video only, in its top frame', () => {
      expect(request('display-capture', { requestingUrl: getHelp, isMainFrame: true, mediaTypes: ['video'] })).toBe(
        true,
      )
      expect(rules.check(page(getHelp), 'display-capture', 'file://', { isMainFrame: true, mediaType: 'video' })).toBe(
        true,
      )
    })

    it('denies capture to other pages, sub-frames and with audio, and every other permission', () => {
      const console = 'file:///app/out/renderer/console.html'
      expect(request('display-capture', { requestingUrl: console, isMainFrame: true }, console)).toBe(false)
      expect(request('display-capture', { requestingUrl: getHelp, isMainFrame: false })).toBe(false)
      expect(
        request('display-capture', { requestingUrl: getHelp, isMainFrame: true, mediaTypes: ['video', 'audio'] }),
      ).toBe(false)
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
        expect(request(permission, { requestingUrl: getHelp, isMainFrame: true })).toBe(false)
        expect(rules.check(page(getHelp), permission, 'file://', { requestingUrl: getHelp, isMainFrame: true })).toBe(
          false,
        )
      }
      expect(rules.check(null, 'display-capture', 'https://evil.example', { isMainFrame: true })).toBe(false)
    })
  })
})
