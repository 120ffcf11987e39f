import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TicketCommandInput } from '@shared/tickets/commands'
import type { Actor } from '@shared/tickets/people'
import { statuses } from '@shared/tickets/status'
import { startTestHub } from '../../../../test/support/testHub'
import { toTicket } from './cachedTicket'
import { ConsoleDb } from './db'
import { submitCommand } from './submit'
import { PushRefusedError, SyncEngine, type SyncTransport } from './syncEngine'
import { httpSyncTransport } from './transport'

interface Client {
  name: string
  actor: Actor
  db: ConsoleDb
  engine: SyncEngine
  online: boolean
  /** The next push reaches the hub but its answer is lost, as when the app dies mid-sync. */
  loseNextResponse: boolean
  transport: SyncTransport
}

let hub: Awaited<ReturnType<typeof startTestHub>>
let db: Awaited<ReturnType<typeof startTestHub>>['db']

beforeAll(async () => {
  hub = await startTestHub()
  db = hub.db
})
afterAll(() => hub.close())

function flaky(client: () => Client, inner: SyncTransport): SyncTransport {
  const offline = () => new TypeError('fetch failed')
  return {
    async push(commands) {
      if (!client().online) throw offline()
      const response = await inner.push(commands)
      if (client().loseNextResponse) {
        client().loseNextResponse = false
        throw offline()
      }
      return response
    },
    async pull(after, limit) {
      if (!client().online) throw offline()
      return inner.pull(after, limit)
    },
  }
}

// One sign-in per role for the whole file: the hub rate-limits logins.
const sessions = new Map<string, Promise<{ token: string; account: import('@shared/auth').Account }>>()

async function newClient(role: 'agent' | 'specialist' | 'admin', run: string): Promise<Client> {
  if (!sessions.has(role)) sessions.set(role, hub.signIn(role))
  const { token, account } = await sessions.get(role)!
  const client = {} as Client
  const transport = flaky(() => client, httpSyncTransport(hub.url, token))
  Object.assign(client, {
    name: `${run}-${role}`,
    actor: { id: account.id, name: account.displayName, role: account.role },
    db: new ConsoleDb(`test-${run}-${role}`),
    online: true,
    loseNextResponse: false,
    transport,
  })
  client.engine = new SyncEngine(client.db, transport, client.actor)
  return client
}

/** Like a restart: the database is closed and opened again, and a new engine starts on it. */
async function restart(client: Client): Promise<void> {
  client.db.close()
  client.db = new ConsoleDb(client.db.name)
  await client.db.open()
  client.engine = new SyncEngine(client.db, client.transport, client.actor)
}

function createInput(subject: string): TicketCommandInput {
  return {
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId: randomUUID(),
    baseVersion: null,
    deviceTime: new Date().toISOString(),
    payload: {
      subject,
      description: '',
      channel: 'phone',
      requester: { name: 'Kim Berger', email: null, phone: null, device: null },
      type: 'incident',
      category: 'hardware',
      impact: 'low',
      urgency: 'medium',
    },
  }
}

async function edit(
  client: Client,
  ticketId: string,
  body: { type: string; payload: unknown },
): Promise<string | null> {
  const ticket = await client.db.tickets.get(ticketId)
  if (!ticket) return null
  const commandId = randomUUID()
  const input = {
    commandId,
    ticketId,
    baseVersion: ticket.version,
    deviceTime: new Date().toISOString(),
    ...body,
  } as TicketCommandInput
  return (await submitCommand(client.db, client.actor, input)).ok ? commandId : null
}

async function hubTickets() {
  const rows = await db.query<{ data: unknown }>('select data from tickets')
  return new Map(
    rows.map((r) => {
      const t = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { id: string }
      return [t.id, t]
    }),
  )
}

async function settle(clients: Client[]) {
  for (const client of clients) {
    client.online = true
    client.loseNextResponse = false
  }
  for (let round = 0; round < 2; round++) for (const client of clients) await client.engine.syncOnce()
}

