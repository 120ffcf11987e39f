import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '@shared/api/bridge'
import type { IpcChannel, IpcEvent } from '@shared/api/contract'

/**
 * Exposes exactly the given contract channels as `window.firstline`, plus `events.on` for the
 * given main-to-window events; nothing else crosses. Listeners never see the IPC event object.
 */
export function exposeFirstline(channels: readonly IpcChannel[], events: readonly IpcEvent[] = []): void {
  const api = buildApi(channels, (channel, ...args) => ipcRenderer.invoke(channel, ...args))
  contextBridge.exposeInMainWorld('firstline', {
    ...api,
    events: {
      on(event: IpcEvent, listener: (payload: unknown) => void): () => void {
        if (!events.includes(event)) return () => undefined
        const forward = (_event: unknown, payload: unknown) => listener(payload)
        ipcRenderer.on(event, forward)
        return () => ipcRenderer.removeListener(event, forward)
      },
    },
  })
}
