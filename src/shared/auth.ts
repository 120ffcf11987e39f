import { z } from 'zod'

export const roles = ['agent', 'specialist', 'admin'] as const
export const roleSchema = z.enum(roles)
export type Role = z.infer<typeof roleSchema>

export const loginRequestSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
})
export type LoginRequest = z.infer<typeof loginRequestSchema>

export const accountSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  displayName: z.string().min(1),
  role: roleSchema,
  organisation: z.object({ id: z.uuid(), name: z.string().min(1) }),
  /** The account's chosen Console language; the Console applies it at sign-in. Null: not chosen. */
  language: z.enum(['de', 'en']).nullable().optional(),
})
export type Account = z.infer<typeof accountSchema>

export const loginResponseSchema = z.object({
  token: z.string().min(32),
  account: accountSchema,
})
export type LoginResponse = z.infer<typeof loginResponseSchema>

/** Every error the hub sends over HTTP has this shape. */
export const hubErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
})
export type HubError = z.infer<typeof hubErrorSchema>

export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
})
export type Health = z.infer<typeof healthSchema>

/** What Get Help may learn about the organisation before anyone signs in. */
export const publicOrganisationSchema = z.object({ name: z.string().min(1) })
export type PublicOrganisation = z.infer<typeof publicOrganisationSchema>
