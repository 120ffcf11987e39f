import { describe, expect, it } from 'vitest'
import { createLocalKbIndex, localArticlesForTags, searchLocal, type LocalArticle } from './localSearch'

const text = (title: string, symptoms: string, keywords: string[] = []) => ({
  title,
  symptoms,
  cause: '',
  steps: ['Restart it.'],
  keywords,
})

const articles: LocalArticle[] = [
  {
    id: 'queue',
    category: 'peripherals',
    tags: ['printer'],
    status: 'published',
    translations: {
      de: text('Druckerwarteschlange hängt', 'Aufträge bleiben stehen.'),
      en: text('Print queue stuck', 'Jobs stay in the queue.'),
    },
  },
  {
    id: 'disk',
    category: 'hardware',
    tags: ['disk-full'],
    status: 'published',
    translations: { en: text('Disk full', 'Low disk space on drive C.') },
  },
  {
    id: 'vpn-draft',
    category: 'network',
    tags: ['vpn', 'disk-full'],
    status: 'draft',
    translations: { de: text('VPN verbindet nicht', 'Keine Verbindung.') },
  },
]

describe('offline knowledge-base search', () => {
  const index = createLocalKbIndex(articles)

  it('finds a German compound by its tail, and inflected verbs by their stem', () => {
    expect(searchLocal(index, 'Warteschlange', { language: 'de' })[0]?.id).toBe('queue')
    expect(searchLocal(index, 'hängen Aufträge', { language: 'de' })[0]?.id).toBe('queue')
  })

  it('tolerates typos and matches prefixes', () => {
    expect(searchLocal(index, 'disc ful', { language: 'en' })[0]?.id).toBe('disk')
    expect(searchLocal(index, 'pri', { language: 'en' })[0]?.id).toBe('queue')
  })

  it('reports the language that matched and searches only the requested one', () => {
    expect(searchLocal(index, 'queue', { language: 'en' })[0]).toMatchObject({ id: 'queue', language: 'en' })
    expect(searchLocal(index, 'disk', { language: 'de' })).toEqual([])
  })

  it('leaves out unpublished articles, other categories, and respects the limit', () => {
    expect(searchLocal(index, 'VPN verbindet nicht')).toEqual([])
    expect(searchLocal(index, 'disk queue', { category: 'hardware' }).map((hit) => hit.id)).toEqual(['disk'])
    expect(searchLocal(index, 'disk queue', { limit: 1 })).toHaveLength(1)
  })

  it('ranks one hit per article even when both languages match', () => {
    const ids = searchLocal(index, 'Druckerwarteschlange queue').map((hit) => hit.id)
    expect(ids).toEqual(['queue'])
  })

  it('suggests published articles by finding tags, most shared tags first', () => {
    expect(localArticlesForTags(index, ['disk-full'])).toEqual([{ id: 'disk', language: 'en', score: 1 }])
    expect(localArticlesForTags(index, ['disk-full'], { language: 'de' })).toEqual([])
    expect(
      localArticlesForTags(index, ['printer', 'disk-full'])
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(['disk', 'queue'])
  })

  it('answers an empty or stop-word-only query with nothing', () => {
    expect(searchLocal(index, '')).toEqual([])
    expect(searchLocal(index, 'nicht the und')).toEqual([])
  })
})
