import { z } from 'zod'
import { timelineEventSchema } from './tickets/events'
import { ticketSchema } from './tickets/model'

/** At most this many commands in one push; the Console sends its outbox in batches. */
export const maxPushCommands = 100
export const maxPullLimit = 2000

/**
 * A push carries raw commands: each is parsed on its own, so one malformed command is refused
 * with its reason while the others in the batch still apply.
 */
export const pushRequestSchema = z.object({
  commands: z.array(z.unknown()).min(1).max(maxPushCommands),
})

export const commandResultSchema = z.discriminatedUnion('status', [
  /** Applied now, or earlier (`duplicate`): either way the command is done and leaves the outbox. */
  z.object({
    status: z.literal('applied'),
    commandId: z.uuid(),
    ticketId: z.uuid(),
    ticketVersion: z.number().int().positive(),
    duplicate: z.boolean(),
  }),
  /** The same field changed on the hub since the edit's base version: the agent decides. */
  z.object({
    status: z.literal('conflict'),
    commandId: z.uuid(),
    ticketId: z.uuid(),
    field: z.enum(['status', 'assignee', 'priority']),
    yours: z.unknown(),
    theirs: z.unknown(),
  }),
  /** Malformed, forbidden or impossible: never applied; `message` says why in plain words. */
  z.object({
    status: z.literal('rejected'),
    commandId: z.uuid().nullable(),
    error: z.string(),
    message: z.string(),
  }),
  /**
   * The hub could not apply it this time (a storage failure), or held it back because an earlier
   * command of the same ticket in this push failed (`error: 'held_back'`). Nothing changed; the
   * Console sends it again and sets it aside for the agent after a few failures.
   */
  z.object({
    status: z.literal('failed'),
    commandId: z.uuid(),
    ticketId: z.uuid(),
    error: z.enum(['storage_failed', 'held_back']),
    message: z.string(),
  }),
])
export type CommandResult = z.infer<typeof commandResultSchema>

export const pushResponseSchema = z.object({
  results: z.array(commandResultSchema),
  cursor: z.number().int().nonnegative(),
})
export type PushResponse = z.infer<typeof pushResponseSchema>

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(maxPullLimit).default(500),
})

export const pullResponseSchema = z.object({
  tickets: z.array(ticketSchema),
  events: z.array(timelineEventSchema),
  /** Pass as `after` next time; every change up to here has been delivered. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
})
export type PullResponse = z.infer<typeof pullResponseSchema>
