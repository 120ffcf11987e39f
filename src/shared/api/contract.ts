import { z } from 'zod'
import type { Result } from '../result'

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
} as const

export type IpcContract = typeof ipcContract
export type IpcChannel = keyof IpcContract
export type IpcArgs<C extends IpcChannel> = z.input<IpcContract[C]['args']>
export type IpcValue<C extends IpcChannel> = z.output<IpcContract[C]['result']>

/** Which calls each window kind's preload exposes. */
export const windowChannels = {
  console: ['app.info', 'app.openExternal'],
  gethelp: ['app.info', 'app.openExternal'],
} as const satisfies Record<AppKind, readonly IpcChannel[]>

type GroupOf<C extends string> = C extends `${infer G}.${string}` ? G : never
type MethodOf<C extends string, G extends string> = C extends `${G}.${infer M}` ? M : never

/** The shape of `window.firstline` for a set of channels: `{ app: { info(): Promise<Result<AppInfo>> } }`. */
export type FirstlineApi<C extends IpcChannel = IpcChannel> = {
  [G in GroupOf<C>]: {
    [M in MethodOf<C, G>]: `${G}.${M}` extends infer K extends IpcChannel
      ? (...args: IpcArgs<K>) => Promise<Result<IpcValue<K>>>
      : never
  }
}

export type ConsoleApi = FirstlineApi<(typeof windowChannels)['console'][number]>
export type GetHelpApi = FirstlineApi<(typeof windowChannels)['gethelp'][number]>

/** Builds the grouped API object from a flat invoke function; used by the preloads and by tests. */
export function buildApi<C extends IpcChannel>(
  channels: readonly C[],
  invoke: (channel: C, ...args: unknown[]) => Promise<unknown>,
): FirstlineApi<C> {
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const channel of channels) {
    const [group, method] = channel.split('.') as [string, string]
    api[group] ??= {}
    api[group][method] = (...args: unknown[]) => invoke(channel, ...args)
  }
  return api as FirstlineApi<C>
}
