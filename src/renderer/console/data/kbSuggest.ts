import { pickTranslation, type KbLanguage } from '@shared/kb/article'
import { searchLocal, type LocalKbIndex } from '@shared/kb/localSearch'
import type { Finding } from '@shared/diagnostics/findings'

/** Why an article is suggested; the panel shows every reason it has. */
export type SuggestionReason =
  | { kind: 'words'; words: string[] }
  | { kind: 'finding'; findingId: string; title: Finding['title'] }
  | { kind: 'tag'; tag: string }
  | { kind: 'category'; category: string }

export interface Suggestion {
  id: string
  language: KbLanguage
  title: string
  score: number
  reasons: SuggestionReason[]
}

export interface SuggestionInput {
  /** What the agent typed: subject and description. */
  text: string
  category: string | null
  findings: readonly Pick<Finding, 'id' | 'tags' | 'title'>[]
  /** The ticket's own tags (Get Help files tickets with the findings' tags). */
  tags?: readonly string[]
}

export const defaultSuggestionLimit = 5

// Weights: a finding that names the article's own tag is the strongest evidence there is; words
// typed by the agent come next (scaled to the best text hit); a shared generic tag or merely the
// same category only tip the balance.
const weight = { findingPrimary: 1.2, findingTag: 0.25, ticketTag: 0.4, words: 1, category: 0.3 }
const textCandidates = 20
const minScore = 0.3

/** The finding's own kind (`disk-full:/` → `disk-full`): the tag articles for it carry. */
const primaryTag = (finding: Pick<Finding, 'id'>): string => finding.id.split(':')[0]!

/**
 * The best few published articles for a ticket, from what the agent typed, the ticket's category,
 * and the findings of its diagnostics, each with the reasons it was chosen. Runs on the local index
 * only, so it answers offline.
 */
export function suggestArticles(
  index: LocalKbIndex,
  input: SuggestionInput,
  language: KbLanguage,
  limit = defaultSuggestionLimit,
): Suggestion[] {
  const found = new Map<string, { score: number; language: KbLanguage | null; reasons: SuggestionReason[] }>()
  const entry = (id: string) => {
    let current = found.get(id)
    if (!current) found.set(id, (current = { score: 0, language: null, reasons: [] }))
    return current
  }

  const text = input.text.trim()
  if (text) {
    const hits = searchLocal(index, text, { limit: textCandidates })
    const best = hits[0]?.score ?? 1
    for (const hit of hits) {
      const current = entry(hit.id)
      current.score += weight.words * (hit.score / best)
      current.language = hit.language
      if (hit.matched && hit.matched.length > 0) current.reasons.push({ kind: 'words', words: hit.matched })
    }
  }

  const ticketTags = new Set(input.tags ?? [])
  for (const article of index.articles.values()) {
    const tags = new Set(article.tags)
    for (const finding of input.findings) {
      if (tags.has(primaryTag(finding))) {
        entry(article.id).score += weight.findingPrimary
      } else {
        const shared = finding.tags.filter((tag) => tags.has(tag)).length
        if (shared === 0) continue
        entry(article.id).score += weight.findingTag * shared
      }
      entry(article.id).reasons.push({ kind: 'finding', findingId: finding.id, title: finding.title })
    }
    for (const tag of article.tags) {
      if (!ticketTags.has(tag) || input.findings.some((finding) => primaryTag(finding) === tag)) continue
      entry(article.id).score += weight.ticketTag
      entry(article.id).reasons.push({ kind: 'tag', tag })
    }
    if (input.category && article.category === input.category) {
      entry(article.id).score += weight.category
      entry(article.id).reasons.push({ kind: 'category', category: article.category })
    }
  }

  return [...found.entries()]
    .filter(([, candidate]) => candidate.score >= minScore)
    .sort(([a, x], [b, y]) => y.score - x.score || a.localeCompare(b))
    .slice(0, limit)
    .map(([id, candidate]) => {
      const article = index.articles.get(id)!
      const shown = pickTranslation(article.translations, candidate.language ?? language)
      return {
        id,
        language: shown.language,
        title: shown.text.title,
        score: candidate.score,
        reasons: candidate.reasons,
      }
    })
}
