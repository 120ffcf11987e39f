import { randomUUID } from 'node:crypto'
import type { Article, ArticleStatus, ArticleVersion, ParsedArticleInput } from '@shared/kb/article'
import { articleTranslationsSchema } from '@shared/kb/article'
import type { ParsedKbListQuery } from '@shared/kb/search'
import type { Queryable } from '../storage/db'
import { articleColumns, isoTime, toArticle, type ArticleRow } from './articleRows'

export type ArticleContent = ParsedArticleInput

export type ChangeResult =
  | { ok: true; article: Article }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'version_conflict'; currentVersion: number }

async function recordVersion(tx: Queryable, article: Article, authorId: string): Promise<void> {
  await tx.query(
    `insert into kb_article_versions
       (article_id, version, author_id, status, category, tags, audience, translations, created_at)
     values ($1, $2, $3, $4, $5, $6::text[], $7, $8::jsonb, $9)`,
    [
      article.id,
      article.version,
      authorId,
      article.status,
      article.category,
      article.tags,
      article.audience,
      JSON.stringify(article.translations),
      article.updatedAt,
    ],
  )
}

/**
 * Adds a published article's word stems to its organisation's vocabulary, which search asks
 * which words full-text search can match, and its title and keyword words to the list typos are
 * compared with. Nothing is taken out again: a stale stem only means a misspelling of it skips
 * the typo path, a stale word only that a typo may look for a word no article has any more.
 */
async function addToVocabulary(tx: Queryable, articleId: string): Promise<void> {
  await tx.query(
    `insert into kb_vocabulary as v (organisation_id, language, lexemes)
     select a.organisation_id, l.language, strip(case l.language when 'de' then a.search_de else a.search_en end)
     from kb_articles a cross join (values ('de'), ('en')) as l (language)
     where a.id = $1 and a.status = 'published'
     on conflict (organisation_id, language) do update set lexemes = strip(v.lexemes || excluded.lexemes)`,
    [articleId],
  )
  await tx.query(
    `insert into kb_words (organisation_id, language, word)
     select distinct a.organisation_id, l.language, w.word
     from kb_articles a cross join (values ('de'), ('en')) as l (language),
       regexp_split_to_table(case l.language when 'de' then a.words_de else a.words_en end, '[^a-z0-9äöüß]+') as w (word)
     where a.id = $1 and a.status = 'published' and char_length(w.word) >= 3
     on conflict do nothing`,
    [articleId],
  )
}

