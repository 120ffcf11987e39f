import type { KbLanguage } from '@shared/kb/article'
import { buildTsQueries } from '@shared/kb/queryTerms'
import type { KbSearchHit, ParsedKbSearchQuery, ParsedKbTagQuery } from '@shared/kb/search'
import type { Queryable } from '../storage/db'

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
 * weighted text rank of the words (any word, prefixes allowed), and trigram resemblance of the
 * query to the title and keywords, which catches typos and the tails of German compounds. Then
 * only those are scored: text rank, a bonus when every word matched, and the trigram similarity.
 */
function languageSelect(language: KbLanguage, p: { any: string; all: string }): string {
  const config = language === 'de' ? 'german' : 'english'
  const vector = `a.search_${language}`
  const words = `a.words_${language}`
  const anyWords = `to_tsquery('${config}', ${p.any})`
  const rank = `ts_rank('{0.1, 0.2, 0.4, 1.0}', ${vector}, ${anyWords})`
  const scope = `a.organisation_id = $1 and a.status = 'published' and ($2::text is null or a.category = $2)`
  return `(select ${hitColumns(language)},
      coalesce(${rank}, 0)
      + case when ${vector} @@ to_tsquery('${config}', ${p.all}) then 0.3 else 0 end
      + 0.8 * public.word_similarity($3, ${words}) as score
    from kb_articles a
    where a.id in (
      (select a.id from kb_articles a where ${scope} and ${vector} @@ ${anyWords}
        order by ${rank} desc limit ${candidatesPerSignal})
      union
      (select a.id from kb_articles a where ${scope} and $3 operator(public.<%) ${words}
        order by public.word_similarity($3, ${words}) desc limit ${candidatesPerSignal})
    ))`
}

/** Ranked published articles for what an agent typed, best first, at most one hit per article. */
export async function searchArticles(
  db: Queryable,
  organisationId: string,
  query: ParsedKbSearchQuery,
): Promise<KbSearchHit[]> {
  const languages: KbLanguage[] = query.language === 'any' ? ['de', 'en'] : [query.language]
  const params: unknown[] = [organisationId, query.category ?? null, query.q.toLowerCase()]
  const selects = languages.map((language) => {
    const ts = buildTsQueries(query.q, language)
    params.push(ts?.any ?? null, ts?.all ?? null)
    const n = params.length
    return languageSelect(language, { any: `$${n - 1}::text`, all: `$${n}::text` })
  })
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
