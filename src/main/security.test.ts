import { describe, expect, it, vi } from 'vitest'
import { createOriginCheck, hardenWebContents, isExternalLink, secureWebPreferences } from './security'

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
})
