import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, ipcMain, session, shell } from 'electron'
import * as si from 'systeminformation'
import { parseAppOptions } from './appArgs'
import { runDiagnosticsCli } from './diagnostics/cli'
import { collectSnapshot } from './diagnostics/service'
import { registerIpcHandlers } from './ipc'
import { createOriginCheck, hardenWebContents } from './security'
import { createAppWindow } from './windows'

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const options = parseAppOptions(process.argv, process.env)
if (process.argv.includes('--diagnostics')) {
  // The packaged app as a command-line tool for admins and scripts: one snapshot, then exit.
  void runDiagnosticsCli(process.argv, process.env).then(
    (output) => {
      process.stdout.write(output)
      app.exit(0)
    },
    (error: unknown) => {
      console.error(`firstline: ${error instanceof Error ? error.message : String(error)}`)
      app.exit(1)
    },
  )
} else if (!options.ok) {
  console.error(`firstline: ${options.error}`)
  app.exit(2)
} else {
  const { kind, hubUrl } = options.value
  const isOwnPage = createOriginCheck(join(outDir, 'renderer'), devServerUrl)
  const openExternal = (url: string): void => void shell.openExternal(url)

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOwnPage, openExternal))

  registerIpcHandlers(
    ipcMain,
    {
      'app.info': () => ({
        kind,
        version: app.getVersion(),
        platform: process.platform,
        hubUrl,
        locale: app.getLocale(),
      }),
      'app.openExternal': async (url) => {
        await shell.openExternal(url)
        return null
      },
      'diagnostics.snapshot': (redaction, call) =>
        collectSnapshot({
          si,
          hubUrl,
          redaction,
          onProgress: (progress) => call.emit('diagnostics.progress', progress),
        }),
    },
    isOwnPage,
  )

  void app.whenReady().then(() => {
    // Nothing is granted by default; features that need a permission ask for it explicitly.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    createAppWindow(kind, outDir, devServerUrl)
  })
  app.on('window-all-closed', () => app.quit())
}
