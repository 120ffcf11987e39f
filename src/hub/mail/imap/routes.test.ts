import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@shared/auth'
import type { Mailbox, MailboxTestResult } from '@shared/mail/inboundMailbox'
import { newSessionToken } from '../../auth/tokens'
import { Realtime } from '../../realtime'
import { buildApp } from '../../server'
import { createSecretBox, isSealed } from '../../signIn/secretBox'
import { createAccount, createAuthSession, createOrganisation, findAccountForLogin } from '../../storage/accounts'
import { migrate } from '../../storage/migrate'
import { testBackends } from '../../storage/testDatabases'
import { intakeMessage } from '../intake/service'

const input = (over: Record<string, unknown> = {}) => ({
  name: 'Support',
  address: 'Support@Desk.example',
  host: '127.0.0.1',
  port: 1,
  security: 'none',
  username: 'support@desk.example',
  password: 'mailbox-secret',
  folder: 'INBOX',
  enabled: false,
  ...over,
})

for (const backend of testBackends()) {
  describe(`mailbox administration on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    const tokens: Record<string, string> = {}
    const orgs: Record<string, string> = {}
    const secrets = createSecretBox(Buffer.alloc(32, 7))

    async function person(key: string, role: Role, organisationId: string) {
      await createAccount(db, {
        organisationId,
        email: `${key}@example.org`,
        displayName: key,
        role,
        passwordHash: 'x',
      })
      const account = (await findAccountForLogin(db, `${key}@example.org`))!.account
      const { token, tokenHash } = newSessionToken()
      await createAuthSession(db, account.id, tokenHash, new Date(Date.now() + 3_600_000))
      tokens[key] = token
    }
    async function api<T = unknown>(
      who: string,
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      payload?: unknown,
    ) {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${tokens[who]}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      return { status: response.statusCode, body: response.body ? response.json<T>() : (null as T) }
    }
    const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params))[0]!.n

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      orgs.a = (await createOrganisation(db, 'Desk A')).id
      orgs.b = (await createOrganisation(db, 'Desk B')).id
      await person('adminA', 'admin', orgs.a)
      await person('agentA', 'agent', orgs.a)
      await person('adminB', 'admin', orgs.b)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent', secrets })
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('adds, lists, changes and removes a mailbox, sealing the password and auditing each step', async () => {
      const created = await api<Mailbox>('adminA', 'POST', '/api/admin/mailboxes', input())
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ address: 'support@desk.example', passwordSet: true, lastUid: 0 })
      expect(JSON.stringify(created.body)).not.toContain('mailbox-secret')
      const [row] = await db.query<{ password: string }>('select password from mailboxes where id = $1', [
        created.body.id,
      ])
      expect(isSealed(row!.password)).toBe(true)

      const { password: _omit, ...withoutPassword } = input({ name: 'Helpdesk', folder: 'Support' })
      const changed = await api<Mailbox>('adminA', 'PUT', `/api/admin/mailboxes/${created.body.id}`, withoutPassword)
      expect(changed.status).toBe(200)
      expect(changed.body).toMatchObject({ name: 'Helpdesk', folder: 'Support', passwordSet: true })
      const listed = await api<{ mailboxes: Mailbox[] }>('adminA', 'GET', '/api/admin/mailboxes')
      expect(listed.body.mailboxes.map((m) => m.name)).toEqual(['Helpdesk'])

      expect((await api('adminA', 'DELETE', `/api/admin/mailboxes/${created.body.id}`)).status).toBe(204)
      expect((await api<{ mailboxes: Mailbox[] }>('adminA', 'GET', '/api/admin/mailboxes')).body.mailboxes).toEqual([])
      const actions = await db.query<{ action: string; details: unknown }>(
        `select action, details from admin_audit where organisation_id = $1 and action like 'mailbox.%' order by seq`,
        [orgs.a],
      )
      expect(actions.map((a) => a.action)).toEqual(['mailbox.added', 'mailbox.updated', 'mailbox.removed'])
      expect(JSON.stringify(actions)).not.toContain('mailbox-secret')
    })

    it('refuses bad input and non-admins with a clear answer, changing nothing', async () => {
      const before = await count('select count(*)::int as n from mailboxes')
      const noPassword = await api<{ error: string; message: string }>('adminA', 'POST', '/api/admin/mailboxes', {
        ...input(),
        password: undefined,
      })
      expect(noPassword).toMatchObject({ status: 400, body: { message: expect.stringContaining('password') } })
      for (const bad of [
        input({ port: 0 }),
        input({ security: 'ssl' }),
        input({ host: 'imap://x/y' }),
        input({ address: 'nope' }),
      ]) {
        expect((await api('adminA', 'POST', '/api/admin/mailboxes', bad)).status).toBe(400)
      }
      expect((await api('agentA', 'POST', '/api/admin/mailboxes', input())).status).toBe(403)
      expect((await api('agentA', 'GET', '/api/admin/mailboxes')).status).toBe(403)
      expect(await count('select count(*)::int as n from mailboxes')).toBe(before)
    })

    it('keeps each organisation to its own mailboxes', async () => {
      const mine = await api<Mailbox>('adminA', 'POST', '/api/admin/mailboxes', input())
      const url = `/api/admin/mailboxes/${mine.body.id}`
      expect((await api<{ mailboxes: Mailbox[] }>('adminB', 'GET', '/api/admin/mailboxes')).body.mailboxes).toEqual([])
      expect((await api('adminB', 'PUT', url, input({ name: 'Taken' }))).status).toBe(404)
      expect((await api('adminB', 'POST', `${url}/test`)).status).toBe(404)
      expect((await api('adminB', 'DELETE', url)).status).toBe(404)
      const still = await api<{ mailboxes: Mailbox[] }>('adminA', 'GET', '/api/admin/mailboxes')
      expect(still.body.mailboxes).toMatchObject([{ id: mine.body.id, name: 'Support' }])
    })

    it('reports what happened when the mailbox cannot be reached', async () => {
      const box = await api<Mailbox>('adminA', 'POST', '/api/admin/mailboxes', input({ name: 'Closed port' }))
      const result = await api<MailboxTestResult>('adminA', 'POST', `/api/admin/mailboxes/${box.body.id}/test`)
      expect(result.status).toBe(200)
      expect(result.body).toMatchObject({
        ok: false,
        stage: 'connect',
        serverResponse: expect.stringMatching(/ECONNREFUSED/),
      })
    })

    it('shows the full text of a received mail only to its own organisation', async () => {
      const outcome = await intakeMessage(db, {
        organisationId: orgs.a!,
        message: {
          messageId: 'full-text@kunde.example',
          inReplyTo: null,
          references: [],
          from: { address: 'anna@kunde.example', name: 'Anna' },
          subject: 'Printer',
          text: 'It jams.\n\nOn Mon, 3 Mar 2025, Desk wrote:\n> old text',
          autoReply: null,
          bulk: false,
          bounce: null,
        },
        position: null,
      })
      if (outcome.kind !== 'new') throw new Error(outcome.kind)
      const url = `/api/tickets/${outcome.ticketId}/mail/${encodeURIComponent(outcome.eventId)}`
      const mine = await api<{ text: string; sender: string }>('agentA', 'GET', url)
      expect(mine).toMatchObject({ status: 200, body: { sender: 'anna@kunde.example' } })
      expect(mine.body.text).toContain('> old text')
      expect((await api('adminB', 'GET', url)).status).toBe(404)
    })
  })
}
