import { z } from 'zod'

/**
 * Remote-control input: what the agent's Console sends on the session data channel and what Get
 * Help's renderer hands to main. Positions are fractions (0..1) of the shared display, so the
 * agent's video size never matters; main maps them onto the display's real geometry.
 */

const fraction = z.number().min(0).max(1)
const button = z.enum(['left', 'middle', 'right'])

/** Key names as `KeyboardEvent.key` reports them; main maps each to the platform's key. */
const keyName = z.string().min(1).max(24)
const modifiers = z.array(z.enum(['shift', 'control', 'alt', 'meta'])).max(4)

export const remoteInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pointer_move'), x: fraction, y: fraction }),
  z.strictObject({ kind: z.literal('pointer_down'), x: fraction, y: fraction, button }),
  z.strictObject({ kind: z.literal('pointer_up'), x: fraction, y: fraction, button }),
  z.strictObject({
    kind: z.literal('wheel'),
    x: fraction,
    y: fraction,
    deltaX: z.number().min(-10_000).max(10_000),
    deltaY: z.number().min(-10_000).max(10_000),
  }),
  z.strictObject({ kind: z.literal('key_down'), key: keyName, modifiers }),
  z.strictObject({ kind: z.literal('key_up'), key: keyName, modifiers }),
])
export type RemoteInput = z.infer<typeof remoteInputSchema>

/** One message on the `control` data channel: the input, who sent it, and when (sender's clock, ms). */
export const controlMessageSchema = z.strictObject({
  type: z.literal('input'),
  /** The sender's participant id; Get Help applies the input only while it matches the control holder. */
  from: z.uuid(),
  /** Sequence number per sender, so a replayed or reordered message is dropped. */
  seq: z.number().int().nonnegative(),
  sentAt: z.number(),
  input: remoteInputSchema,
})
export type ControlMessage = z.infer<typeof controlMessageSchema>

/** A data-channel message may not exceed this many bytes; anything longer is dropped unparsed. */
export const maxControlMessageBytes = 1024

/**
 * Who may operate Get Help's screen right now, as Get Help's renderer learns it from the hub's
 * session state. Main applies input only while `granted` is true and the input comes from
 * `holder`; pausing or stopping the session sends `{ holder: null, granted: false }`.
 */
export const controlStateSchema = z.strictObject({
  holder: z.uuid().nullable(),
  granted: z.boolean(),
})
export type ControlState = z.infer<typeof controlStateSchema>

/**
 * What Get Help's renderer tells main on every change: the control state it sees, and the session
 * it belongs to, so main can ask the hub itself before any input is applied. Main takes a
 * withdrawal at once and a grant only once the hub confirms it.
 */
export const controlClaimSchema = controlStateSchema.extend({
  session: z.strictObject({ id: z.uuid(), credential: z.string().min(32).max(256) }).nullable(),
})
export type ControlClaim = z.infer<typeof controlClaimSchema>

/** One accepted control message as Get Help's renderer hands it to main. */
export const inputApplySchema = z.strictObject({ from: z.uuid(), input: remoteInputSchema })
export type InputApply = z.infer<typeof inputApplySchema>

/**
 * What main did with an input: `applied` at once, or `coalesced` (a pointer move arriving faster
 * than the rate limit; only the newest waiting move is applied, a moment later).
 */
export const inputOutcomeSchema = z.strictObject({ status: z.enum(['applied', 'coalesced']) })
export type InputOutcome = z.infer<typeof inputOutcomeSchema>
