import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import * as si from 'systeminformation'
import type { AppKind, DiagnosticsProgressEvent } from '../../src/shared/api/contract'
import type { ControlState } from '../../src/shared/session/input'
import { createCaptureService } from '../../src/main/capture/service'
import { collectSnapshot } from '../../src/main/diagnostics/service'
import { createEnrolmentStore } from '../../src/main/enrolment'
import type { InputBackend } from '../../src/main/input/backend'
import { askHubOver, createHubCheckedControl } from '../../src/main/input/hubControl'
import { createInputService } from '../../src/main/input/service'
import { handleCall, type IpcHandlers } from '../../src/main/ipc'
import { createLoopbackSignIn } from '../../src/main/sso/loopbackSignIn'

declare global {
  interface Window {
    __firstlineInvoke?: (channel: string, args: unknown[]) => Promise<unknown>
    __firstlineEmit?: (event: string, payload: unknown) => void
  }
}

export interface DesktopBridge {
  /** Every call the page's input reached the injection library with, e.g. `move 320,400`, `left down`, `key a down +shift`. */
  injected: string[]
  /** When each of those calls happened, in ms since the Unix epoch (sub-millisecond), for latency figures. */
  injectedAt: number[]
  /** Every control state the page told main, in order. */
  controlStates: ControlState[]
  /** Main's user-data folder for this page (a temp folder): Get Help keeps its enrolment here. */
  userData: string
}

export interface DesktopBridgeOptions {
  /** As `--enrol=CODE` on the command line. */
  enrol?: string
  /** Main's user data, to start as an installation that was enrolled before; a fresh temp folder otherwise. */
  userData?: string
  /** Where main's shell.openExternal goes: the test's "system browser" (another page, a scripted fetch). */
  openSystemBrowser?: (url: string) => Promise<void>
}

/** The one screen the bridge offers for sharing; the page's getDisplayMedia comes from Chromium's fake capture. */
const fakeScreen = { id: 1, bounds: { x: 0, y: 0, width: 1280, height: 800 }, scaleFactor: 1 }

/**
 * Hands the page the real main-process services in place of the preload: every call goes
 * through main's own IPC handling (argument parsing, result wrapping), then into the service.
 * Remote input runs through the real input service onto a recording library, so tests can see
 * exactly what would have reached this machine's pointer and keyboard.
 */
export async function exposeDesktopBridge(
  page: Page,
  kind: AppKind,
  hubUrl: string,
  options: DesktopBridgeOptions = {},
): Promise<DesktopBridge> {
  const userData = options.userData ?? mkdtempSync(join(tmpdir(), 'firstline-userdata-'))
  const enrolment = createEnrolmentStore({
    file: () => join(userData, 'enrolment.json'),
    hubUrl,
    offered: options.enrol ?? null,
  })
  const injected: string[] = []
  const injectedAt: number[] = []
  const controlStates: ControlState[] = []
  const record = (call: string) => {
    injected.push(call)
    injectedAt.push(performance.timeOrigin + performance.now())
  }
  const recording: InputBackend = {
    moveMouse: (x, y) => record(`move ${x},${y}`),
    mouseToggle: (state, button) => record(`${button} ${state}`),
    scrollMouse: (x, y) => record(`scroll ${x},${y}`),
    keyToggle: (key, state, modifiers) =>
      record(`key ${key} ${state}${modifiers.length ? ` +${modifiers.join('+')}` : ''}`),
  }
  const capture = createCaptureService({
    getSources: async () => [
      { id: 'screen:1:0', name: 'Entire Screen', display_id: '1', thumbnail: { toDataURL: () => '' } },
    ],
    getAllDisplays: () => [fakeScreen],
    getPrimaryDisplay: () => fakeScreen,
  })
  const input = createInputService({
    backend: () => recording,
    display: () => capture.sharedDisplay(),
    platform: 'linux',
  })
  // As in main: a grant counts only once the hub confirms it.
  const control = createHubCheckedControl(input, askHubOver(hubUrl))
  // The real loopback listener of main's desktop single sign-on.
  const sso = createLoopbackSignIn({
    hubUrl,
    openExternal: options.openSystemBrowser ?? (() => Promise.reject(new Error('no system browser in this test'))),
  })
  const handlers = (emit: (event: 'diagnostics.progress', payload: DiagnosticsProgressEvent) => void): IpcHandlers => ({
    'app.info': () => ({ kind, version: 'test', platform: process.platform, hubUrl, locale: 'en-US' }),
    'app.openExternal': () => null,
    'sso.signIn': (request) => sso.signIn(request),
    'sso.cancel': () => {
      sso.cancel()
      return null
    },
    'diagnostics.snapshot': (redaction) =>
      collectSnapshot({ si, hubUrl, redaction, onProgress: (p) => emit('diagnostics.progress', p) }),
    'capture.sources': () => capture.sources(),
    'capture.choose': (sourceId) => capture.choose(sourceId),
    'input.setControl': async (claim) => {
      controlStates.push({ holder: claim.holder, granted: claim.granted })
      await control.setControl(claim)
      return null
    },
    'input.apply': (call) => input.apply(call),
    'enrolment.get': () => enrolment.get(),
    'enrolment.set': (stored) => enrolment.set(stored),
    'enrolment.clear': () => enrolment.clear(),
  })
  await page.exposeBinding('__firstlineInvoke', async (source, channel: string, args: unknown[]) => {
    const emit = (event: string, payload: unknown) =>
      void source.page
        .evaluate(([e, p]) => window.__firstlineEmit?.(e as string, p), [event, payload] as const)
        .catch(() => undefined)
    return handleCall(channel as keyof IpcHandlers, handlers(emit), () => true, source.frame.url(), args, { emit })
  })
  await page.addInitScript((getHelp: boolean) => {
    const listeners = new Map<string, Set<(payload: unknown) => void>>()
    window.__firstlineEmit = (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload))
    const call =
      (channel: string) =>
      (...args: unknown[]) =>
        window.__firstlineInvoke!(channel, args)
    Object.defineProperty(window, 'firstline', {
      value: {
        app: { info: call('app.info'), openExternal: call('app.openExternal') },
        diagnostics: { snapshot: call('diagnostics.snapshot') },
        // Like the preloads: only the Console signs in through the system browser…
        ...(!getHelp && { sso: { signIn: call('sso.signIn'), cancel: call('sso.cancel') } }),
        // …and only Get Help may share the screen and take remote input.
        ...(getHelp && {
          capture: { sources: call('capture.sources'), choose: call('capture.choose') },
          input: { setControl: call('input.setControl'), apply: call('input.apply') },
          enrolment: { get: call('enrolment.get'), set: call('enrolment.set'), clear: call('enrolment.clear') },
        }),
        events: {
          on(event: string, listener: (payload: unknown) => void) {
            if (!listeners.has(event)) listeners.set(event, new Set())
            listeners.get(event)!.add(listener)
            return () => listeners.get(event)?.delete(listener)
          },
        },
      },
    })
  }, kind === 'gethelp')
  // The desktop Console is a file:// page: its sign-in reaches the hub with `Origin: null`, which is
  // how the hub tells it from the web Console (that the page here is served by the hub must not show).
  if (kind === 'console')
    await page.route(/\/api\/auth\/(login|oidc\/exchange)$/, async (route) =>
      route.fulfill({ response: await route.fetch({ headers: { ...route.request().headers(), origin: 'null' } }) }),
    )
  return { injected, injectedAt, controlStates, userData }
}
