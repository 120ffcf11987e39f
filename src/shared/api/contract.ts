import { z } from 'zod'
import { redactionOptionsSchema } from '../diagnostics/redact'
import { snapshotSchema } from '../diagnostics/snapshot'

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

/**
 * Every call the renderer may make into main: `group.method` → argument tuple and result.
 * Main parses the arguments with `args`; the preload and the renderer's types are derived from here.
 */
export const ipcContract = {
  'app.info': { args: z.tuple([]), result: appInfoSchema },
  'app.openExternal': { args: z.tuple([externalUrlSchema]), result: z.null() },
  'diagnostics.snapshot': { args: z.tuple([redactionOptionsSchema]), result: snapshotSchema },
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
