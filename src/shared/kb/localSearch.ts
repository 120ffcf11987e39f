import MiniSearch, { type SearchResult } from 'minisearch'
import type { Article, KbLanguage } from './article'
import { kbLanguages } from './article'
import { compoundTails, indexTerms, queryTerms } from './localTerms'
import { textWords } from './queryTerms'
import type { SearchLanguage } from './search'

/** What the offline index needs of an article; the Console's cache holds whole articles. */
export type LocalArticle = Pick<Article, 'id' | 'category' | 'tags' | 'status' | 'translations'>

interface LocalDoc {
  id: string
  articleId: string
  category: string
  title: string
  keywords: string
  tags: string
  symptoms: string
  body: string
  /** German only: the title and keywords again, indexed under the tails of their compounds. */
  parts: string
}

/** `A` is what the caller indexed (the Console indexes whole cached articles and reads them back). */
export interface LocalKbIndex<A extends LocalArticle = LocalArticle> {
  byLanguage: Record<KbLanguage, MiniSearch<LocalDoc>>
  articles: ReadonlyMap<string, A>
}

export interface LocalHit {
  id: string
  language: KbLanguage
  score: number
  /** Words of the query that matched (as typed), so the Console can say why it suggests the article. */
  matched?: string[]
}

export interface LocalSearchOptions {
  language?: SearchLanguage
  category?: string
  limit?: number
}

const fields = ['title', 'keywords', 'tags', 'symptoms', 'body', 'parts']
// Title and keywords say what an article is about; the solution text mentions many things.
const boost = { title: 3, keywords: 2.5, tags: 2, symptoms: 1.2, body: 0.5, parts: 1 }

function newIndex(language: KbLanguage): MiniSearch<LocalDoc> {
  return new MiniSearch<LocalDoc>({
    fields,
    storeFields: ['articleId', 'category'],
    tokenize: textWords,
    processTerm: (term, field) => (field === 'parts' ? compoundTails(term) : indexTerms(term, language)),
    searchOptions: {
      processTerm: (term) => queryTerms(term, language),
      boost,
      prefix: (term) => term.length >= 3,
      // One typo in a short word, two in a long one: "outlok", "pasword", "disconecting".
      fuzzy: (term) => (term.length < 4 ? false : term.length < 8 ? 1 : 2),
      weights: { prefix: 0.5, fuzzy: 0.35 },
      combineWith: 'OR',
    },
  })
}

function toDocs(article: LocalArticle): Array<[KbLanguage, LocalDoc]> {
  return kbLanguages.flatMap((language): Array<[KbLanguage, LocalDoc]> => {
    const text = article.translations[language]
    if (!text) return []
    const keywords = text.keywords.join(' ')
    return [
      [
        language,
        {
          id: `${article.id}:${language}`,
          articleId: article.id,
          category: article.category,
          title: text.title,
          keywords,
          tags: article.tags.join(' '),
          symptoms: text.symptoms,
          body: `${text.steps.join(' ')} ${text.cause}`,
          parts: language === 'de' ? `${text.title} ${keywords}` : '',
        },
      ],
    ]
  })
}

/** Builds the offline index over the published articles among `articles`; others are left out. */
export function createLocalKbIndex<A extends LocalArticle>(articles: readonly A[]): LocalKbIndex<A> {
  const byLanguage = { de: newIndex('de'), en: newIndex('en') }
  const published = articles.filter((article) => article.status === 'published')
  for (const article of published) {
    for (const [language, doc] of toDocs(article)) byLanguage[language].add(doc)
  }
  return { byLanguage, articles: new Map(published.map((article) => [article.id, article])) }
}

/** Ranked article ids for what the agent typed, at most one hit per article, best first. */
export function searchLocal(index: LocalKbIndex, query: string, options: LocalSearchOptions = {}): LocalHit[] {
  const { language = 'any', category, limit = 10 } = options
  const languages = language === 'any' ? kbLanguages : [language]
  const best = new Map<string, LocalHit>()
  const text = query.slice(0, 200)
  const words = [...new Set(textWords(text))]
  for (const lang of languages) {
    const filter = category ? (result: SearchResult) => result.category === category : undefined
    const forms = words.map((word) => [word, queryTerms(word, lang)] as const)
    for (const result of index.byLanguage[lang].search(text, filter ? { filter } : {})) {
      const id = result.articleId as string
      const current = best.get(id)
      if (current && result.score <= current.score) continue
      const matched = forms.filter(([, terms]) => terms.some((term) => result.queryTerms.includes(term)))
      best.set(id, { id, language: lang, score: result.score, matched: matched.map(([word]) => word) })
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit)
}

/** Published articles carrying any of `tags` (e.g. a finding's `disk-full`), most shared tags first. */
export function localArticlesForTags(
  index: LocalKbIndex,
  tags: readonly string[],
  options: Pick<LocalSearchOptions, 'language' | 'limit'> = {},
): LocalHit[] {
  const { language = 'any', limit = 10 } = options
  const wanted = new Set(tags)
  const hits: LocalHit[] = []
  for (const article of index.articles.values()) {
    const shared = article.tags.filter((tag) => wanted.has(tag)).length
    if (shared === 0) continue
    const shown: KbLanguage | undefined =
      language !== 'any'
        ? article.translations[language]
          ? language
          : undefined
        : article.translations.de
          ? 'de'
          : 'en'
    if (shown) hits.push({ id: article.id, language: shown, score: shared })
  }
  return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit)
}
