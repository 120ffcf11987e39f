import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { de } from './de'
import { en } from './en'

/** Every string of a locale with its dotted key. */
function strings(tree: object, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : strings(value as object, `${prefix}${key}.`),
  )
}

describe('counted words', () => {
  for (const [language, resources] of [
    ['en', en],
    ['de', de],
  ] as const) {
    it(`${language}: every text that shows a count has a singular and a plural form`, () => {
      const all = strings(resources)
      const keys = new Set(all.map(([key]) => key))
      const bare = all.filter(([key, text]) => text.includes('{{count}}') && !/_(one|other)$/.test(key))
      expect(bare.map(([key]) => key)).toEqual([])
      const singulars = all.filter(([key]) => key.endsWith('_one')).map(([key]) => key.replace(/_one$/, '_other'))
      expect(singulars.filter((key) => !keys.has(key))).toEqual([])
    })
  }

  const t = i18next.createInstance()
  beforeAll(() =>
    t.init({
      resources: { en: { translation: en }, de: { translation: de } },
      lng: 'en',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    }),
  )
  it('says "1 message" and "1 Nachricht", not "1 messages"', () => {
    expect(t.t('console.ticket.events.session_chat', { count: 1 })).toBe('remote session chat (1 message)')
    expect(t.t('console.ticket.events.session_chat', { count: 3 })).toBe('remote session chat (3 messages)')
    expect(t.t('console.ticket.events.session_chat', { count: 1, lng: 'de' })).toBe(
      'Chat der Fernsitzung (1 Nachricht)',
    )
    expect(t.t('console.status.syncingCount', { count: 1, lng: 'de' })).toBe('Synchronisiere… 1 Ticket empfangen')
  })
})