/** Serialises the organisation's article writers until commit, so change numbers commit in order. */
async function lockKnowledgeBase(tx: Queryable, organisationId: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('kb:' || $1))`, [organisationId])
}

/** Inserts an article at version 1 with its first history row. Run it inside a transaction. */
export async function insertArticle(
  tx: Queryable,
  organisationId: string,
  authorId: string,
  content: ArticleContent,
  status: ArticleStatus = 'draft',
): Promise<Article> {
  await lockKnowledgeBase(tx, organisationId)
  const [row] = await tx.query<ArticleRow>(
    `insert into kb_articles as a (id, organisation_id, category, tags, audience, status, version, translations)
     values ($1, $2, $3, $4::text[], $5, $6, 1, $7::jsonb)
     returning ${articleColumns}`,
    [
      randomUUID(),
      organisationId,
      content.category,
      content.tags,
      content.audience,
      status,
      JSON.stringify(content.translations),
    ],
  )
  const article = toArticle(row!)
  await recordVersion(tx, article, authorId)
  await addToVocabulary(tx, article.id)
  return article
}

async function currentVersion(tx: Queryable, organisationId: string, id: string): Promise<number | null> {
  const [row] = await tx.query<{ version: number }>(
    'select version from kb_articles where id = $1 and organisation_id = $2',
    [id, organisationId],
  )
  return row?.version ?? null
}

/**
 * Writes a new version when `baseVersion` is still the current one; an edit based on an older
 * version is refused, never merged over the newer text. Run it inside a transaction.
 */
export async function changeArticle(
  tx: Queryable,
  change: {
    organisationId: string
    authorId: string
    id: string
    baseVersion: number
    status: ArticleStatus
    content?: ArticleContent
  },
): Promise<ChangeResult> {
  const { content } = change
  await lockKnowledgeBase(tx, change.organisationId)
  const [row] = await tx.query<ArticleRow>(
    `update kb_articles as a set
       category = coalesce($5, a.category),
       tags = coalesce($6::text[], a.tags),
       audience = coalesce($7, a.audience),
       translations = coalesce($8::jsonb, a.translations),
       status = $4, version = a.version + 1, updated_at = now(), change_seq = nextval('kb_change_seq')
     where a.id = $1 and a.organisation_id = $2 and a.version = $3
     returning ${articleColumns}`,
    [
      change.id,
      change.organisationId,
      change.baseVersion,
      change.status,
      content?.category ?? null,
      content?.tags ?? null,
      content?.audience ?? null,
      content ? JSON.stringify(content.translations) : null,
    ],
  )
  if (!row) {
    const version = await currentVersion(tx, change.organisationId, change.id)
    return version === null
      ? { ok: false, reason: 'not_found' }
      : { ok: false, reason: 'version_conflict', currentVersion: version }
  }
  const article = toArticle(row)
  await recordVersion(tx, article, change.authorId)
  await addToVocabulary(tx, article.id)
  return { ok: true, article }
}

export async function getArticle(db: Queryable, organisationId: string, id: string): Promise<Article | null> {
  const [row] = await db.query<ArticleRow>(
    `select ${articleColumns} from kb_articles a where a.id = $1 and a.organisation_id = $2`,
    [id, organisationId],
  )
  return row ? toArticle(row) : null
}

/** Articles with all their translations, e.g. every published one for the Console's offline cache. */
export async function listArticles(
  db: Queryable,
  organisationId: string,
  query: ParsedKbListQuery,
): Promise<Article[]> {
  const rows = await db.query<ArticleRow>(
    `select ${articleColumns} from kb_articles a
     where a.organisation_id = $1 and a.status = $2 and ($3::text is null or a.category = $3)
     order by a.updated_at desc, a.id`,
    [organisationId, query.status, query.category ?? null],
  )
  return rows.map(toArticle)
}

/**
 * Articles of any status changed after change number `after` (all for 0), oldest change first,
 * and the number to pass next time. Numbers are drawn under the organisation's lock (see
 * `lockKnowledgeBase`), so a number becomes visible only after every smaller one has.
 */
export async function articlesChangedAfter(
  db: Queryable,
  organisationId: string,
  after: number,
): Promise<{ articles: Article[]; cursor: number }> {
  const rows = await db.query<ArticleRow & { change_seq: string | number }>(
    `select ${articleColumns}, a.change_seq from kb_articles a
     where a.organisation_id = $1 and a.change_seq > $2
     order by a.change_seq`,
    [organisationId, after],
  )
  const cursor = rows.reduce((max, row) => Math.max(max, Number(row.change_seq)), after)
  return { articles: rows.map(toArticle), cursor }
}

interface VersionRow {
  version: number
  status: ArticleStatus
  author_id: string
  author_name: string
  created_at: Date | string
  category: string
  tags: string[]
  audience: ArticleVersion['audience']
  translations: unknown
}

/** The article's history, newest first, or null when the organisation has no such article. */
export async function listVersions(
  db: Queryable,
  organisationId: string,
  id: string,
): Promise<ArticleVersion[] | null> {
  if ((await currentVersion(db, organisationId, id)) === null) return null
  const rows = await db.query<VersionRow>(
    `select v.version, v.status, v.author_id, p.display_name as author_name, v.created_at,
       v.category, v.tags, v.audience, v.translations
     from kb_article_versions v join accounts p on p.id = v.author_id
     where v.article_id = $1 order by v.version desc`,
    [id],
  )
  return rows.map((row) => ({
    version: row.version,
    status: row.status,
    author: { id: row.author_id, displayName: row.author_name },
    createdAt: isoTime(row.created_at),
    category: row.category,
    tags: row.tags,
    audience: row.audience,
    translations: articleTranslationsSchema.parse(row.translations),
  }))
}
