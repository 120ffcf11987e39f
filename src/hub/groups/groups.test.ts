import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultGroups, type GroupDirectory } from '@shared/groups'
import { ticketSchema } from '@shared/tickets/model'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation, type DemoLogin } from '../seed'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'

const deviceTime = '2026-11-23T09:00:00.000Z'

for (const backend of testBackends()) {
  describe(`specialist groups and escalation on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let logins: DemoLogin[]
    const tokens = new Map<string, string>()

    async function auth(role: DemoLogin['role']): Promise<{ authorization: string }> {
      if (!tokens.has(role)) {
        const login = logins.find((l) => l.role === role)!
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: login.email, password: login.password },
        })
        tokens.set(role, response.json<{ token: string }>().token)
      }
      return { authorization: `Bearer ${tokens.get(role)}` }
    }

    async function put(role: DemoLogin['role'], url: string, payload: unknown) {
      return app.inject({ method: 'PUT', url, headers: await auth(role), payload: payload as object })
    }

    async function push(role: DemoLogin['role'], command: Record<string, unknown>) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: await auth(role),
        payload: { commands: [{ commandId: randomUUID(), deviceTime, ...command }] },
      })
      expect(response.statusCode).toBe(200)
      return response.json<{ results: Array<{ status: string; error?: string; message?: string }> }>().results[0]!
    }

    async function ticket(id: string) {
      const response = await app.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: await auth('agent') })
      return response.json<{ ticket: unknown; events: Array<{ type: string; payload: unknown }> }>()
    }

    async function newTicket(): Promise<string> {
      const ticketId = randomUUID()
      const result = await push('agent', {
        ticketId,
        baseVersion: null,
        type: 'create_ticket',
        payload: {
          subject: 'Cannot resolve intranet names',
          description: 'nslookup fails',
          channel: 'phone',
          requester: { name: 'Eva Klein', email: null, phone: null, device: null },
          type: 'incident',
          category: 'network',
          impact: 'medium',
          urgency: 'medium',
        },
      })
      expect(result.status).toBe('applied')
      return ticketId
    }

    const handoff = (targetGroup: string) => ({
      symptoms: 'Intranet names do not resolve; IP addresses work',
      impact: 'medium',
      urgency: 'medium',
      impactReason: 'One user, can work with bookmarks by IP',
      stepsTried: 'ipconfig /flushdns, reboot, checked the DNS servers',
      articlesTried: [],
      diagnostics: null,
      session: null,
      workaround: { applied: false },
      reachability: 'Mornings, desk phone 1234',
      targetGroup,
    })

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      logins = await seedDemoOrganisation(db)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it("lists the catalogue's default groups with their members and the caller's own groups", async () => {
      const response = await app.inject({ method: 'GET', url: '/api/groups', headers: await auth('specialist') })
      expect(response.statusCode).toBe(200)
      const directory = response.json<GroupDirectory>()
      expect(directory.groups.map((g) => g.id)).toEqual(defaultGroups.map((g) => g.id))
      expect(directory.mine).toEqual(expect.arrayContaining(['network', 'servers', 'vpn_auth']))
      const network = directory.groups.find((g) => g.id === 'network')!
      expect(network.members.map((m) => m.name)).toEqual(['Sam Specialist'])
      const agentView = await app.inject({ method: 'GET', url: '/api/groups', headers: await auth('agent') })
      expect(agentView.json<GroupDirectory>().mine).toEqual([])
    })

    it('lets only an admin configure groups and members, and refuses bad input unchanged', async () => {
      const body = {
        name: 'Printing',
        scope: 'Print servers and queues',
        categories: ['peripherals'],
        findingTags: ['printer'],
      }
      const byAgent = await put('agent', '/api/groups/printing', body)
      expect(byAgent.statusCode).toBe(403)
      const bad = await put('admin', '/api/groups/Printing!', body)
      expect(bad.statusCode).toBe(400)
      const created = await put('admin', '/api/groups/printing', body)
      expect(created.statusCode).toBe(200)
      const unknownMember = await put('admin', '/api/groups/printing/members', { accountIds: [randomUUID()] })
      expect(unknownMember.statusCode).toBe(400)
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: await auth('agent') })
      const agentId = me.json<{ id: string }>().id
      const members = await put('admin', '/api/groups/printing/members', { accountIds: [agentId] })
      expect(members.json<{ members: Array<{ name: string }> }>().members.map((m) => m.name)).toEqual(['Alex Agent'])
      const directory = (
        await app.inject({ method: 'GET', url: '/api/groups', headers: await auth('agent') })
      ).json<GroupDirectory>()
      expect(directory.mine).toEqual(['printing'])
    })

    it('escalates with the handoff to a known group only; the record keeps every field', async () => {
      const id = await newTicket()
      const unknown = await push('agent', {
        ticketId: id,
        baseVersion: 1,
        type: 'escalate',
        payload: { handoff: handoff('astrology') },
      })
      expect(unknown).toMatchObject({ status: 'rejected', error: 'unknown_group' })
      const missing = await push('agent', {
        ticketId: id,
        baseVersion: 1,
        type: 'escalate',
        payload: { handoff: { ...handoff('servers'), stepsTried: '' } },
      })
      expect(missing).toMatchObject({ status: 'rejected', error: 'invalid_command' })
      expect(missing.message).toMatch(/steps already tried/)
      expect(ticketSchema.parse((await ticket(id)).ticket)).toMatchObject({ level: 1, version: 1 })

      const done = await push('agent', {
        ticketId: id,
        baseVersion: 1,
        type: 'escalate',
        payload: { handoff: handoff('servers') },
      })
      expect(done.status).toBe('applied')
      const after = await ticket(id)
      expect(ticketSchema.parse(after.ticket)).toMatchObject({ level: 2, group: 'servers', assignee: null })
      const escalated = after.events.find((e) => e.type === 'escalated')
      expect(escalated?.payload).toMatchObject({ handoff: handoff('servers') })
    })

    it('lets the specialist hand back with a note, and not the agent', async () => {
      const id = await newTicket()
      await push('agent', { ticketId: id, baseVersion: 1, type: 'escalate', payload: { handoff: handoff('servers') } })
      const byAgent = await push('agent', {
        ticketId: id,
        baseVersion: 2,
        type: 'hand_back',
        payload: { note: 'Mine again' },
      })
      expect(byAgent).toMatchObject({ status: 'rejected', error: 'forbidden' })
      const back = await push('specialist', {
        ticketId: id,
        baseVersion: 2,
        type: 'hand_back',
        payload: { note: 'DNS is fine; the laptop had a hosts file entry. Remove it with the user.' },
      })
      expect(back.status).toBe('applied')
      const after = await ticket(id)
      expect(ticketSchema.parse(after.ticket)).toMatchObject({ level: 1, group: null })
      expect(after.events.map((e) => e.type)).toContain('handed_back')
    })
  })
}
