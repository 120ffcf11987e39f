import { z } from 'zod'
import { accountSchema } from './auth'

/** Messages a client sends on the hub's WebSocket. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string().min(32).max(256) }),
  z.object({ type: z.literal('ping'), at: z.number() }),
])
export type ClientMessage = z.infer<typeof clientMessageSchema>

/** Messages the hub sends on its WebSocket. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), account: accountSchema }),
  z.object({ type: z.literal('pong'), at: z.number() }),
  /** Tickets changed on the hub up to `cursor`: pull to catch up. */
  z.object({ type: z.literal('changed'), cursor: z.number().int().nonnegative() }),
  /** Vendor cases, problems or changes were edited on the hub: Consoles showing them fetch again. */
  z.object({ type: z.literal('records_changed') }),
  z.object({ type: z.literal('error'), error: z.string(), message: z.string() }),
])
export type ServerMessage = z.infer<typeof serverMessageSchema>

/** Close codes the hub uses; 4xxx is the application range. */
export const closeCodes = {
  unauthorized: 4401,
  badMessage: 4400,
} as const

export const maxMessageBytes = 256 * 1024
