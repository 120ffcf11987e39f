import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { findingsFor } from '@shared/diagnostics/findings'
import { fixtureSnapshot, withData } from '@shared/diagnostics/fixtures'
import { articleInputSchema } from '@shared/kb/article'
import { createLocalKbIndex, type LocalArticle } from '@shared/kb/localSearch'
import { suggestArticles } from './kbSuggest'

// The starter knowledge base as the Console caches it after its first refresh.
const starterDir = fileURLToPath(new URL('../../../../resources/kb/starter/', import.meta.url))
const keyed = articleInputSchema.extend({ key: z.string() })
const starters = readdirSync(starterDir)
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => z.array(keyed).parse(JSON.parse(readFileSync(`${starterDir}/${file}`, 'utf8'))))
const idOf = new Map<string, string>(starters.map((article) => [article.key, randomUUID()]))
const keyOf = new Map([...idOf].map(([key, id]) => [id, key]))
const articles: LocalArticle[] = starters.map(({ key, ...article }) => ({
  ...article,
  id: idOf.get(key)!,
  status: 'published',
}))
const index = createLocalKbIndex(articles)
const keys = (suggestions: { id: string }[]) => suggestions.map((s) => keyOf.get(s.id))

const healthy = fixtureSnapshot()
const fileSystems = healthy.groups.hardware.fileSystems.data!

describe('suggestions for a ticket', () => {
  it('a nearly full disk in the diagnostics suggests the disk article first, saying which finding', () => {
    const full = withData(healthy, 'hardware', 'fileSystems', [
      { ...fileSystems[0]!, usePercent: 97, availableBytes: 15_000_000_000 },
      ...fileSystems.slice(1),
    ])
    const findings = findingsFor(full)
    expect(findings.map((f) => f.id)).toContain('disk-full:/')
    const suggestions = suggestArticles(index, { text: '', category: null, findings }, 'en')
    expect(keys(suggestions)[0]).toBe('disk-full')
    expect(suggestions[0]!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'finding', findingId: 'disk-full:/', title: findings[0]!.title }),
    )
    expect(suggestions[0]!.title).toBe(starters.find((a) => a.key === 'disk-full')!.translations.en!.title)
  })

  it('no default gateway suggests the network article first', () => {
    const cut = withData(healthy, 'network', 'gateway', { defaultGateway: null, defaultInterface: null })
    const findings = findingsFor(cut)
    expect(findings.map((f) => f.id)).toEqual(['no-gateway'])
    const suggestions = suggestArticles(index, { text: '', category: null, findings }, 'de')
    expect(keys(suggestions)[0]).toBe('no-network-gateway')
    expect(suggestions[0]!.language).toBe('de')
  })

  it('a healthy machine and nothing typed suggest nothing', () => {
    expect(suggestArticles(index, { text: '', category: null, findings: findingsFor(healthy) }, 'en')).toEqual([])
  })

  it('suggests from the words typed and names the words that matched', () => {
    const suggestions = suggestArticles(
      index,
      { text: 'Outlook fragt ständig nach dem Kennwort', category: null, findings: [] },
      'de',
    )
    expect(keys(suggestions)[0]).toBe('outlook-password-prompt')
    const words = suggestions[0]!.reasons.find((r) => r.kind === 'words')
    expect(words).toMatchObject({ kind: 'words', words: expect.arrayContaining(['outlook', 'kennwort']) })
  })

  it('the category breaks ties and fills the list, but never outranks matching words', () => {
    const suggestions = suggestArticles(index, { text: 'vpn', category: 'peripherals', findings: [] }, 'en')
    expect(keys(suggestions)[0]).toBe('vpn-not-connecting')
    const rest = suggestions.slice(1)
    expect(rest.length).toBeGreaterThan(0)
    for (const suggestion of rest) {
      expect(suggestion.reasons).toContainEqual({ kind: 'category', category: 'peripherals' })
    }
    expect(suggestArticles(index, { text: '', category: 'network', findings: [] }, 'en', 3)).toHaveLength(3)
  })

  it("uses the ticket's own finding tags from Get Help", () => {
    const suggestions = suggestArticles(
      index,
      { text: '', category: null, findings: [], tags: ['printer-offline'] },
      'en',
    )
    expect(keys(suggestions)[0]).toBe('printer-offline')
    expect(suggestions[0]!.reasons).toContainEqual({ kind: 'tag', tag: 'printer-offline' })
  })
})
