import { describe, expect, it } from 'vitest'
import { describeZodError } from '../errors'
import { articleInputSchema, articleUpdateSchema, pickTranslation } from './article'
import { buildTsQueries, queryWords } from './queryTerms'
import { kbSearchQuerySchema, kbTagQuerySchema } from './search'

const de = { title: 'Drucker offline', symptoms: 'Er druckt nicht.', steps: ['Neu starten.'] }

const problem = (result: { success: boolean; error?: Parameters<typeof describeZodError>[0] }) =>
  result.error ? describeZodError(result.error) : ''

describe('knowledge-base schemas', () => {
  it('accepts an article in one language and fills defaults', () => {
    const parsed = articleInputSchema.parse({ category: 'peripherals', audience: 'end_user', translations: { de } })
    expect(parsed).toMatchObject({ tags: [], translations: { de: { cause: '', keywords: [] } } })
  })

  it('names the field and the limit when an article is too large', () => {
    const result = articleInputSchema.safeParse({
      category: 'peripherals',
      audience: 'internal',
      translations: { en: { ...de, symptoms: 'x'.repeat(4001) } },
    })
    expect(problem(result)).toBe('translations.en.symptoms: symptoms has at most 4000 characters')
  })

  it('refuses an unknown translation language and an edit that tries to publish', () => {
    const input = { category: 'peripherals', audience: 'internal', translations: { it: de } }
    expect(problem(articleInputSchema.safeParse(input))).toMatch(/translations may only be "de" or "en", not it/)
    const edit = {
      category: 'peripherals',
      audience: 'internal',
      translations: { de },
      baseVersion: 1,
      status: 'published',
    }
    expect(problem(articleUpdateSchema.safeParse(edit))).toMatch(/publish through the publish action/)
  })

  it('parses search queries from query strings and refuses unknown languages', () => {
    expect(kbSearchQuerySchema.parse({ q: '  vpn ', limit: '5' })).toEqual({ q: 'vpn', language: 'any', limit: 5 })
    expect(problem(kbSearchQuerySchema.safeParse({ q: 'vpn', language: 'fr' }))).toBe(
      'language: language must be "de", "en" or "any"',
    )
    expect(kbTagQuerySchema.parse({ tags: 'disk-full, no-gateway,' }).tags).toEqual(['disk-full', 'no-gateway'])
  })

  it('falls back to the other translation when the preferred one is missing', () => {
    expect(pickTranslation({ de: { ...de, cause: '', keywords: [] } }, 'en').language).toBe('de')
  })
})

describe('query terms', () => {
  it('keeps words of letters and digits, drops stop words and punctuation', () => {
    expect(queryWords('Der Drucker druckt NICHT! (0x80070002)')).toEqual(['drucker', 'druckt', '0x80070002'])
  })

  it('builds prefix tsqueries that cannot break out of the tsquery syntax', () => {
    expect(buildTsQueries("druckt' | !x & (", 'de')).toEqual({
      any: '(druckt:* | druck:*)',
      all: '(druckt:* | druck:*)',
    })
    expect(buildTsQueries('vpn fails', 'en')).toEqual({ any: 'vpn:* | fails:*', all: 'vpn:* & fails:*' })
    expect(buildTsQueries('!!!', 'en')).toBeNull()
  })
})
