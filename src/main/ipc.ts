import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import {
  ipcContract,
  type IpcArgs,
  type IpcChannel,
  type IpcEvent,
  type IpcEventPayload,
  type IpcValue,
} from '@shared/api/contract'
import { describeZodError } from '@shared/errors'
import { fail, ok, type Result } from '@shared/result'
import { describeUnstorable, findUnstorable } from '@shared/text'

/** Given to every handler after its parsed arguments: lets it report back to the calling window. */
export interface IpcCallContext {
  emit<E extends IpcEvent>(event: E, payload: IpcEventPayload<E>): void
}

export type IpcHandlers = {
  [C in IpcChannel]: (
    ...args: [...Extract<IpcArgs<C>, unknown[]>, IpcCallContext]
  ) => Promise<IpcValue<C>> | IpcValue<C>
}

const silent: IpcCallContext = { emit: () => undefined }

/** Whether a call may run: the URL of the frame that sent it (null when the frame is gone) and its channel. */
export type SenderCheck = (senderUrl: string | null, channel: IpcChannel) => boolean

/**
 * Registers one `ipcMain.handle` per contract channel. Every call is checked in this order:
 * the sender must be one of our own pages, the arguments must parse, then the handler runs.
 * Failures come back as `{ ok: false, error }`; nothing is thrown across the boundary.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: IpcHandlers,
  isTrustedSender: SenderCheck,
): void {
  for (const channel of Object.keys(ipcContract) as IpcChannel[]) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...raw: unknown[]) =>
      handleCall(channel, handlers, isTrustedSender, event.senderFrame?.url ?? null, raw, {
        emit: (name, payload) => {
          if (!event.sender.isDestroyed()) event.sender.send(name, payload)
        },
      }),
    )
  }
}

export async function handleCall<C extends IpcChannel>(
  channel: C,
  handlers: IpcHandlers,
  isTrustedSender: SenderCheck,
  senderUrl: string | null,
  raw: unknown[],
  context: IpcCallContext = silent,
): Promise<Result<IpcValue<C>>> {
  if (!isTrustedSender(senderUrl, channel)) return fail(`${channel}: refused, the caller is not a Firstline page`)
  // The same rule as every other boundary: text the hub could not store and runaway nesting stop here.
  const unstorable = findUnstorable(raw)
  if (unstorable) return fail(`${channel}: invalid arguments: ${describeUnstorable(unstorable)}`)
  const parsed = ipcContract[channel].args.safeParse(raw)
  if (!parsed.success) return fail(`${channel}: invalid arguments: ${describeZodError(parsed.error)}`)
  try {
    const handler = handlers[channel] as (...args: unknown[]) => Promise<IpcValue<C>> | IpcValue<C>
    return ok(await handler(...(parsed.data as unknown[]), context))
  } catch (error) {
    return fail(`${channel}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
