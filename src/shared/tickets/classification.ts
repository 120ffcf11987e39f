import { z } from 'zod'
import { ticketLimits } from './limits'

export const ticketTypes = ['incident', 'service_request', 'change_request'] as const
export const ticketTypeSchema = z.enum(ticketTypes)
export type TicketType = z.infer<typeof ticketTypeSchema>

export const channels = ['phone', 'chat', 'email', 'gethelp'] as const
export const channelSchema = z.enum(channels)
export type Channel = z.infer<typeof channelSchema>

/** Categories are configurable per organisation, so a category is any slug; these are the defaults. */
export const defaultCategories = [
  'hardware',
  'peripherals',
  'operating_system',
  'office_and_apps',
  'network',
  'account_and_access',
  'other',
] as const

export const categoryIdSchema = z
  .string()
  .max(ticketLimits.categoryId)
  .regex(/^[a-z][a-z0-9_]*$/, { error: 'A category id is lower case letters, digits and underscores' })
export type CategoryId = z.infer<typeof categoryIdSchema>

export const categoryConfigSchema = z
  .array(categoryIdSchema)
  .min(1, { error: 'At least one category is needed' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'Each category may appear only once' })
export type CategoryConfig = z.infer<typeof categoryConfigSchema>

export function isKnownCategory(category: string, categories: readonly string[]): boolean {
  return categories.includes(category)
}

export const supportLevelSchema = z.literal([1, 2, 3])
export type SupportLevel = z.infer<typeof supportLevelSchema>

export const tagSchema = z
  .string()
  .max(ticketLimits.tag)
  .regex(/^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]*$/u, { error: 'A tag is lower case, without spaces' })

export const tagsSchema = z
  .array(tagSchema)
  .max(ticketLimits.tagsPerTicket, { error: `At most ${ticketLimits.tagsPerTicket} tags` })
  .refine((tags) => new Set(tags).size === tags.length, { error: 'Each tag may appear only once' })
