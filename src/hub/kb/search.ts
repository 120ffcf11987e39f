import type { KbLanguage } from '@shared/kb/article'
import { buildTsQueries, wordTsQueries } from '@shared/kb/queryTerms'
import type { KbSearchHit, ParsedKbSearchQuery, ParsedKbTagQuery } from '@shared/kb/search'
import type { Database, Queryable } from '../storage/db'

interface HitRow {
  id: string
  language: KbLanguage
  title: string
  symptoms: string
  category: string
  tags: string[]
  audience: KbSearchHit['audience']
  score: number
}

const hitColumns = (language: KbLanguage) => `a.id, '${language}' as language,
  a.translations #>> '{${language},title}' as title, a.translations #>> '{${language},symptoms}' as symptoms,
  a.category, a.tags, a.audience`

const candidatesPerSignal = 50

/**
 * One language's hits and scores, in two steps so the cost stays flat as the knowledge base
 * grows. First the best few candidates of each signal, each found through its own index: the
 * weighted text rank of the words (any word, prefixes allowed), and, only for words the text
 * index cannot match at all (typos, tails of German compounds), the text rank of the title and
 * keyword words they resemble by trigrams. Then only those are scored: text rank, a bonus when
 * every word matched, and the trigram similarity of the whole query to title and keywords.
 */
function languageSelect(language: KbLanguage, p: { any: string; all: string; similar: string | null }): string {
  const config = language === 'de' ? 'german' : 'english'
  const vector = `a.search_${language}`
  const words = `a.words_${language}`
  const anyWords = `to_tsquery('${config}', ${p.any})`
  const rank = `ts_rank('{0.1, 0.2, 0.4, 1.0}', ${vector}, ${anyWords})`
  const scope = `a.organisation_id = $1 and a.status = 'published' and ($2::text is null or a.category = $2)`
  // Typos and compound tails: the articles with the words they resemble, ranked like any match.
  const similar = p.similar ? `to_tsquery('${config}', ${p.similar})` : null
  const typoCandidates = similar
    ? `union
      (select a.id from kb_articles a where ${scope} and ${vector} @@ ${similar}
        order by ts_rank('{0.1, 0.2, 0.4, 1.0}', ${vector}, ${similar}) desc limit ${candidatesPerSignal})`
    : ''
  const allWords = `to_tsquery('${config}', ${p.all})`
  // Articles with every word are the likely answers; only when there are fewer than a full set
  // of them are articles with some of the words ranked too (a one-time check, so a common word
  // in a big knowledge base does not make every article a candidate to rank).
  const fewWithAll = `(select count(*) from (select 1 from kb_articles b
      where b.organisation_id = $1 and b.status = 'published' and ($2::text is null or b.category = $2)
        and b.search_${language} @@ ${allWords} limit ${candidatesPerSignal}) found) < ${candidatesPerSignal}`
  return `(select ${hitColumns(language)},
      coalesce(${rank}, 0)
      + case when ${vector} @@ ${allWords} then 0.3 else 0 end
      + 0.8 * public.word_similarity($3, ${words}) as score
    from kb_articles a
    where a.id in (
      (select a.id from kb_articles a where ${scope} and ${vector} @@ ${allWords}
        order by ${rank} desc limit ${candidatesPerSignal})
      union
      (select a.id from kb_articles a where ${scope} and ${fewWithAll} and ${vector} @@ ${anyWords}
        order by ${rank} desc limit ${candidatesPerSignal})
      ${typoCandidates}
    ))`
}

/**
 * The query words (as typed, lower case) that no published article's text contains in this
 * language, judged against the organisation's vocabulary: one small row, not the articles.
 */
async function wordsTextCannotMatch(
  db: Queryable,
  organisationId: string,
  language: KbLanguage,
  groups: Array<{ word: string; query: string }>,
): Promise<string[]> {
  if (groups.length === 0) return []
  const config = language === 'de' ? 'german' : 'english'
  const rows = await db.query<{ word: string }>(
    `select w.word from unnest($2::text[], $3::text[]) as w (word, query)
     where not exists (
       select 1 from kb_vocabulary v
       where v.organisation_id = $1 and v.language = $4 and v.lexemes @@ to_tsquery('${config}', w.query)
     )`,
    [organisationId, groups.map((g) => g.word), groups.map((g) => g.query), language],
  )
  return rows.map((row) => row.word)
}

