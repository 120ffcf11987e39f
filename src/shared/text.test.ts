import { describe, expect, it } from 'vitest'
import { cleanDeep, cleanText, describeUnstorable, findUnstorable, maxJsonDepth, parseStorableJson } from './text'

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf'
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

describe('storable text and documents', () => {
  it('finds U+0000 and lone surrogates in values and keys, with their path', () => {
    expect(findUnstorable({ payload: { body: 'a\u0000b' } })).toEqual({ path: ['payload', 'body'], reason: 'nul' })
    expect(findUnstorable({ list: ['ok', 'x\uD800'] })).toEqual({ path: ['list', 1], reason: 'lone_surrogate' })
    expect(findUnstorable({ list: ['\uDC00x'] })?.reason).toBe('lone_surrogate')
    expect(findUnstorable({ ['k\u0000']: 1 })).toEqual({ path: ['k\u0000'], reason: 'nul' })
    expect(findUnstorable(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toEqual({
      path: ['a', '__proto__'],
      reason: 'forbidden_key',
    })
  })

  it('accepts what PostgreSQL stores, paired surrogates (emoji) included', () => {
    expect(findUnstorable({ body: 'Drucker 🖨 geht nicht — äöü', n: 3, list: [null, true] })).toBeNull()
    expect(findUnstorable(nested(maxJsonDepth - 1))).toBeNull()
  })

  it('refuses nesting past the limit without using the stack, even 250,000 deep', () => {
    expect(findUnstorable(nested(maxJsonDepth + 1))?.reason).toBe('too_deep')
    const raw = '['.repeat(250_000) + ']'.repeat(250_000)
    const parsed = parseStorableJson(raw)
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('nested deeper than') })
  })

  it('describes a problem in one readable line', () => {
    expect(describeUnstorable({ path: ['payload', 'body'], reason: 'nul' })).toMatch(/^payload\.body: contains the NUL/)
  })

  it('can leave text checks to the caller but never depth or __proto__', () => {
    expect(parseStorableJson('{"a":"x\\u0000"}', { checkText: false })).toEqual({ ok: true, value: { a: 'x\u0000' } })
    expect(parseStorableJson('{"__proto__":{}}', { checkText: false }).ok).toBe(false)
    expect(parseStorableJson('{"a":"x\\u0000"}').ok).toBe(false)
    expect(parseStorableJson('not json')).toEqual({ ok: false, error: 'the input is not valid JSON' })
  })

  it('cleans pasted text: NUL removed, a lone surrogate replaced, pairs kept', () => {
    expect(cleanText('Note\u0000 with NUL')).toBe('Note with NUL')
    expect(cleanText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc')
    expect(cleanText('ok 🖨')).toBe('ok 🖨')
    expect(cleanDeep({ payload: { body: 'x\u0000y', tags: ['\uD83D'] }, n: 1 })).toEqual({
      payload: { body: 'xy', tags: ['\uFFFD'] },
      n: 1,
    })
  })
})
