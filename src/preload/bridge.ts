import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '@shared/api/bridge'
import type { IpcChannel } from '@shared/api/contract'

/** Exposes exactly the given contract channels as `window.firstline`; nothing else crosses. */
export function exposeFirstline(channels: readonly IpcChannel[]): void {
  contextBridge.exposeInMainWorld(
    'firstline',
    buildApi(channels, (channel, ...args) => ipcRenderer.invoke(channel, ...args)),
  )
}
