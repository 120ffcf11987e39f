import type { KbLanguage } from './article'
import { stopWords } from './stopWords'

const maxTerms = 12

/** Lower-case words of letters and digits; anything else separates words. */
export function textWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFC')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
}

/**
 * The words of search text that can tell articles apart. They are safe to embed in a PostgreSQL
 * tsquery and mean the same on hub and Console.
 */
export function queryWords(text: string): string[] {
  return textWords(text)
    .filter((word) => word.length >= 2 && !stopWords.has(word))
    .slice(0, maxTerms)
}

/**
 * Forms of a German verb that the Snowball stemmer leaves apart from their noun: "druckt" and
 * "verbindet" should also look for "druck" and "verbind". English stemming already does this.
 */
export function verbStemVariants(word: string, language: KbLanguage): string[] {
  if (language !== 'de' || word.length < 5) return []
  if (word.endsWith('et') && word.length >= 7) return [word.slice(0, -2)]
  if (word.endsWith('st') && word.length >= 6) return [word.slice(0, -2)]
  if (word.endsWith('t') && !word.endsWith('tt')) return [word.slice(0, -1)]
  return []
}

/**
 * tsquery texts for the hub: `any` matches an article that has one of the words (ranked by how
 * many), `all` one that has every word. Every word is a prefix, so "druck" meets
 * "druckerwarteschlange"; stop words are dropped by PostgreSQL itself.
 */
export function buildTsQueries(text: string, language: KbLanguage): { any: string; all: string } | null {
  const groups = wordTsQueries(text, language).map((group) => group.query)
  if (groups.length === 0) return null
  return { any: groups.join(' | '), all: groups.join(' & ') }
}

/** One tsquery text per query word, with its verb variants, in the order of `queryWords`. */
export function wordTsQueries(text: string, language: KbLanguage): Array<{ word: string; query: string }> {
  return queryWords(text).map((word) => {
    const forms = [word, ...verbStemVariants(word, language)].map((form) => `${form}:*`)
    return { word, query: forms.length === 1 ? forms[0]! : `(${forms.join(' | ')})` }
  })
}
