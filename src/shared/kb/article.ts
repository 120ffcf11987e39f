import { z } from 'zod'
import { categoryIdSchema } from '../tickets/classification'
import { kbLimits } from './limits'

export const kbLanguages = ['de', 'en'] as const
export const kbLanguageSchema = z.enum(kbLanguages, { error: 'language must be "de" or "en"' })
export type KbLanguage = z.infer<typeof kbLanguageSchema>

export const articleAudiences = ['internal', 'end_user'] as const
export const articleAudienceSchema = z.enum(articleAudiences, { error: 'audience must be "internal" or "end_user"' })
export type ArticleAudience = z.infer<typeof articleAudienceSchema>

export const articleStatuses = ['draft', 'in_review', 'published', 'outdated'] as const
export const articleStatusSchema = z.enum(articleStatuses, {
  error: 'status must be one of draft, in_review, published, outdated',
})
export type ArticleStatus = z.infer<typeof articleStatusSchema>

/** Tags diagnostic findings carry; an article tagged with one is suggested when the finding shows up. */
export const findingTags = [
  'disk-full',
  'no-gateway',
  'no-dns',
  'printer-offline',
  'hub-unreachable',
  'battery-worn',
  'memory-pressure',
  'high-cpu',
  'long-uptime',
  'clock-skew',
  'device-missing',
] as const
export type FindingTag = (typeof findingTags)[number]

export const articleTagSchema = z
  .string()
  .max(kbLimits.tag, { error: `A tag has at most ${kbLimits.tag} characters` })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'A tag is lower case letters and digits joined by single hyphens, e.g. disk-full',
  })

const text = (field: string, max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, { error: `${field} must not be empty` })
    .max(max, { error: `${field} has at most ${max} characters` })

export const articleTranslationSchema = z.object({
  title: text('title', kbLimits.title),
  symptoms: text('symptoms', kbLimits.symptoms),
  cause: text('cause', kbLimits.cause, 0).default(''),
  steps: z
    .array(text('a solution step', kbLimits.step))
    .min(1, { error: 'An article needs at least one solution step' })
    .max(kbLimits.steps, { error: `An article has at most ${kbLimits.steps} solution steps` }),
  /** Words people type that the text does not contain: synonyms, old names, error codes. */
  keywords: z
    .array(text('a keyword', kbLimits.keyword))
    .max(kbLimits.keywords, { error: `An article has at most ${kbLimits.keywords} keywords per language` })
    .default([]),
})
export type ArticleTranslation = z.infer<typeof articleTranslationSchema>

export const articleTranslationsSchema = z
  .strictObject(
    { de: articleTranslationSchema.optional(), en: articleTranslationSchema.optional() },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `translations may only be "de" or "en", not ${issue.keys.join(', ')}`
          : undefined,
    },
  )
  .refine((t) => t.de !== undefined || t.en !== undefined, {
    error: 'An article needs a German or an English text, or both',
  })
export type ArticleTranslations = z.infer<typeof articleTranslationsSchema>

const tagsSchema = z
  .array(articleTagSchema)
  .max(kbLimits.tags, { error: `An article has at most ${kbLimits.tags} tags` })
  .refine((tags) => new Set(tags).size === tags.length, { error: 'Each tag may appear only once' })

/** What an author sends to create an article; it always starts as a draft. */
export const articleInputSchema = z.object({
  category: categoryIdSchema,
  tags: tagsSchema.default([]),
  audience: articleAudienceSchema,
  translations: articleTranslationsSchema,
})
export type ArticleInput = z.input<typeof articleInputSchema>
export type ParsedArticleInput = z.infer<typeof articleInputSchema>

/** Publishing has its own route, so an edit can move an article anywhere but to published. */
export const articleEditStatusSchema = z.enum(['draft', 'in_review', 'outdated'], {
  error: 'status must be draft, in_review or outdated; publish through the publish action',
})

/** An edit names the version it was based on, so an edit made offline never overwrites a newer one. */
export const articleUpdateSchema = articleInputSchema.extend({
  baseVersion: z.int().min(1),
  status: articleEditStatusSchema.optional(),
})
export type ArticleUpdate = z.input<typeof articleUpdateSchema>
export type ParsedArticleUpdate = z.infer<typeof articleUpdateSchema>

export const articleSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  category: categoryIdSchema,
  tags: z.array(z.string()),
  audience: articleAudienceSchema,
  status: articleStatusSchema,
  version: z.int().min(1),
  translations: articleTranslationsSchema,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
})
export type Article = z.infer<typeof articleSchema>

export const articleVersionSchema = z.object({
  version: z.int().min(1),
  status: articleStatusSchema,
  author: z.object({ id: z.uuid(), displayName: z.string() }),
  createdAt: z.iso.datetime({ offset: true }),
  category: categoryIdSchema,
  tags: z.array(z.string()),
  audience: articleAudienceSchema,
  translations: articleTranslationsSchema,
})
export type ArticleVersion = z.infer<typeof articleVersionSchema>

/** The language a translation is shown in: the one asked for when it exists, else the other. */
export function pickTranslation(
  translations: ArticleTranslations,
  preferred: KbLanguage,
): { language: KbLanguage; text: ArticleTranslation } {
  const other: KbLanguage = preferred === 'de' ? 'en' : 'de'
  const chosen = translations[preferred] ? preferred : other
  return { language: chosen, text: (translations[chosen] ?? translations[preferred])! }
}
