import { z } from 'zod'

/** What the admin audit log records; one word per kind of thing changed. */
export const auditTargetKinds = [
  'account',
  'invitation',
  'group',
  'customer',
  'contact',
  'contract',
  'device',
  'enrolment',
  'settings',
] as const
export const auditTargetKindSchema = z.enum(auditTargetKinds)
export type AuditTargetKind = z.infer<typeof auditTargetKindSchema>

export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  actor: z.object({ id: z.uuid().nullable(), name: z.string() }),
  /** A dotted verb, e.g. `account.invited`, `contract.updated`. */
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  target: z.object({ kind: auditTargetKindSchema, id: z.string().nullable(), name: z.string().nullable() }),
  /** What changed, as the action's own small record (before/after values, never secrets). */
  details: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditQuerySchema = z.object({
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)?$/)
    .optional(),
  targetKind: auditTargetKindSchema.optional(),
  actorId: z.uuid().optional(),
  /** Entries before this sequence number (paging back in time). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), hasMore: z.boolean() })
export type AuditPage = z.infer<typeof auditPageSchema>