describe('Console sync against a real hub', () => {
  it('sends offline edits once and shows a conflicting status change instead of dropping it', async () => {
    const [a, b] = [await newClient('agent', 'det'), await newClient('admin', 'det')]
    const create = createInput('Laptop will not boot')
    expect(await submitCommand(a.db, a.actor, create)).toEqual({ ok: true })
    await a.engine.syncOnce()
    await b.engine.syncOnce()

    a.online = false
    await edit(a, create.ticketId, { type: 'change_status', payload: { status: 'waiting_for_user' } })
    await edit(a, create.ticketId, {
      type: 'add_note',
      payload: { visibility: 'internal', body: 'asked for the model number' },
    })
    await expect(a.engine.syncOnce()).rejects.toThrow()
    expect(await a.db.outbox.count()).toBe(2)
    expect((await a.db.tickets.get(create.ticketId))!.status).toBe('waiting_for_user')

    await edit(b, create.ticketId, { type: 'change_status', payload: { status: 'in_progress' } })
    await b.engine.syncOnce()

    a.online = true
    a.loseNextResponse = true
    await expect(a.engine.syncOnce()).rejects.toThrow()
    await a.engine.syncOnce()

    expect(await a.db.outbox.count()).toBe(0)
    const problems = await a.db.problems.toArray()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({
      kind: 'conflict',
      field: 'status',
      yours: 'waiting_for_user',
      theirs: 'in_progress',
    })
    const local = toTicket((await a.db.tickets.get(create.ticketId))!)
    expect(local).toEqual((await hubTickets()).get(create.ticketId))
    expect(local.status).toBe('in_progress')
    const notes = await db.query('select 1 from ticket_events where ticket_id = $1 and data->>$2 = $3', [
      create.ticketId,
      'type',
      'internal_note',
    ])
    expect(notes).toHaveLength(1)
  })

  it('converges: any interleaving of edits, disconnects, lost answers and restarts ends equal to the hub, each command applied once', async () => {
    let run = 0
    const action = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), client: fc.nat(2) }),
      fc.record({ kind: fc.constant('note' as const), client: fc.nat(2), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('status' as const),
        client: fc.nat(2),
        pick: fc.nat(),
        status: fc.constantFrom(...statuses),
      }),
      fc.record({
        kind: fc.constant('priority' as const),
        client: fc.nat(2),
        pick: fc.nat(),
        priority: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5'),
      }),
      fc.record({ kind: fc.constant('toggleOnline' as const), client: fc.nat(2) }),
      fc.record({ kind: fc.constant('sync' as const), client: fc.nat(2) }),
      fc.record({ kind: fc.constant('loseResponse' as const), client: fc.nat(2) }),
      fc.record({ kind: fc.constant('restart' as const), client: fc.nat(2) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 25 }), async (actions) => {
        run++
        const clients = [
          await newClient('agent', `p${run}`),
          await newClient('specialist', `p${run}`),
          await newClient('admin', `p${run}`),
        ]
        const submitted: string[] = []
        for (const step of actions) {
          const client = clients[step.client]!
          const ids = (await client.db.tickets.toCollection().primaryKeys()).sort()
          const ticketId = 'pick' in step && ids.length > 0 ? ids[step.pick % ids.length]! : null
          switch (step.kind) {
            case 'create': {
              const input = createInput(`run ${run}`)
              if ((await submitCommand(client.db, client.actor, input)).ok) submitted.push(input.commandId)
              break
            }
            case 'note':
            case 'status':
            case 'priority': {
              if (!ticketId) break
              const body =
                step.kind === 'note'
                  ? { type: 'add_note', payload: { visibility: 'public', body: 'update' } }
                  : step.kind === 'status'
                    ? { type: 'change_status', payload: { status: step.status } }
                    : { type: 'change_priority', payload: { priority: step.priority, note: 'caller is the CEO' } }
              const id = await edit(client, ticketId, body)
              if (id) submitted.push(id)
              break
            }
            case 'toggleOnline':
              client.online = !client.online
              break
            case 'sync':
              await client.engine.syncOnce().catch(() => undefined)
              break
            case 'loseResponse':
              client.loseNextResponse = true
              break
            case 'restart':
              await restart(client)
              break
          }
        }
        await settle(clients)

        const onHub = await hubTickets()
        for (const client of clients) {
          expect(await client.db.outbox.count()).toBe(0)
          const local = (await client.db.tickets.toArray()).map(toTicket)
          expect(local.length).toBe(onHub.size)
          for (const ticket of local) expect(ticket).toEqual(onHub.get(ticket.id))
        }
        const applied = new Set(
          (
            await db.query<{ command_id: string }>(
              'select command_id from applied_commands where command_id = any($1::uuid[])',
              [submitted],
            )
          ).map((r) => r.command_id),
        )
        const refused = new Set<string>()
        for (const client of clients) for (const p of await client.db.problems.toArray()) refused.add(p.commandId)
        for (const id of submitted) expect(applied.has(id) !== refused.has(id)).toBe(true)
        for (const client of clients) client.db.close()
      }),
      { numRuns: 12 },
    )
  }, 240_000)
})

