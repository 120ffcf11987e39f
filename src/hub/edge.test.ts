import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Realtime } from './realtime'
import { buildApp } from './server'
import { migrate } from './storage/migrate'
import { testBackends } from './storage/testDatabases'

for (const backend of testBackends()) {
  describe(`hub edge on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let webDir: string
    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      webDir = mkdtempSync(join(tmpdir(), 'firstline-web-'))
      for (const page of ['console.html', 'gethelp.html']) writeFileSync(join(webDir, page), '<!doctype html>')
      app = await buildApp(db, new Realtime(), {
        webDir,
        logLevel: 'silent',
        allowedOrigins: ['https://desk.example'],
      })
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
      rmSync(webDir, { recursive: true, force: true })
    })

    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/auth/login',
        headers: {
          host: 'hub.example:4780',
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      })

    it('lets the hub’s own pages, the desktop app and configured origins call the API across origins', async () => {
      for (const origin of ['http://hub.example:4780', 'null', 'https://desk.example']) {
        const response = await preflight(origin)
        expect(response.statusCode, origin).toBe(204)
        expect(response.headers['access-control-allow-origin'], origin).toBe(origin)
      }
      const get = await app.inject({
        method: 'GET',
        url: '/api/public/organisation',
        headers: { host: 'hub.example:4780', origin: 'null' },
      })
      expect(get.headers['access-control-allow-origin']).toBe('null')
      expect(get.headers['access-control-expose-headers']).toContain('Retry-After')
    })

    it('gives any other origin no CORS permission, for preflights and plain requests alike', async () => {
      for (const origin of ['https://evil.example', 'http://desk.example', 'https://hub.example:4780.evil.example']) {
        const response = await preflight(origin)
        expect(response.statusCode, origin).toBe(404)
        expect(response.headers['access-control-allow-origin'], origin).toBeUndefined()
      }
      const get = await app.inject({
        method: 'GET',
        url: '/health',
        headers: { host: 'hub.example:4780', origin: 'https://evil.example' },
      })
      expect(get.headers['access-control-allow-origin']).toBeUndefined()
    })

    it('sends the security headers and the windows’ content policy with the web pages', async () => {
      for (const url of ['/', '/gethelp']) {
        const response = await app.inject({ method: 'GET', url })
        expect(response.statusCode, url).toBe(200)
        const csp = response.headers['content-security-policy'] as string
        expect(csp).toContain("default-src 'self'")
        expect(csp).toContain("script-src 'self'")
        expect(csp).toContain("connect-src 'self' http: https: ws: wss:")
        expect(csp).toContain("media-src 'self' blob: mediastream:")
        expect(csp).toContain("frame-ancestors 'none'")
        expect(csp).not.toContain('upgrade-insecure-requests')
        expect(response.headers['x-content-type-options']).toBe('nosniff')
        expect(response.headers['x-frame-options']).toBe('DENY')
        expect(response.headers['referrer-policy']).toBe('no-referrer')
      }
    })
  })
}
