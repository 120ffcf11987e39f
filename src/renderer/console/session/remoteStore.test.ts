import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ActiveSession } from '@shared/session/api'

const active: ActiveSession[] = []

vi.mock('../../platform/sessionApi', () => ({
  acceptRequest: vi.fn(),
  inviteSpecialist: vi.fn(),
  issueSessionCode: vi.fn(async () => ({ code: '123456789', expiresAt: new Date(Date.now() + 600_000).toISOString() })),
  listMyActiveSessions: vi.fn(async () => active),
  listWaitingRequests: vi.fn(async () => []),
}))
vi.mock('../../platform/sessionPeer', () => ({ createBrowserPeer: vi.fn() }))
vi.mock('../../platform/session', () => ({
  /** Stands in for the WebRTC session: remembers which session it joined and whether it ended. */
  RemoteSession: class {
    snapshot: { ended: string | null } = { ended: null }
    private listener: ((view: { ended: string | null }) => void) | null = null
    constructor(readonly options: { sessionId: string }) {}
    subscribe(listener: (view: { ended: string | null }) => void) {
      this.listener = listener
      return () => undefined
    }
    start() {}
    close() {}
    end() {
      this.snapshot = { ended: 'stopped' }
      this.listener?.(this.snapshot)
    }
  },
}))

const { redeemedFor, useRemoteStore } = await import('./remoteStore')

const session = (ticketId: string): ActiveSession => ({
  sessionId: randomUUID(),
  ticketId,
  requesterName: 'Erika Enduser',
  startedAt: new Date().toISOString(),
})
const openSessionId = () => useRemoteStore.getState().sessionId

describe('a code redeemed while another session panel is open', () => {
  beforeEach(() => {
    active.length = 0
    useRemoteStore.getState().close()
    useRemoteStore.setState({ awaitingCode: [], codes: {}, joinable: [] })
  })

  it('joins the caller at once when the open panel’s session has ended', async () => {
    const earlier = session(randomUUID())
    useRemoteStore.getState().join('http://hub', 'token', earlier.sessionId, earlier.ticketId)
    ;(useRemoteStore.getState().client as unknown as { end(): void }).end()

    const ticketId = randomUUID()
    await useRemoteStore.getState().issueCode('http://hub', 'token', ticketId)
    const caller = session(ticketId)
    active.push(caller)
    await useRemoteStore.getState().refreshActive('http://hub', 'token')
    expect(openSessionId()).toBe(caller.sessionId)
    expect(useRemoteStore.getState().awaitingCode).toEqual([])
  })

  it('keeps a running session open and tells the ticket that the caller is waiting', async () => {
    const running = session(randomUUID())
    useRemoteStore.getState().join('http://hub', 'token', running.sessionId, running.ticketId)
    const ticketId = randomUUID()
    await useRemoteStore.getState().issueCode('http://hub', 'token', ticketId)
    const caller = session(ticketId)
    active.push(running, caller)
    await useRemoteStore.getState().refreshActive('http://hub', 'token')
    expect(openSessionId()).toBe(running.sessionId)
    expect(redeemedFor(useRemoteStore.getState(), ticketId)?.sessionId).toBe(caller.sessionId)
    expect(redeemedFor(useRemoteStore.getState(), running.ticketId!)).toBeNull()
  })
})
