import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { articleInputSchema, articleTranslationSchema } from '@shared/kb/article'
import type { Queryable } from '../storage/db'
import { insertArticle } from './repository'

const starterDir = fileURLToPath(new URL('../../../resources/kb/starter/', import.meta.url))

/** Starter articles ship in both languages and carry a stable key the relevance tests refer to. */
export const starterArticleSchema = articleInputSchema.extend({
  key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  translations: z.object({ de: articleTranslationSchema, en: articleTranslationSchema }).strict(),
})
export type StarterArticle = z.infer<typeof starterArticleSchema>

/** Every starter article from resources/kb/starter/*.json, validated; a broken file fails loudly. */
export function loadStarterArticles(dir = starterDir): StarterArticle[] {
  const articles = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const parsed = z.array(starterArticleSchema).safeParse(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')))
      if (!parsed.success) throw new Error(`resources/kb/starter/${file}: ${z.prettifyError(parsed.error)}`)
      return parsed.data
    })
  const keys = new Set(articles.map((article) => article.key))
  if (keys.size !== articles.length) throw new Error('resources/kb/starter: two articles share a key')
  return articles
}

/**
 * Loads the starter knowledge base into a new organisation as published articles, inside the
 * caller's transaction. Returns the new article id for each starter key.
 */
export async function seedKnowledgeBase(
  tx: Queryable,
  organisationId: string,
  authorId: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const { key, ...content } of loadStarterArticles()) {
    const article = await insertArticle(tx, organisationId, authorId, content, 'published')
    ids.set(key, article.id)
  }
  return ids
}
