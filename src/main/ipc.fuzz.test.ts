import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { ipcContract, type IpcChannel } from '@shared/api/contract'
import { registerIpcHandlers, type IpcHandlers } from './ipc'

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 11_2026

/** One valid argument list per channel; a channel added to the contract without one fails below. */
const validArgs: Record<IpcChannel, unknown[]> = {
  'app.info': [],
  'app.openExternal': ['https://example.org/help'],
  'sso.signIn': [{ providerId: '0b7e4c1d-2f3a-4b5c-8d6e-7f8091a2b3c4', language: 'en' }],
  'sso.cancel': [],
  'diagnostics.snapshot': [{ includeUserNames: false, includeSerials: true }],
  'capture.sources': [],
  'capture.choose': ['screen:1:0'],
  'input.setControl': [
    {
      holder: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      granted: true,
      session: { id: '0b7e4c1d-2f3a-4b5c-8d6e-7f8091a2b3c4', credential: 'c'.repeat(43) },
    },
  ],
  'input.apply': [
    { from: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', input: { kind: 'key_down', key: 'a', modifiers: ['shift'] } },
  ],
  'enrolment.get': [],
  'enrolment.set': [{ code: 'ABCD-EFGH-JKMN-PQRS', organisationName: 'Example IT', customerName: 'Müller GmbH' }],
  'enrolment.clear': [],
}

const deepArray = (depth: number): unknown => {
  let value: unknown = []
  for (let i = 0; i < depth; i++) value = [value]
  return value
}
const deepObject = (depth: number): unknown => {
  let value: unknown = {}
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}
const withOwnKey = (key: string, value: unknown) =>
  Object.defineProperty({}, key, { value, enumerable: true, configurable: true, writable: true })

/** What a compromised renderer could send: wrong types, NUL and lone surrogates, depth, size, prototype keys. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    '\u0000',
    'https://example.org/\u0000',
    '\ud800',
    'https://example.org/\udfff',
    'x'.repeat(1_000_000),
    deepArray(100_000),
    deepObject(100_000),
    withOwnKey('__proto__', { polluted: true }),
    withOwnKey('constructor', { prototype: { polluted: true } }),
    Number.NaN,
    Infinity,
    -0,
    2 ** 53 + 1,
    null,
    undefined,
    true,
    [],
    {},
    () => 1,
    Symbol('s'),
    10n,
    new Date(Number.NaN),
  ),
  fc.anything({ maxDepth: 3 }),
)

type Path = Array<string | number>
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here: Path[] = prefix.length > 0 ? [prefix] : []
  if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value))
      here.push(...pathsOf(item, [...prefix, Array.isArray(value) ? Number(key) : key]))
  return here
}

/** The valid arguments with one position replaced, one unknown or prototype key added, or one nasty string injected. */
function mutated(args: unknown[]): fc.Arbitrary<unknown[]> {
  const paths = pathsOf(args)
  const replace = () =>
    fc.tuple(fc.constantFrom(...paths), hostile).map(([path, value]) => {
      const copy = structuredClone(args) as unknown as Record<string | number, unknown>
      const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as never, copy)
      parent[path.at(-1)!] = value
      return copy as unknown as unknown[]
    })
  const objects = paths.filter((p) => {
    const v = p.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], args)
    return v !== null && typeof v === 'object' && !Array.isArray(v)
  })
  const add = fc
    .tuple(
      fc.constantFrom(...(objects.length > 0 ? objects : [[]])),
      fc.constantFrom('__proto__', 'constructor', 'extra'),
      hostile,
    )
    .map(([path, key, value]) => {
      const copy = structuredClone(args)
      const target = path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], copy)
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true })
      return copy
    })
  const extraArg = hostile.map((value) => [...args, value])
  const choices: Array<fc.Arbitrary<unknown[]>> = [extraArg, add]
  if (paths.length > 0) choices.push(replace(), replace())
  return fc.oneof(...choices)
}

describe('IPC handlers under fuzzed arguments', () => {
  it('has a valid sample for every channel', () => {
    expect(Object.keys(validArgs).sort()).toEqual(Object.keys(ipcContract).sort())
    for (const [channel, args] of Object.entries(validArgs))
      expect(ipcContract[channel as IpcChannel].args.safeParse(args).success, channel).toBe(true)
  })

  for (const channel of Object.keys(ipcContract) as IpcChannel[]) {
    it(`${channel} answers { ok: false, error } and never runs its handler with arguments that do not parse`, async () => {
      const calls: unknown[][] = []
      const handlers = Object.fromEntries(
        (Object.keys(ipcContract) as IpcChannel[]).map((name) => [
          name,
          (...args: unknown[]) => {
            calls.push(args.slice(0, -1))
            return null
          },
        ]),
      ) as unknown as IpcHandlers
      const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
      registerIpcHandlers(
        { handle: vi.fn((name: string, listener) => void registered.set(name, listener)) },
        handlers,
        () => true,
      )
      const event = {
        senderFrame: { url: 'file:///app/renderer/gethelp.html' },
        sender: { isDestroyed: () => false, send: () => undefined },
      }
      const arbitrary = fc.oneof(mutated(validArgs[channel]), fc.array(hostile, { maxLength: 3 }))

      await fc.assert(
        fc.asyncProperty(arbitrary, async (args) => {
          calls.length = 0
          const result = (await registered.get(channel)!(event, ...args)) as { ok: boolean; error?: unknown }
          expect(typeof result.ok).toBe('boolean')
          const parses = ipcContract[channel].args.safeParse(args).success
          if (!parses) {
            expect(result.ok, 'arguments that do not parse are refused').toBe(false)
            expect(typeof result.error).toBe('string')
            expect(calls, 'the handler never sees arguments that do not parse').toEqual([])
          }
          for (const call of calls) expect(ipcContract[channel].args.safeParse(call).success).toBe(true)
        }),
        { seed, numRuns: 150 },
      )
    })
  }
})
