import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import type { AppKind } from '@shared/api/contract'
import { secureWebPreferences } from './security'

const windowSizes: Record<AppKind, { width: number; height: number; minWidth: number; minHeight: number }> = {
  console: { width: 1280, height: 820, minWidth: 900, minHeight: 600 },
  gethelp: { width: 460, height: 640, minWidth: 380, minHeight: 520 },
}

/** Opens the window for one app kind, with its own preload and page. */
export function createAppWindow(kind: AppKind, outDir: string, devServerUrl?: string): BrowserWindow {
  const window = new BrowserWindow({
    ...windowSizes[kind],
    show: false,
    title: kind === 'console' ? 'Firstline Console' : 'Firstline Get Help',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(outDir, 'preload', `${kind}.cjs`)),
  })
  window.once('ready-to-show', () => window.show())
  if (devServerUrl) void window.loadURL(`${devServerUrl}/${kind}.html`)
  else void window.loadFile(join(outDir, 'renderer', `${kind}.html`))
  return window
}
