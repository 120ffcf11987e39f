import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InjectOptions } from 'fastify'
import WebSocket from 'ws'
import type { AccountDirectory, InvitationCreated, LinkCreated } from '@shared/accounts/accounts'
import type { AuditPage } from '@shared/admin/audit'
import { closeCodes } from '@shared/hubProtocol'
import { hashPassword } from '../auth/passwords'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { ensureGroups, seedDemoOrganisation, type DemoLogin } from '../seed'
import { createAccount, createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'
import { AccountsService } from './service'

const goodPassword = 'purple tractor under the bridge'

for (const backend of testBackends()) {
  describe(`accounts and invitations on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let realtime: Realtime
    let logins: DemoLogin[]
    let wsUrl: string
    const headers = new Map<string, { authorization: string }>()
    let addresses = 0

    const inject = (options: InjectOptions) => {
      addresses += 1
      return app.inject({ ...options, remoteAddress: `10.77.${addresses >> 8}.${addresses & 255}` })
    }
    async function signIn(email: string, password: string) {
      const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
      expect(response.statusCode, response.body).toBe(200)
      return { authorization: `Bearer ${response.json<{ token: string }>().token}` }
    }
    const as = (who: string) => headers.get(who)!
    const invite = async (email: string, role = 'agent', who = 'admin') =>
      inject({ method: 'POST', url: '/api/admin/invitations', headers: as(who), payload: { email, role } })
    const accept = (token: string, password = goodPassword, displayName = 'Nina Neumann') =>
      inject({ method: 'POST', url: '/api/account-links/accept-invitation', payload: { token, displayName, password } })
    const directory = async (who = 'admin') =>
      (await inject({ method: 'GET', url: '/api/admin/accounts', headers: as(who) })).json<AccountDirectory>()
    const adminPost = (path: string, who = 'admin') => inject({ method: 'POST', url: path, headers: as(who) })

    /** Invites and accepts: a fresh account, signed in. */
    async function newAccount(email: string, role = 'agent') {
      const created = (await invite(email, role)).json<InvitationCreated>()
      const accepted = await accept(created.token)
      expect(accepted.statusCode, accepted.body).toBe(200)
      const body = accepted.json<{ token: string; account: { id: string; role: string } }>()
      return { id: body.account.id, headers: { authorization: `Bearer ${body.token}` }, token: body.token }
    }

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      logins = await seedDemoOrganisation(db)
      await ensureGroups(db)
      realtime = new Realtime()
      app = await buildApp(db, realtime, { webDir: '/nonexistent', logLevel: 'silent' })
      await app.listen({ host: '127.0.0.1', port: 0 })
      const address = app.server.address()
      wsUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ws`
      for (const login of logins) headers.set(login.role, await signIn(login.email, login.password))
      const other = await createOrganisation(db, 'Fabrikam')
      await createAccount(db, {
        organisationId: other.id,
        email: 'root@fabrikam.example',
        displayName: 'Fabrikam Admin',
        role: 'admin',
        passwordHash: await hashPassword('correct horse battery staple'),
      })
      headers.set('fabrikam', await signIn('root@fabrikam.example', 'correct horse battery staple'))
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('invites by e-mail: the link is shown once, opens, and creates the account with the invited role', async () => {
      const response = await invite('Nina.Neumann@Example.org', 'specialist')
      expect(response.statusCode, response.body).toBe(201)
      const created = response.json<InvitationCreated>()
      expect(created.invitation).toMatchObject({ email: 'nina.neumann@example.org', role: 'specialist', state: 'open' })
      const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000
      expect(days).toBeGreaterThan(6.9)
      expect(days).toBeLessThanOrEqual(7)
      // Only the hash is stored.
      const stored = await db.query<{ token_hash: string }>('select token_hash from account_links')
      expect(stored.some((row) => row.token_hash === created.token)).toBe(false)

      const info = await inject({
        method: 'POST',
        url: '/api/account-links/inspect',
        payload: { token: created.token },
      })
      expect(info.json()).toMatchObject({
        kind: 'invitation',
        email: 'nina.neumann@example.org',
        organisation: 'Demo Organisation',
      })

      const accepted = await accept(created.token)
      expect(accepted.statusCode, accepted.body).toBe(200)
      const me = await inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${accepted.json<{ token: string }>().token}` },
      })
      expect(me.json()).toMatchObject({
        email: 'nina.neumann@example.org',
        role: 'specialist',
        displayName: 'Nina Neumann',
      })
      expect((await signIn('nina.neumann@example.org', goodPassword)).authorization).toMatch(/^Bearer /)

      // One-time: the same link again is refused, and creates nothing.
      const again = await accept(created.token, 'another long passphrase')
      expect(again.statusCode).toBe(410)
      expect(again.json()).toMatchObject({ error: 'link_used' })
      expect((await directory()).invitations.find((i) => i.id === created.invitation.id)?.state).toBe('used')
    })

    it('refuses weak passwords with the reason and changes nothing', async () => {
      const created = (await invite('weak.one@example.org')).json<InvitationCreated>()
      const cases: Array<[string, string]> = [
        ['short', 'password_too_short'],
        ['qwerty123456', 'password_common'],
        ['Password12345!', 'password_common'],
        ['weak.one is my password', 'password_contains_email'],
        ['x'.repeat(257), 'password_too_long'],
      ]
      for (const [password, error] of cases) {
        const response = await accept(created.token, password)
        expect(response.statusCode, password).toBe(400)
        expect(response.json()).toMatchObject({ error })
        expect(response.json<{ message: string }>().message.length).toBeGreaterThan(10)
      }
      expect((await directory()).accounts.some((a) => a.email === 'weak.one@example.org')).toBe(false)
      expect((await accept(created.token)).statusCode).toBe(200)
    })

    it('refuses expired, revoked, replaced and unknown links clearly', async () => {
      const service = new AccountsService(db, realtime)
      const admin = (await inject({ method: 'GET', url: '/api/auth/me', headers: as('admin') })).json()
      const old = await service.invite(
        admin,
        { email: 'late@example.org', role: 'agent' },
        'http://desk.test',
        new Date(Date.now() - 8 * 86_400_000),
      )
      expect((await accept(old.token)).json()).toMatchObject({ error: 'link_expired' })

      const first = (await invite('twice@example.org')).json<InvitationCreated>()
      const second = (await invite('twice@example.org')).json<InvitationCreated>()
      expect((await accept(first.token)).json()).toMatchObject({ error: 'link_revoked' })
      const revoke = await adminPost(`/api/admin/invitations/${second.invitation.id}/revoke`)
      expect(revoke.json()).toMatchObject({ state: 'revoked' })
      expect((await adminPost(`/api/admin/invitations/${second.invitation.id}/revoke`)).statusCode).toBe(409)
      expect((await accept(second.token)).json()).toMatchObject({ error: 'link_revoked' })

      const unknown = await accept('A'.repeat(43))
      expect(unknown.statusCode).toBe(404)
      expect((await accept('too-short')).statusCode).toBe(400)
      expect((await invite(logins[0]!.email)).statusCode).toBe(409)
    })

    it('is for admins of the organisation only: others get 403, another organisation 404 or nothing', async () => {
      expect((await inject({ method: 'GET', url: '/api/admin/accounts', headers: as('agent') })).statusCode).toBe(403)
      expect((await invite('x@example.org', 'admin', 'specialist')).statusCode).toBe(403)
      expect((await inject({ method: 'GET', url: '/api/admin/accounts' })).statusCode).toBe(401)

      await invite('still.open@example.org')
      const demo = await directory()
      const theirs = await directory('fabrikam')
      expect(theirs.accounts.map((a) => a.email)).toEqual(['root@fabrikam.example'])
      expect(theirs.invitations).toEqual([])
      const agent = demo.accounts.find((a) => a.role === 'agent')!
      const invitation = demo.invitations.find((i) => i.state === 'open')!
      const before = await directory()
      for (const path of [
        `/api/admin/accounts/${agent.id}/deactivate`,
        `/api/admin/accounts/${agent.id}/reactivate`,
        `/api/admin/accounts/${agent.id}/reset-link`,
        `/api/admin/invitations/${invitation.id}/revoke`,
      ]) {
        const response = await adminPost(path, 'fabrikam')
        expect(response.statusCode, path).toBe(404)
      }
      const role = await inject({
        method: 'PUT',
        url: `/api/admin/accounts/${agent.id}/role`,
        headers: as('fabrikam'),
        payload: { role: 'admin' },
      })
      expect(role.statusCode).toBe(404)
      expect(await directory()).toEqual(before)
      expect((await adminPost(`/api/admin/accounts/${randomUUID()}/deactivate`)).statusCode).toBe(404)
    })

    it('changes roles, but never the own admin role nor the last active admin', async () => {
      const admin = demoAdminId()
      const selfDemote = await inject({
        method: 'PUT',
        url: `/api/admin/accounts/${await admin}/role`,
        headers: as('admin'),
        payload: { role: 'agent' },
      })
      expect(selfDemote.statusCode).toBe(409)
      expect((await adminPost(`/api/admin/accounts/${await admin}/deactivate`)).json()).toMatchObject({
        error: 'own_account',
      })
      const second = await newAccount('second.admin@example.org', 'admin')
      const demote = await inject({
        method: 'PUT',
        url: `/api/admin/accounts/${second.id}/role`,
        headers: as('admin'),
        payload: { role: 'specialist' },
      })
      expect(demote.statusCode).toBe(200)
      expect(demote.json()).toMatchObject({ role: 'specialist', state: 'active' })
      const bad = await inject({
        method: 'PUT',
        url: `/api/admin/accounts/${second.id}/role`,
        headers: as('admin'),
        payload: { role: 'root' },
      })
      expect(bad.statusCode).toBe(400)
    })

    async function demoAdminId() {
      return (await directory()).accounts.find((a) => a.email === 'admin@demo.firstline.local')!.id
    }

    it('deactivating ends the account at once: its live socket closes, its tokens and sign-in stop; its tickets stay', async () => {
      const victim = await newAccount('leaving@example.org')
      const ticketId = randomUUID()
      const push = await inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: victim.headers,
        payload: {
          commands: [
            {
              type: 'create_ticket',
              commandId: randomUUID(),
              ticketId,
              baseVersion: null,
              deviceTime: '2026-11-23T09:00:00.000Z',
              payload: {
                subject: 'Printer offline',
                description: '',
                channel: 'phone',
                requester: { name: 'Jana Nowak', email: null, phone: null, device: null },
                type: 'incident',
                category: 'office_and_apps',
                impact: 'low',
                urgency: 'low',
                tags: [],
              },
            },
          ],
        },
      })
      expect(push.statusCode, push.body).toBe(200)

      const socket = new WebSocket(wsUrl)
      const messages: Array<{ type: string; error?: string }> = []
      socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }))
      const closed = new Promise<number>((resolve) => socket.once('close', resolve))
      await new Promise((resolve) => socket.once('open', resolve))
      socket.send(JSON.stringify({ type: 'hello', token: victim.token }))
      await expect.poll(() => messages.some((m) => m.type === 'welcome')).toBe(true)

      const response = await adminPost(`/api/admin/accounts/${victim.id}/deactivate`)
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ state: 'disabled' })
      expect(await closed).toBe(closeCodes.unauthorized)
      expect(messages.at(-1)).toMatchObject({ type: 'error', error: 'account_ended' })

      expect((await inject({ method: 'GET', url: '/api/auth/me', headers: victim.headers })).statusCode).toBe(401)
      const login = await inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'leaving@example.org', password: goodPassword },
      })
      expect(login.statusCode).toBe(401)
      expect((await adminPost(`/api/admin/accounts/${victim.id}/reset-link`)).statusCode).toBe(409)
      const ticket = await inject({ method: 'GET', url: `/api/tickets/${ticketId}`, headers: as('admin') })
      expect(ticket.statusCode).toBe(200)

      expect((await adminPost(`/api/admin/accounts/${victim.id}/reactivate`)).json()).toMatchObject({ state: 'active' })
      expect((await signIn('leaving@example.org', goodPassword)).authorization).toMatch(/^Bearer /)
    })

    it('a reset link sets a new password once and ends every other sign-in of the account', async () => {
      const user = await newAccount('forgetful@example.org')
      const link = (await adminPost(`/api/admin/accounts/${user.id}/reset-link`)).json<LinkCreated>()
      const info = await inject({ method: 'POST', url: '/api/account-links/inspect', payload: { token: link.token } })
      expect(info.json()).toMatchObject({ kind: 'reset', email: 'forgetful@example.org', displayName: 'Nina Neumann' })
      const reset = (password: string) =>
        inject({ method: 'POST', url: '/api/account-links/reset-password', payload: { token: link.token, password } })
      expect((await reset('forgetful12345')).json()).toMatchObject({ error: 'password_contains_email' })
      const done = await reset('a brand new passphrase')
      expect(done.statusCode, done.body).toBe(200)
      expect((await inject({ method: 'GET', url: '/api/auth/me', headers: user.headers })).statusCode).toBe(401)
      expect((await reset('yet another passphrase')).json()).toMatchObject({ error: 'link_used' })
      await signIn('forgetful@example.org', 'a brand new passphrase')
      // An invitation token is no reset token.
      const invitation = (await invite('not.a.reset@example.org')).json<InvitationCreated>()
      const wrongKind = await inject({
        method: 'POST',
        url: '/api/account-links/reset-password',
        payload: { token: invitation.token, password: 'a brand new passphrase' },
      })
      expect(wrongKind.statusCode).toBe(404)
    })

    it('users change their own name, language and password (with the current one)', async () => {
      const user = await newAccount('myself@example.org')
      const elsewhere = await signIn('myself@example.org', goodPassword)
      const profile = await inject({
        method: 'PUT',
        url: '/api/account/profile',
        headers: user.headers,
        payload: { displayName: 'Nina N.', language: 'de' },
      })
      expect(profile.json()).toMatchObject({ displayName: 'Nina N.', language: 'de' })
      expect(
        (await inject({ method: 'PUT', url: '/api/account/profile', headers: user.headers, payload: {} })).statusCode,
      ).toBe(400)
      expect(
        (
          await inject({
            method: 'PUT',
            url: '/api/account/profile',
            headers: user.headers,
            payload: { language: 'fr' },
          })
        ).statusCode,
      ).toBe(400)

      const change = (currentPassword: string, newPassword: string) =>
        inject({
          method: 'POST',
          url: '/api/account/password',
          headers: user.headers,
          payload: { currentPassword, newPassword },
        })
      expect((await change('wrong password here', 'a brand new passphrase')).statusCode).toBe(403)
      expect((await change(goodPassword, 'iloveyou1234')).json()).toMatchObject({ error: 'password_common' })
      expect((await change(goodPassword, 'a brand new passphrase')).statusCode).toBe(204)
      expect((await inject({ method: 'GET', url: '/api/auth/me', headers: user.headers })).json()).toMatchObject({
        language: 'de',
      })
      expect((await inject({ method: 'GET', url: '/api/auth/me', headers: elsewhere })).statusCode).toBe(401)
    })

    it('records every admin action in the audit log, without the links', async () => {
      const page = (
        await inject({ method: 'GET', url: '/api/admin/audit?limit=200', headers: as('admin') })
      ).json<AuditPage>()
      const actions = new Set(page.entries.map((e) => e.action))
      for (const action of [
        'invitation.created',
        'invitation.revoked',
        'account.role_changed',
        'account.deactivated',
        'account.reactivated',
        'account.reset_link_created',
      ])
        expect(actions, action).toContain(action)
      expect(JSON.stringify(page)).not.toMatch(/token/i)
      const theirs = (
        await inject({ method: 'GET', url: '/api/admin/audit', headers: as('fabrikam') })
      ).json<AuditPage>()
      expect(theirs.entries).toEqual([])
    })
  })
}
