import { afterEach, describe, expect, it, vi } from 'vitest'
import { sessionCloseCodes, type SessionServerMessage } from '@shared/session/protocol'
import { SessionSocket, type SessionSocketStatus, type SocketLike } from './sessionSocket'

/** A socket the test drives: it records what was sent and delivers what the test says the hub sent. */
class FakeSocket implements SocketLike {
  readyState = 0
  sent: unknown[] = []
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.readyState = 3
  }
  open() {
    this.readyState = 1
    this.onopen?.({})
  }
  deliver(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
  drop(code = 1006) {
    this.readyState = 3
    this.onclose?.({ code, reason: '' })
  }
}

const sessionId = '00000000-0000-4000-8000-00000000000a'
const welcome: SessionServerMessage = {
  type: 'welcome',
  participantId: '00000000-0000-4000-8000-00000000000b',
  role: 'end_user',
  session: { id: sessionId, ticketId: null, organisation: { name: 'Demo' } },
  iceServers: [],
}

function harness() {
  const sockets: FakeSocket[] = []
  const statuses: SessionSocketStatus[] = []
  const messages: SessionServerMessage[] = []
  const invalid: string[] = []
  const socket = new SessionSocket({
    hubUrl: 'http://127.0.0.1:4780',
    sessionId,
    auth: { kind: 'end_user', credential: 'c'.repeat(40) },
    openSocket: (url) => {
      const fake = new FakeSocket(url)
      sockets.push(fake)
      return fake
    },
    onMessage: (message) => messages.push(message),
    onStatus: (status) => statuses.push(status),
    onInvalid: (problem) => invalid.push(problem),
  })
  return { socket, sockets, statuses, messages, invalid }
}

describe('the session socket', () => {
  afterEach(() => vi.useRealTimers())

  it('joins on every connection and reconnects after a drop, but not after the hub ended the session', () => {
    vi.useFakeTimers()
    const { socket, sockets, statuses, messages } = harness()
    socket.start()
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:4780/ws/session')
    sockets[0]!.open()
    expect(sockets[0]!.sent[0]).toMatchObject({ type: 'join', sessionId, auth: { kind: 'end_user' } })
    sockets[0]!.deliver(welcome)
    expect(statuses).toEqual(['connecting', 'joined'])
    expect(messages).toEqual([welcome])

    sockets[0]!.drop()
    expect(statuses.at(-1)).toBe('reconnecting')
    vi.advanceTimersByTime(500)
    expect(sockets).toHaveLength(2)
    sockets[1]!.open()
    expect(sockets[1]!.sent[0]).toMatchObject({ type: 'join', sessionId })
    sockets[1]!.deliver(welcome)
    expect(statuses.at(-1)).toBe('joined')

    sockets[1]!.drop(sessionCloseCodes.ended)
    expect(statuses.at(-1)).toBe('closed')
    vi.advanceTimersByTime(60_000)
    expect(sockets).toHaveLength(2)
  })

  it('drops what the hub sends unless it parses, and acts on none of it', () => {
    const { socket, sockets, messages, invalid } = harness()
    socket.start()
    sockets[0]!.open()
    sockets[0]!.onmessage?.({ data: 'not json' })
    sockets[0]!.deliver({ type: 'signal', from: 'someone', data: { type: 'offer' } })
    sockets[0]!.deliver({ type: 'state' })
    expect(messages).toEqual([])
    expect(invalid).toHaveLength(3)
    socket.stop()
  })

  it('sends nothing while the socket is not open', () => {
    const { socket, sockets } = harness()
    socket.start()
    expect(socket.send({ type: 'chat', text: 'hello' })).toBe(false)
    sockets[0]!.open()
    expect(socket.send({ type: 'chat', text: 'hello' })).toBe(true)
    socket.stop()
  })
})
