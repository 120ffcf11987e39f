import { z } from 'zod'
import { categoryIdSchema } from '../tickets/classification'
import { articleAudienceSchema, articleStatusSchema, articleTagSchema, kbLanguageSchema } from './article'
import { kbLimits } from './limits'

export const searchLanguageSchema = z.enum(['de', 'en', 'any'], { error: 'language must be "de", "en" or "any"' })
export type SearchLanguage = z.infer<typeof searchLanguageSchema>

const limitSchema = z.coerce
  .number({ error: 'limit must be a number' })
  .int({ error: 'limit must be a whole number' })
  .min(1, { error: 'limit must be at least 1' })
  .max(kbLimits.searchLimit, { error: `limit is at most ${kbLimits.searchLimit}` })
  .default(10)

export const kbSearchQuerySchema = z.object({
  q: z
    .string({ error: 'q (the search text) is required' })
    .trim()
    .min(1, { error: 'q (the search text) must not be empty' })
    .max(kbLimits.query, { error: `q has at most ${kbLimits.query} characters` }),
  language: searchLanguageSchema.default('any'),
  category: categoryIdSchema.optional(),
  limit: limitSchema,
})
export type KbSearchQuery = z.input<typeof kbSearchQuerySchema>
export type ParsedKbSearchQuery = z.infer<typeof kbSearchQuerySchema>

/** Tags arrive as one comma-separated query parameter: `?tags=disk-full,no-gateway`. */
export const kbTagQuerySchema = z.object({
  tags: z
    .string({ error: 'tags is required, e.g. tags=disk-full,no-gateway' })
    .transform((value) =>
      value
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag.length > 0),
    )
    .pipe(
      z
        .array(articleTagSchema)
        .min(1, { error: 'name at least one tag' })
        .max(kbLimits.tagsPerQuery, { error: `at most ${kbLimits.tagsPerQuery} tags per query` }),
    ),
  language: searchLanguageSchema.default('any'),
  limit: limitSchema,
})
export type ParsedKbTagQuery = z.infer<typeof kbTagQuerySchema>

export const kbListQuerySchema = z.object({
  status: articleStatusSchema.default('published'),
  category: categoryIdSchema.optional(),
})
export type ParsedKbListQuery = z.infer<typeof kbListQuerySchema>

export const kbSearchHitSchema = z.object({
  id: z.uuid(),
  /** The translation that matched; the title and symptoms are in this language. */
  language: kbLanguageSchema,
  title: z.string(),
  symptoms: z.string(),
  category: categoryIdSchema,
  tags: z.array(z.string()),
  audience: articleAudienceSchema,
  score: z.number(),
})
export type KbSearchHit = z.infer<typeof kbSearchHitSchema>

export const kbSearchResponseSchema = z.object({ hits: z.array(kbSearchHitSchema) })
export type KbSearchResponse = z.infer<typeof kbSearchResponseSchema>
