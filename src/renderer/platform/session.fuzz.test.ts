import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  controlMessageSchema,
  maxControlMessageBytes,
  remoteInputSchema,
  type RemoteInput,
} from '@shared/session/input'
import type { SessionServerMessage } from '@shared/session/protocol'
import { RemoteSession, type PeerLike } from './session'
import type { SocketLike } from './sessionSocket'

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 11_2026
const me = '0b7e4c1d-2f3a-4b5c-8d6e-7f8091a2b3c4'
const holder = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'

/** Get Help's side of a session where the agent holds granted control, on a fake hub socket. */
function endUserSession() {
  const applied: Array<{ input: RemoteInput; from: string }> = []
  let socket: SocketLike | null = null
  const session = new RemoteSession({
    hubUrl: 'http://127.0.0.1:1',
    sessionId: '9d2f4a1b-3c5e-4f70-9a8b-0c1d2e3f4a5b',
    auth: { kind: 'end_user', credential: 'c'.repeat(43) },
    createPeer: () => ({}) as unknown as PeerLike,
    applyInput: (input, from) => void applied.push({ input, from }),
    openSocket: () => {
      socket = {
        readyState: 1,
        send: () => undefined,
        close: () => undefined,
        onopen: null,
        onmessage: null,
        onclose: null,
        onerror: null,
      }
      return socket
    },
    statsIntervalMs: 3_600_000,
  })
  session.start()
  const hub = (message: SessionServerMessage) => socket!.onmessage!({ data: JSON.stringify(message) })
  hub({
    type: 'welcome',
    participantId: me,
    role: 'end_user',
    session: { id: '9d2f4a1b-3c5e-4f70-9a8b-0c1d2e3f4a5b', ticketId: null, organisation: { name: 'Demo' } },
    iceServers: [],
  })
  // Control without view: input is allowed, and no peer connection has to be set up for it.
  hub({
    type: 'state',
    session: { id: '9d2f4a1b-3c5e-4f70-9a8b-0c1d2e3f4a5b', ticketId: null, status: 'active', paused: false },
    participants: [
      { id: me, role: 'end_user', displayName: 'Erika', permissions: [], connected: true },
      { id: holder, role: 'agent', displayName: 'Alex', permissions: ['control'], connected: true },
    ],
    controlHolder: holder,
    invitations: [],
    handover: null,
    permissionRequests: [],
  })
  const receive = (data: string | Uint8Array) =>
    (session as unknown as { receiveControl(peer: string, data: string | Uint8Array): void }).receiveControl(
      holder,
      data,
    )
  return { session, applied, receive }
}

const deep = (depth: number, open: string, inner: string, close: string) =>
  open.repeat(depth) + inner + close.repeat(depth)
const hostileTexts = [
  deep(100_000, '[', '', ']'),
  deep(100, '{"a":', '1', '}'),
  '"\\u0000"',
  '"\\ud800"',
  '1e400',
  'null',
  '{}',
  '[]',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a":',
  '',
]
const nasty = fc.constantFrom('\u0000', '\ud800', 'a\udfffb', '\u202e', 'x'.repeat(2000), '__proto__', 'constructor')
const hostileJson = fc.oneof(
  fc.constantFrom(...hostileTexts),
  nasty.map((s) => JSON.stringify(s)),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
)

const validMessage = (seq: number) => ({
  type: 'input',
  from: holder,
  seq,
  sentAt: 1_700_000_000_000,
  input: { kind: 'wheel', x: 0.5, y: 0.25, deltaX: 0, deltaY: -120 },
})
const marker = '"\u0001fuzz\u0001"'

/** A valid control message with one field replaced by hostile JSON, an extra key, a nasty string, or a field dropped. */
const mutatedText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('type', 'from', 'seq', 'sentAt', 'input', 'input.kind', 'input.x', 'input.deltaY'),
      hostileJson,
    )
    .map(([field, json]) => {
      const message = validMessage(1) as Record<string, unknown>
      const [outer, inner] = field.split('.')
      if (inner) (message[outer!] as Record<string, unknown>)[inner] = '\u0001fuzz\u0001'
      else message[outer!] = '\u0001fuzz\u0001'
      return JSON.stringify(message).replace(marker, () => json)
    }),
  fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'extra'), hostileJson)
    .map(([key, json]) => JSON.stringify(validMessage(1)).replace(/}$/, () => `,${JSON.stringify(key)}:${json}}`)),
  fc.tuple(fc.constantFrom('from', 'type'), nasty).map(([field, text]) => {
    const message = validMessage(1) as Record<string, unknown>
    message[field] = String(message[field]) + text
    return JSON.stringify(message)
  }),
  fc.constantFrom('type', 'from', 'seq', 'input').map((field) => {
    const message = validMessage(1) as Record<string, unknown>
    delete message[field]
    return JSON.stringify(message)
  }),
)

describe('the control data channel under fuzzed messages', () => {
  it('drops every message that does not parse, never throws, and applies only parsed input from the holder', () => {
    const { session, applied, receive } = endUserSession()
    let seq = 0
    fc.assert(
      fc.property(fc.oneof(mutatedText, hostileJson), fc.boolean(), (text, asBytes) => {
        applied.length = 0
        const dropped = session.snapshot.input.dropped
        const parses =
          new TextEncoder().encode(text).byteLength <= maxControlMessageBytes &&
          (() => {
            try {
              return controlMessageSchema.safeParse(JSON.parse(text)).success
            } catch {
              return false
            }
          })()
        expect(() => receive(asBytes ? new TextEncoder().encode(text) : text)).not.toThrow()
        if (!parses) {
          expect(applied).toEqual([])
          expect(session.snapshot.input.dropped).toBe(dropped + 1)
        }
        for (const call of applied) {
          expect(call.from).toBe(holder)
          expect(remoteInputSchema.safeParse(call.input).success).toBe(true)
        }
        // The channel still works: the next valid message is applied.
        seq += 1_000_000
        receive(JSON.stringify(validMessage(seq)))
        expect(applied.at(-1)).toEqual({ from: holder, input: validMessage(seq).input })
      }),
      { seed, numRuns: 400 },
    )
    session.close(false)
  })
})
