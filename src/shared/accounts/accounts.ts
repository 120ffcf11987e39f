import { z } from 'zod'
import { roleSchema } from '../auth'
import { groupIdSchema } from '../groups'
import { passwordLimits } from './passwordPolicy'

/** The languages the Console speaks; an account's choice is applied at sign-in. */
export const languages = ['de', 'en'] as const
export const languageSchema = z.enum(languages)
export type Language = z.infer<typeof languageSchema>

export const displayNameSchema = z.string().trim().min(1).max(120)
export const emailSchema = z.email().max(254)

/**
 * A new password as typed. The length limits are checked here too (the hub answers the policy's
 * own clear message for the rest); beyond 1,024 the request is not even looked at.
 */
export const newPasswordSchema = z.string().min(1).max(1024)

/** One-time link tokens: 256 random bits in base64url, as the hub makes them. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'This link is not complete.' })

export const accountStates = ['active', 'disabled'] as const
export type AccountState = (typeof accountStates)[number]

/** An account as the administration screen lists it. */
export const accountEntrySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  groups: z.array(groupIdSchema),
  state: z.enum(accountStates),
  createdAt: z.iso.datetime({ offset: true }),
  disabledAt: z.iso.datetime({ offset: true }).nullable(),
})
export type AccountEntry = z.infer<typeof accountEntrySchema>

export const invitationStates = ['open', 'used', 'expired', 'revoked'] as const
export type InvitationState = (typeof invitationStates)[number]

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  state: z.enum(invitationStates),
  invitedBy: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
})
export type Invitation = z.infer<typeof invitationSchema>

export const accountDirectorySchema = z.object({
  accounts: z.array(accountEntrySchema),
  invitations: z.array(invitationSchema),
})
export type AccountDirectory = z.infer<typeof accountDirectorySchema>

export const inviteRequestSchema = z.object({ email: emailSchema, role: roleSchema })
export type InviteRequest = z.infer<typeof inviteRequestSchema>

/**
 * A created link: the token is shown to the admin once, to pass on; the hub keeps only its hash.
 * The Console turns it into `<hub>/#/invite/<token>` or `/#/reset/<token>`. `mail`: with e-mail on,
 * the link was also queued as a mail to the person (its delivery, to follow until sent).
 */
export const linkCreatedSchema = z.object({
  token: linkTokenSchema,
  expiresAt: z.iso.datetime({ offset: true }),
  mail: z.object({ deliveryId: z.uuid() }).nullable(),
})
export const invitationCreatedSchema = linkCreatedSchema.extend({ invitation: invitationSchema })
export type InvitationCreated = z.infer<typeof invitationCreatedSchema>
export type LinkCreated = z.infer<typeof linkCreatedSchema>

export const roleChangeSchema = z.object({ role: roleSchema })

export const linkKinds = ['invitation', 'reset'] as const
export type LinkKind = (typeof linkKinds)[number]

export const linkRequestSchema = z.object({ token: linkTokenSchema })

/** What the invitation or reset page may show before the password is set. */
export const linkInfoSchema = z.object({
  kind: z.enum(linkKinds),
  email: z.string(),
  organisation: z.string(),
  displayName: z.string().nullable(),
})
export type LinkInfo = z.infer<typeof linkInfoSchema>

export const acceptInvitationSchema = z.object({
  token: linkTokenSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
})
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>

export const resetPasswordSchema = z.object({ token: linkTokenSchema, password: newPasswordSchema })
export type ResetPassword = z.infer<typeof resetPasswordSchema>

/** "My account": what a user changes about themself. */
export const profileUpdateSchema = z
  .object({ displayName: displayNameSchema.optional(), language: languageSchema.optional() })
  .refine((update) => update.displayName !== undefined || update.language !== undefined, {
    error: 'Name or language is needed.',
  })
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: newPasswordSchema,
})
export type PasswordChange = z.infer<typeof passwordChangeSchema>

export { passwordLimits }
