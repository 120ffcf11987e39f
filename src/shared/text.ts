/**
 * What every boundary accepts as text and as a JSON document: exactly what PostgreSQL's `text` and
 * `jsonb` can store. PostgreSQL refuses U+0000 in both, and a lone UTF-16 surrogate has no UTF-8
 * form, so either one used to fail a whole write deep in storage. Checking here, before any
 * handler runs, turns that into a clear refusal of the one input that carries it.
 */

/** Deeper documents are refused: no form or message of ours nests beyond a dozen levels. */
export const maxJsonDepth = 64

// U+0000, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const unstorableText = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export type UnstorableReason = 'nul' | 'lone_surrogate' | 'too_deep' | 'forbidden_key'

export interface Unstorable {
  path: (string | number)[]
  reason: UnstorableReason
}

export function isStorableText(text: string): boolean {
  return !unstorableText.test(text)
}

function textReason(text: string): UnstorableReason | null {
  const match = unstorableText.exec(text)
  if (!match) return null
  return match[0] === '\u0000' ? 'nul' : 'lone_surrogate'
}

/**
 * The first place in a parsed JSON value (or a structured-clone argument) that cannot be stored:
 * a string (value or key) with U+0000 or a lone surrogate, nesting deeper than `maxDepth`, or a
 * `__proto__` key. Walks without recursion, so a 250,000-deep document costs a loop, not the stack.
 */
export function findUnstorable(value: unknown, maxDepth = maxJsonDepth): Unstorable | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }]
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!
    if (typeof current === 'string') {
      const reason = textReason(current)
      if (reason) return { path, reason }
      continue
    }
    if (typeof current !== 'object' || current === null) continue
    if (path.length >= maxDepth) return { path, reason: 'too_deep' }
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        stack.push({ value: current[index], path: [...path, index] })
      }
      continue
    }
    for (const key of Object.keys(current)) {
      if (key === '__proto__') return { path: [...path, key], reason: 'forbidden_key' }
      const reason = textReason(key)
      if (reason) return { path: [...path, key], reason }
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] })
    }
  }
  return null
}

const reasons: Record<UnstorableReason, string> = {
  nul: 'contains the NUL character (U+0000), which cannot be stored; remove it and try again',
  lone_surrogate: 'contains a broken character (an unpaired UTF-16 surrogate); remove it and try again',
  too_deep: `is nested deeper than ${maxJsonDepth} levels`,
  forbidden_key: 'uses the reserved key "__proto__"',
}

/** One readable line, e.g. `payload.body: contains the NUL character (U+0000), …`. */
export function describeUnstorable(problem: Unstorable): string {
  const where = problem.path.length > 0 ? problem.path.join('.') : 'the input'
  return `${where}: ${reasons[problem.reason]}`
}

/** Parses JSON text and checks it in one step, for sockets and the HTTP body parser. */
export function parseStorableJson(
  raw: string,
  options: { checkText?: boolean } = {},
): { ok: true; value: unknown } | { ok: false; error: string } {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return { ok: false, error: 'the input is not valid JSON' }
  }
  const problem = findUnstorable(value)
  if (problem && (options.checkText !== false || problem.reason === 'too_deep' || problem.reason === 'forbidden_key')) {
    return { ok: false, error: describeUnstorable(problem) }
  }
  return { ok: true, value }
}

/**
 * Text as the agent meant it: U+0000 removed, an unpaired surrogate replaced by U+FFFD. Pasted
 * text can carry either, invisibly; the Console cleans what it records rather than refusing an
 * edit whose fault the agent cannot see.
 */
export function cleanText(text: string): string {
  if (isStorableText(text)) return text
  let out = ''
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 0) continue
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[index]! + text[index + 1]!
        index++
      } else out += '\uFFFD'
      continue
    }
    out += code >= 0xdc00 && code <= 0xdfff ? '\uFFFD' : text[index]!
  }
  return out
}

/** `cleanText` over every string of a plain JSON-like value; other values are returned as they are. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T
  if (Array.isArray(value)) return value.map((item: unknown) => cleanDeep(item)) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanDeep(item)])) as T
  }
  return value
}
