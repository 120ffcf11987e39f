import { z } from 'zod'
import { ssoErrors } from '../admin/signIn'
import { redactionOptionsSchema } from '../diagnostics/redact'
import { storedEnrolmentSchema } from '../enrolment'
import { snapshotSchema } from '../diagnostics/snapshot'
import { controlClaimSchema, inputApplySchema, inputOutcomeSchema } from '../session/input'

export const appKinds = ['console', 'gethelp'] as const
export const appKindSchema = z.enum(appKinds)
export type AppKind = z.infer<typeof appKindSchema>

export const appInfoSchema = z.object({
  kind: appKindSchema,
  version: z.string(),
  platform: z.string(),
  hubUrl: z.url({ protocol: /^https?$/ }),
  locale: z.string(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

/** Only https links leave the app, and only to the system browser. */
export const externalUrlSchema = z.url({ protocol: /^https$/ }).max(2048)

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
})

/** A screen Get Help may share: the capture source and the display it shows, for the user to pick. */
export const captureSourceSchema = z.object({
  /** The capture source id (`screen:N:0`); `capture.choose` takes it. */
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  /** The display's id as the screen API reports it, or null when the platform does not tell. */
  displayId: z.string().max(40).nullable(),
  /** Position and size in device-independent pixels, as the screen API reports them. */
  bounds: rectSchema,
  scaleFactor: z.number().positive(),
  primary: z.boolean(),
  /** A small preview image as a `data:image/png` URL, empty when none could be made. */
  thumbnail: z.string().max(500_000),
})
export type CaptureSource = z.infer<typeof captureSourceSchema>

/** The desktop Console asks main to sign in with one of the hub's OpenID providers through the system browser. */
export const ssoSignInRequestSchema = z.object({
  providerId: z.uuid(),
  /** The Console's language, for the page the browser shows when it comes back. */
  language: z.enum(['en', 'de']),
})
export type SsoSignInRequest = z.infer<typeof ssoSignInRequestSchema>

/**
 * How a desktop sign-in through the system browser ended: a one-time code for the Console to
 * exchange (never a token), the hub's reason for refusing, or no answer (cancelled from the
 * Console, replaced by a newer attempt, or timed out).
 */
export const ssoOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('code'), code: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/) }),
  z.object({ kind: z.literal('refused'), reason: z.enum(ssoErrors) }),
  z.object({ kind: z.literal('cancelled') }),
  z.object({ kind: z.literal('timed_out') }),
])
export type SsoOutcome = z.infer<typeof ssoOutcomeSchema>

/**
 * Every call the renderer may make into main: `group.method` → argument tuple and result.
 * Main parses the arguments with `args`; the preload and the renderer's types are derived from here.
 */
export const ipcContract = {
  'app.info': { args: z.tuple([]), result: appInfoSchema },
  'app.openExternal': { args: z.tuple([externalUrlSchema]), result: z.null() },
  /** Opens the system browser at the provider and waits for it to come back to a one-shot loopback listener. */
  'sso.signIn': { args: z.tuple([ssoSignInRequestSchema]), result: ssoOutcomeSchema },
  /** Ends a waiting sign-in; its `sso.signIn` answers `cancelled`. */
  'sso.cancel': { args: z.tuple([]), result: z.null() },
  'diagnostics.snapshot': { args: z.tuple([redactionOptionsSchema]), result: snapshotSchema },
  /** The screens Get Help can share, with a preview each. */
  'capture.sources': { args: z.tuple([]), result: z.array(captureSourceSchema) },
  /** The user's pick: the next `getDisplayMedia` is answered with this screen, and input maps onto it. */
  'capture.choose': { args: z.tuple([captureSourceSchema.shape.id]), result: captureSourceSchema },
  /** The session's consent state, sent by Get Help on every change; main confirms a grant with the hub itself. */
  'input.setControl': { args: z.tuple([controlClaimSchema]), result: z.null() },
  /** One remote-control event from the agent, applied only while its sender holds granted control. */
  'input.apply': { args: z.tuple([inputApplySchema]), result: inputOutcomeSchema },
  /** Get Help's enrolment as kept in main's user data, and a code given with `--enrol=` not stored yet. */
  'enrolment.get': {
    args: z.tuple([]),
    result: z.object({ enrolment: storedEnrolmentSchema.nullable(), offered: z.string().nullable() }),
  },
  /** Keeps an enrolment the hub confirmed. */
  'enrolment.set': { args: z.tuple([storedEnrolmentSchema]), result: z.null() },
  /** Forgets the enrolment (the hub refused it, or the user enters a new code). */
  'enrolment.clear': { args: z.tuple([]), result: z.null() },
} as const

export type IpcContract = typeof ipcContract
export type IpcChannel = keyof IpcContract
export type IpcArgs<C extends IpcChannel> = z.input<IpcContract[C]['args']>
export type IpcValue<C extends IpcChannel> = z.output<IpcContract[C]['result']>

export const diagnosticsProgressSchema = z.object({
  group: z.enum(['hardware', 'peripherals', 'os', 'network']),
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
})
export type DiagnosticsProgressEvent = z.infer<typeof diagnosticsProgressSchema>

/** Events main sends to a window: name → payload. Subscribing returns an unsubscribe function. */
export const ipcEvents = {
  'diagnostics.progress': diagnosticsProgressSchema,
} as const
export type IpcEvent = keyof typeof ipcEvents
export type IpcEventPayload<E extends IpcEvent> = z.output<(typeof ipcEvents)[E]>
