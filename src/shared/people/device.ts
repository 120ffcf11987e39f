import { z } from 'zod'
import { severities } from '../diagnostics/findings'
import { peopleLimits } from './limits'

export const deviceKinds = ['client', 'server'] as const
export const deviceKindSchema = z.enum(deviceKinds)
export type DeviceKind = z.infer<typeof deviceKindSchema>

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable()

/** How a diagnostics snapshot looked, in a few numbers and the most severe findings' titles. */
export const findingsSummarySchema = z.object({
  counts: z.object({
    critical: z.number().int().min(0),
    warning: z.number().int().min(0),
    info: z.number().int().min(0),
  }),
  /** The first few findings, most severe first. */
  top: z
    .array(
      z.object({
        id: z.string(),
        severity: z.enum(severities),
        title: z.object({ en: z.string(), de: z.string() }),
      }),
    )
    .max(5),
})
export type FindingsSummary = z.infer<typeof findingsSummarySchema>

export const deviceSnapshotRefSchema = z.object({
  /** The diagnostics record's id (as on the ticket's diagnostics). */
  id: z.uuid(),
  at: z.iso.datetime(),
  findings: findingsSummarySchema,
})
export type DeviceSnapshotRef = z.infer<typeof deviceSnapshotRefSchema>

/** What an admin enters or changes for a device (`POST /api/customers/:id/devices`, `PUT /api/devices/:id`). */
export const deviceInputSchema = z.object({
  /** The system's name as people say it, usually its host name (contract scopes name systems by it). */
  name: z.string().trim().min(1, { error: 'A device needs a name' }).max(peopleLimits.deviceName),
  kind: deviceKindSchema,
  /** Device group, as contract scopes name them (e.g. `office-clients`, `domain-controllers`). */
  group: optionalText(peopleLimits.deviceGroup),
  /** The contact who uses it (a contact of the same customer), if any. */
  contactId: z.uuid().nullable(),
  model: optionalText(peopleLimits.model),
  serial: optionalText(peopleLimits.serial),
  os: optionalText(peopleLimits.os),
  notes: z.string().max(peopleLimits.notes).default(''),
})
export type DeviceInput = z.infer<typeof deviceInputSchema>

export const deviceSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  contactId: z.uuid().nullable(),
  name: z.string(),
  kind: deviceKindSchema,
  group: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  os: z.string().nullable(),
  notes: z.string(),
  lastSnapshot: deviceSnapshotRefSchema.nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Device = z.infer<typeof deviceSchema>
