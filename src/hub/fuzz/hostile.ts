/**
 * Test support for the fuzz suites: hostile JSON and ways to slip it into an otherwise valid
 * message. Values are produced as raw JSON text, so they can hold what `JSON.stringify` would
 * refuse or reshape: 100,000-deep nesting, `__proto__` as an own key, numbers past float range.
 */
import fc from 'fast-check'

/** A fixed seed keeps every run the same; FUZZ_SEED picks another (fast-check prints the one in use on failure). */
export const fuzzSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 11_2026

/** Runs per property; FUZZ_RUNS scales the whole suite up or down. */
export const fuzzRuns = (runs: number) =>
  Math.max(1, Math.round(runs * (process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1)))

const deep = (depth: number, open: string, inner: string, close: string) =>
  open.repeat(depth) + inner + close.repeat(depth)

/** Strings that storage and text handling trip over: NUL, lone surrogates, control and bidi characters. */
export const nastyStrings = [
  '\u0000',
  'note\u0000with a NUL',
  '\ud800',
  'lone \udfff low surrogate',
  '\ud83d',
  '\u0000\ud800\u0000',
  '\u202e\u200b\ufeff',
  '\\u0000',
  "'; drop table tickets; --",
  '%00',
  '',
  ' ',
]

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 40 }),
)

/** Raw JSON texts that are syntactically valid but wrong in kind, size or shape. */
const hostileTexts: string[] = [
  deep(100_000, '[', '', ']'),
  deep(100_000, '{"a":', '1', '}'),
  deep(2_000, '[', '"\\u0000"', ']'),
  `[${new Array(100_000).fill('0').join(',')}]`,
  JSON.stringify('x'.repeat(300_000)),
  JSON.stringify('\u0000'.repeat(10_000)),
  '1e400',
  '-1e400',
  '9007199254740993',
  '-0',
  '0',
  '-1',
  '1.5',
  'true',
  'false',
  'null',
  '""',
  '[]',
  '{}',
  '[null]',
  '{"__proto__":{"isAdmin":true,"role":"admin"}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":null}',
  '"__proto__"',
  '"constructor"',
  '"toString"',
]

/** A raw JSON text that prints short in a counterexample, however long it is. */
export interface Hostile {
  text: string
}
export function hostile(text: string): Hostile {
  return { text, [fc.toStringMethod]: () => `hostile(${brief(text)})` } as Hostile
}

/** Any hostile JSON text: the fixed list above, nasty strings, or random JSON. */
export const hostileJson: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileTexts).map(hostile) },
  { weight: 3, arbitrary: nastyString.map((s) => hostile(JSON.stringify(s))) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => hostile(JSON.stringify(v) ?? 'null')) },
)

/** Bodies that are not JSON of any kind, or JSON of the wrong shape as a whole. */
export const hostileBodyText: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 5, arbitrary: hostileJson },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{"a":', '{"a":1}}', '\u0000', '{"a":"\\ud800"}', "{'a':1}", '[1,]', 'NaN', '')
      .map(hostile),
  },
)

export type Path = Array<string | number>

/** Every position in a JSON value, parents before children; the root is `[]`. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here: Path[] = [prefix]
  if (Array.isArray(value)) value.forEach((item, i) => here.push(...pathsOf(item, [...prefix, i])))
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) here.push(...pathsOf(item, [...prefix, key]))
  return here
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value)
}

export type Mutation =
  | { kind: 'replace'; path: Path; json: Hostile }
  | { kind: 'inject'; path: Path; text: string; at: 'start' | 'end' | 'only' }
  | { kind: 'add'; path: Path; key: string; json: Hostile }
  | { kind: 'remove'; path: Path }

const marker = '\u0001fuzz\u0001'
const markerText = JSON.stringify(marker)

/**
 * The valid value as JSON text with one change: a field replaced by hostile JSON, a nasty string
 * injected into a string, an unknown or prototype-named key added, or a field removed.
 */
export function applyMutation(valid: unknown, mutation: Mutation): string {
  const copy = structuredClone(valid) as Record<string | number, unknown>
  if (mutation.kind === 'remove' || mutation.kind === 'replace' || mutation.kind === 'inject') {
    if (mutation.path.length === 0) return mutation.kind === 'replace' ? mutation.json.text : ''
    const parent = valueAt(copy, mutation.path.slice(0, -1)) as Record<string | number, unknown>
    const key = mutation.path.at(-1)!
    if (mutation.kind === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1)
      else delete parent[key]
      return JSON.stringify(copy)
    }
    if (mutation.kind === 'inject') {
      const old = String(parent[key])
      parent[key] =
        mutation.at === 'start' ? mutation.text + old : mutation.at === 'end' ? old + mutation.text : mutation.text
      return JSON.stringify(copy)
    }
    parent[key] = marker
  } else {
    const target = valueAt(copy, mutation.path) as Record<string, unknown>
    // An own property, so `__proto__` is written as a key instead of replacing the prototype.
    Object.defineProperty(target, mutation.key, { value: marker, enumerable: true, configurable: true, writable: true })
  }
  return JSON.stringify(copy).replace(markerText, () => mutation.json.text)
}

/** One mutation of a valid value, chosen over all of its positions. */
export function mutationOf(valid: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(valid)
  const strings = paths.filter((p) => typeof valueAt(valid, p) === 'string')
  const objects = paths.filter((p) => {
    const v = valueAt(valid, p)
    return v !== null && typeof v === 'object' && !Array.isArray(v)
  })
  const inner = paths.filter((p) => p.length > 0)
  const choices: Array<fc.Arbitrary<Mutation>> = []
  if (inner.length > 0) {
    choices.push(
      fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...inner), json: hostileJson }),
      fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...inner) }),
    )
  }
  if (strings.length > 0) {
    const inject = fc.record({
      kind: fc.constant('inject' as const),
      path: fc.constantFrom(...strings),
      text: nastyString,
      at: fc.constantFrom('start' as const, 'end' as const, 'only' as const),
    })
    // NUL and lone surrogates inside otherwise valid text are where storage fails: weigh them up.
    choices.push(inject, inject)
  }
  if (objects.length > 0) {
    choices.push(
      fc.record({
        kind: fc.constant('add' as const),
        path: fc.constantFrom(...objects),
        key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', 'toString'),
        json: hostileJson,
      }),
    )
  }
  return choices.length > 0
    ? fc.oneof(...choices)
    : fc.constant<Mutation>({ kind: 'replace', path: [], json: hostile('{}') })
}

/** A short, printable description of a hostile text, for counterexamples that are 100,000 characters long. */
export function brief(text: string, max = 160): string {
  const shown = JSON.stringify(text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text)
  return shown
}
