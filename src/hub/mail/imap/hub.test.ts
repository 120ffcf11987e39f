import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mailbox } from '@shared/mail/inboundMailbox'
import type { Ticket } from '@shared/tickets/model'
import { startHub, type Hub } from '../../server'
import { mailServerAvailable, startMailServer, type TestMailServer } from '../mailServer.testing'
import { appendMail } from './mailbox.testing'

async function eventually<T>(check: () => Promise<T | null | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.skipIf(!mailServerAvailable())('a running hub reading the mailbox an admin added', () => {
  let server: TestMailServer
  let hub: Hub
  let dataDir: string
  const tokens: Record<string, string> = {}
  const call = async <T>(who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await hub.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload ? { payload } : {}),
    })
    return { status: response.statusCode, body: response.json<T>() }
  }

  beforeAll(async () => {
    server = (await startMailServer())!
    dataDir = mkdtempSync(join(tmpdir(), 'firstline-mail-hub-'))
    hub = await startHub({ host: '127.0.0.1', port: 0, dataDir, webDir: '/nonexistent', logLevel: 'silent' })
    for (const login of hub.demoLogins) {
      const response = await hub.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: login.email, password: login.password },
      })
      tokens[login.role] = response.json<{ token: string }>().token
    }
  }, 60_000)
  afterAll(async () => {
    await hub?.close()
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('turns mail to the new mailbox into a ticket the agent’s sync brings, filed under the demo customer', async () => {
    const added = await call<Mailbox>('admin', 'POST', '/api/admin/mailboxes', {
      name: 'Support',
      address: 'support@desk.test',
      host: server.imap.host,
      port: server.imap.port,
      security: 'none',
      username: 'support@desk.test',
      password: server.users.support.password,
      folder: 'INBOX',
      enabled: true,
    })
    expect(added.status).toBe(201)
    const tested = await call<{ ok: boolean }>('admin', 'POST', `/api/admin/mailboxes/${added.body.id}/test`)
    expect(tested.body.ok).toBe(true)
    await appendMail(
      server,
      server.users.support,
      'From: Peter Keller <peter.keller@mueller.example>\r\nTo: support@desk.test\r\nSubject: VPN bricht ab\r\n' +
        'Message-ID: <vpn-1@mueller.example>\r\n\r\nDas VPN bricht jede Stunde ab.\r\n',
    )
    const ticket = await eventually(async () => {
      const changes = await call<{ tickets: Ticket[] }>('agent', 'GET', '/api/sync/changes?after=0&limit=500')
      return changes.body.tickets.find((t) => t.subject === 'VPN bricht ab')
    }, 'the ticket in the agent’s sync')
    expect(ticket).toMatchObject({ channel: 'email', requester: { email: 'peter.keller@mueller.example' } })
    expect(ticket.links?.customerId).not.toBeNull()
    const mailbox = await call<{ mailboxes: Mailbox[] }>('admin', 'GET', '/api/admin/mailboxes')
    expect(mailbox.body.mailboxes[0]).toMatchObject({ lastUid: 1, lastError: null })
  })
})
