import { stemmer as stemEnglish } from '@orama/stemmers/english'
import { stemmer as stemGerman } from '@orama/stemmers/german'
import type { KbLanguage } from './article'
import { verbStemVariants } from './queryTerms'
import { stopWords } from './stopWords'

const stemmers: Record<KbLanguage, (word: string) => string> = { de: stemGerman, en: stemEnglish }

/** Folds umlauts and ß like PostgreSQL's German stemmer, so "hängt" and "hangt" meet. */
const fold = (word: string): string => word.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss')

// Article text repeats a small vocabulary, so remembered stems make indexing several times faster.
const stemCache: Record<KbLanguage, Map<string, string>> = { de: new Map(), en: new Map() }
const stemCacheLimit = 100_000

export function stem(word: string, language: KbLanguage): string {
  const cache = stemCache[language]
  const known = cache.get(word)
  if (known !== undefined) return known
  const stemmed = stemmers[language](word.toLowerCase())
  const result = language === 'de' ? fold(stemmed) : stemmed
  if (cache.size >= stemCacheLimit) cache.clear()
  cache.set(word, result)
  return result
}

const isNoise = (word: string): boolean => word.length < 2 || stopWords.has(word)

/** The terms a word of article text is indexed under. */
export function indexTerms(word: string, language: KbLanguage): string[] {
  const lower = word.toLowerCase()
  return isNoise(lower) ? [] : [stem(lower, language)]
}

/** The terms a word of a query looks for: its stem, and for German verbs the noun's stem too. */
export function queryTerms(word: string, language: KbLanguage): string[] {
  const lower = word.toLowerCase()
  if (isNoise(lower)) return []
  return [...new Set([lower, ...verbStemVariants(lower, language)].map((form) => stem(form, language)))]
}

const minPart = 4
const minCompound = 8

/**
 * Tails of a German compound, each stemmed: "druckerwarteschlange" is also found as
 * "warteschlange" and "schlange". Heads are already reachable by prefix search.
 */
export function compoundTails(word: string): string[] {
  const lower = word.toLowerCase()
  if (lower.length < minCompound) return []
  const tails: string[] = []
  for (let start = 3; lower.length - start >= minPart; start++) tails.push(stem(lower.slice(start), 'de'))
  return [...new Set(tails)]
}