describe('a command the hub keeps refusing does not stop the Console syncing', () => {
  it('sets aside an outbox row the hub rejects (a NUL from an older Console) and sends the later notes', async () => {
    const [a, b] = [await newClient('agent', 'nul'), await newClient('specialist', 'nul')]
    const create = createInput('Outlook crashes on start')
    await submitCommand(a.db, a.actor, create)
    await a.engine.syncOnce()
    const ticket = (await a.db.tickets.get(create.ticketId))!
    // Written straight into the outbox, as a Console without the text check did.
    const poisoned = {
      commandId: randomUUID(),
      ticketId: create.ticketId,
      baseVersion: ticket.version,
      deviceTime: new Date().toISOString(),
      type: 'add_note' as const,
      payload: { visibility: 'internal' as const, body: 'pasted from the event log\u0000' },
    }
    await a.db.outbox.add({
      commandId: poisoned.commandId,
      ticketId: create.ticketId,
      command: poisoned,
      queuedAt: new Date().toISOString(),
    })
    await edit(a, create.ticketId, { type: 'add_note', payload: { visibility: 'internal', body: 'user restarted' } })
    await b.engine.syncOnce()
    await edit(b, create.ticketId, { type: 'change_status', payload: { status: 'in_progress' } })
    await b.engine.syncOnce()

    await a.engine.syncOnce()
    expect(await a.db.outbox.count()).toBe(0)
    const problems = await a.db.problems.toArray()
    expect(problems).toMatchObject([
      { commandId: poisoned.commandId, kind: 'rejected', message: expect.stringMatching(/NUL/) },
    ])
    expect((await a.db.tickets.get(create.ticketId))!.status).toBe('in_progress')
    const notes = await db.query<{ body: string }>(
      "select data->'payload'->>'body' as body from ticket_events where ticket_id = $1 and data->>'type' = 'internal_note'",
      [create.ticketId],
    )
    expect(notes.map((n) => n.body)).toEqual(['user restarted'])
  })

  it('cleans pasted text when the edit is made, so the note reaches the hub without the character', async () => {
    const a = await newClient('agent', 'clean')
    const create = createInput('Teams\u0000 has no sound')
    expect(await submitCommand(a.db, a.actor, create)).toEqual({ ok: true })
    await a.engine.syncOnce()
    expect((await hubTickets()).get(create.ticketId)).toMatchObject({ subject: 'Teams has no sound' })
  })

  it('finds the command a refused batch stumbles on, keeps pulling meanwhile, and sets it aside after three tries', async () => {
    const [a, b] = [await newClient('agent', 'refuse'), await newClient('admin', 'refuse')]
    const create = createInput('Scanner sends empty PDFs')
    await submitCommand(a.db, a.actor, create)
    await a.engine.syncOnce()
    // A hub (or proxy) that answers 500 for any push carrying the word "poison".
    const pushes: number[] = []
    const inner = a.transport
    const refusing: SyncTransport = {
      async push(commands) {
        pushes.push(commands.length)
        if (JSON.stringify(commands).includes('poison')) throw new PushRefusedError('HTTP 500')
        return inner.push(commands)
      },
      pull: (after, limit) => inner.pull(after, limit),
    }
    a.engine = new SyncEngine(a.db, refusing, a.actor)
    const bad = await edit(a, create.ticketId, {
      type: 'add_note',
      payload: { visibility: 'internal', body: 'poison' },
    })
    await edit(a, create.ticketId, { type: 'add_note', payload: { visibility: 'public', body: 'We are on it.' } })

    await b.engine.syncOnce()
    await edit(b, create.ticketId, { type: 'change_status', payload: { status: 'in_progress' } })
    await b.engine.syncOnce()

    await expect(a.engine.syncOnce()).rejects.toBeInstanceOf(PushRefusedError)
    // The other agent's change arrived although the push failed.
    expect((await a.db.tickets.get(create.ticketId))!.status).toBe('in_progress')
    expect(pushes).toEqual([2, 1])
    expect(await a.db.outbox.count()).toBe(2)
    await expect(a.engine.syncOnce()).rejects.toBeInstanceOf(PushRefusedError)
    // Third refusal: set aside; the reply behind it goes out in the same round.
    await a.engine.syncOnce()
    expect(await a.db.outbox.count()).toBe(0)
    expect(await a.db.problems.toArray()).toMatchObject([{ commandId: bad, kind: 'failed', message: 'HTTP 500' }])
    expect(toTicket((await a.db.tickets.get(create.ticketId))!)).toEqual((await hubTickets()).get(create.ticketId))
  })
})
