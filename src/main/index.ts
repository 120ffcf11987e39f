import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, desktopCapturer, ipcMain, screen, session, shell } from 'electron'
import * as si from 'systeminformation'
import { parseAppOptions } from './appArgs'
import { createDisplayMediaHandler } from './capture/displayMedia'
import { createCaptureService } from './capture/service'
import { runDiagnosticsCli } from './diagnostics/cli'
import { createEnrolmentStore } from './enrolment'
import { collectSnapshot } from './diagnostics/service'
import { loadLibnut } from './input/backend'
import { askHubOver, createHubCheckedControl } from './input/hubControl'
import { createInputService } from './input/service'
import { registerIpcHandlers } from './ipc'
import { createLoopbackSignIn } from './sso/loopbackSignIn'
import { createOriginCheck, createPermissionRules, createSenderCheck, hardenWebContents, isAppPage } from './security'
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
  const { kind, hubUrl, enrol } = options.value
  const isOwnPage = createOriginCheck(join(outDir, 'renderer'), devServerUrl)
  const isGetHelpPage = (url: string | null) => isAppPage(url, 'gethelp', isOwnPage)
  const openExternal = (url: string): void => void shell.openExternal(url)
  const capture = createCaptureService({
    getSources: (options) => desktopCapturer.getSources(options),
    getAllDisplays: () => screen.getAllDisplays(),
    getPrimaryDisplay: () => screen.getPrimaryDisplay(),
  })
  const input = createInputService({
    backend: () => loadLibnut(),
    display: () => capture.sharedDisplay(),
    platform: process.platform,
  })
  // Input is applied only for the holder the hub itself names, whatever the page says.
  const control = createHubCheckedControl(input, askHubOver(hubUrl))
  const enrolment = createEnrolmentStore({
    file: () => join(app.getPath('userData'), 'enrolment.json'),
    hubUrl,
    offered: enrol ?? null,
  })
  const endControl = () => void control.setControl({ holder: null, granted: false, session: null })
  // Desktop single sign-on goes through the system browser, which comes back to a loopback listener.
  const sso = createLoopbackSignIn({ hubUrl, openExternal: (url) => shell.openExternal(url) })

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
      'sso.signIn': (request) => sso.signIn(request),
      'sso.cancel': () => {
        sso.cancel()
        return null
      },
      'diagnostics.snapshot': (redaction, call) =>
        collectSnapshot({
          si,
          hubUrl,
          redaction,
          onProgress: (progress) => call.emit('diagnostics.progress', progress),
        }),
      'capture.sources': () => capture.sources(),
      'capture.choose': (sourceId) => capture.choose(sourceId),
      'input.setControl': async (claim) => {
        await control.setControl(claim)
        return null
      },
      'input.apply': (call) => input.apply(call),
      'enrolment.get': () => enrolment.get(),
      'enrolment.set': (stored) => enrolment.set(stored),
      'enrolment.clear': () => enrolment.clear(),
    },
    createSenderCheck(isOwnPage),
  )

  void app.whenReady().then(() => {
    // Nothing is granted but screen capture for Get Help; which screen is the user's pick.
    const permissions = createPermissionRules(isGetHelpPage)
    session.defaultSession.setPermissionRequestHandler(permissions.request)
    session.defaultSession.setPermissionCheckHandler(permissions.check)
    session.defaultSession.setDisplayMediaRequestHandler(createDisplayMediaHandler(capture, isGetHelpPage))
    const window = createAppWindow(kind, outDir, devServerUrl)
    // A page that is gone or reloaded can no longer show the session bar: its control ends with it.
    window.on('closed', () => {
      endControl()
      sso.cancel()
    })
    window.webContents.on('render-process-gone', endControl)
    window.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) endControl()
    })
  })
  app.on('window-all-closed', () => app.quit())
}
