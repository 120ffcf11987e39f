import { z } from 'zod'

/** The most attachments one reply or note carries. */
export const maxAttachmentsPerEntry = 10

export const attachmentSourceSchema = z.enum(['upload', 'mail'])

/** What the hub tells about a stored file; the bytes come from the download route. */
export const attachmentSchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  /** The timeline entry that carries it; null while it is only uploaded. */
  eventId: z.string().nullable(),
  fileName: z.string(),
  /** Sniffed from the bytes by the hub; the uploader's claim is not trusted. */
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** A raster image (PNG, JPEG, GIF, WebP) the hub serves inline as a preview. */
  previewable: z.boolean(),
  source: attachmentSourceSchema,
  uploadedBy: z.object({ id: z.uuid().nullable(), name: z.string() }),
  createdAt: z.iso.datetime({ offset: true }),
})
export type Attachment = z.infer<typeof attachmentSchema>

export const attachmentListSchema = z.object({ attachments: z.array(attachmentSchema) })

/** The upload's query string: the raw file is the body. */
export const uploadQuerySchema = z.object({
  name: z.string().trim().min(1, { error: 'The file needs a name' }).max(255),
})

export const attachmentIdsSchema = z
  .array(z.uuid({ error: 'attachment ids must be uuids' }))
  .max(maxAttachmentsPerEntry, { error: `At most ${maxAttachmentsPerEntry} attachments per entry` })