const similarPerTypo = 3

/**
 * Title and keyword words of published articles that the given words resemble (trigram word
 * similarity), the closest few per word, as a prefix tsquery; null when none resembles any.
 */
async function similarWords(
  db: Queryable,
  organisationId: string,
  language: KbLanguage,
  typos: string[],
): Promise<string | null> {
  if (typos.length === 0) return null
  const rows = await db.query<{ word: string }>(
    `select distinct s.word from unnest($2::text[]) as t (typo)
     cross join lateral (
       select k.word from kb_words k
       where k.organisation_id = $1 and k.language = $3 and k.word operator(public.%>) t.typo
       order by public.word_similarity(t.typo, k.word) desc, k.word limit ${similarPerTypo}
     ) s`,
    [organisationId, typos, language],
  )
  // kb_words holds only letters and digits, so each word is safe inside a tsquery.
  return rows.length === 0 ? null : rows.map((row) => `${row.word}:*`).join(' | ')
}

/**
 * Ranked published articles for what an agent typed, best first, at most one hit per article.
 * Runs in a transaction of its own so the planner setting below stays with this search.
 */
export function searchArticles(
  db: Database,
  organisationId: string,
  query: ParsedKbSearchQuery,
): Promise<KbSearchHit[]> {
  return db.transaction(async (tx) => {
    // The articles are few enough to sit in memory, where a random read costs about what a
    // sequential one does. With the default cost the planner reads every article's title
    // instead of asking the trigram index, which made typo searches ten times slower.
    await tx.query('set local random_page_cost = 1.1')
    return rankedHits(tx, organisationId, query)
  })
}

async function rankedHits(db: Queryable, organisationId: string, query: ParsedKbSearchQuery): Promise<KbSearchHit[]> {
  const languages: KbLanguage[] = query.language === 'any' ? ['de', 'en'] : [query.language]
  const params: unknown[] = [organisationId, query.category ?? null, query.q.toLowerCase()]
  const selects: string[] = []
  for (const language of languages) {
    const ts = buildTsQueries(query.q, language)
    const typos = await wordsTextCannotMatch(db, organisationId, language, wordTsQueries(query.q, language))
    const similar = await similarWords(db, organisationId, language, typos)
    params.push(ts?.any ?? null, ts?.all ?? null)
    const n = params.length
    let similarParam: string | null = null
    if (similar) {
      params.push(similar)
      similarParam = `$${params.length}::text`
    }
    selects.push(languageSelect(language, { any: `$${n - 1}::text`, all: `$${n}::text`, similar: similarParam }))
  }
  params.push(query.limit)
  const rows = await db.query<HitRow>(
    `select * from (
       select distinct on (id) * from (${selects.join(' union all ')}) hits order by id, score desc
     ) best
     order by score desc, id
     limit $${params.length}`,
    params,
  )
  return rows.map((row) => ({ ...row, score: Number(row.score) }))
}

/**
 * Published articles carrying any of the given tags (e.g. a diagnostic finding's `disk-full`),
 * those sharing the most tags first.
 */
export async function articlesForTags(
  db: Queryable,
  organisationId: string,
  query: ParsedKbTagQuery,
): Promise<KbSearchHit[]> {
  const language: KbLanguage = query.language === 'en' ? 'en' : 'de'
  const other: KbLanguage = language === 'de' ? 'en' : 'de'
  const rows = await db.query<HitRow>(
    `select a.id,
       case when a.translations ? '${language}' then '${language}' else '${other}' end as language,
       coalesce(a.translations #>> '{${language},title}', a.translations #>> '{${other},title}') as title,
       coalesce(a.translations #>> '{${language},symptoms}', a.translations #>> '{${other},symptoms}') as symptoms,
       a.category, a.tags, a.audience,
       cardinality(array(select unnest(a.tags) intersect select unnest($2::text[])))::float8 as score
     from kb_articles a
     where a.organisation_id = $1 and a.status = 'published' and a.tags && $2::text[]
       and ($3::text = 'any' or a.translations ? $3)
     order by score desc, a.updated_at desc, a.id
     limit $4`,
    [organisationId, query.tags, query.language, query.limit],
  )
  return rows.map((row) => ({ ...row, score: Number(row.score) }))
}
