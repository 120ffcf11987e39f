import type { Result } from '../result'
import type { AppKind, IpcArgs, IpcChannel, IpcEvent, IpcEventPayload, IpcValue } from './contract'

// Kept free of runtime imports: the sandboxed preloads bundle this file and nothing of zod.

/** Which calls each window kind's preload exposes. */
export const windowChannels = {
  console: ['app.info', 'app.openExternal', 'sso.signIn', 'sso.cancel'],
  gethelp: [
    'app.info',
    'app.openExternal',
    'diagnostics.snapshot',
    'capture.sources',
    'capture.choose',
    'input.setControl',
    'input.apply',
    'enrolment.get',
    'enrolment.set',
    'enrolment.clear',
  ],
} as const satisfies Record<AppKind, readonly IpcChannel[]>

/**
 * Channels that reach the user's screen and input. Main answers them only for the Get Help page,
 * whatever preload a window has: the Console never shares a screen or takes remote input.
 */
export const getHelpOnlyChannels: readonly IpcChannel[] = windowChannels.gethelp.filter(
  (channel) => !(windowChannels.console as readonly string[]).includes(channel),
)

/** Channels only the Console page may call: Get Help never signs anyone in. */
export const consoleOnlyChannels: readonly IpcChannel[] = windowChannels.console.filter(
  (channel) => !(windowChannels.gethelp as readonly string[]).includes(channel),
)

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

/** How a window listens to main: `events.on('diagnostics.progress', (p) => …)` returns an unsubscribe function. */
export interface EventsApi {
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void
}

export type ConsoleApi = FirstlineApi<(typeof windowChannels)['console'][number]> & { events: EventsApi }
export type GetHelpApi = FirstlineApi<(typeof windowChannels)['gethelp'][number]> & { events: EventsApi }

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
  return api as unknown as FirstlineApi<C>
}
