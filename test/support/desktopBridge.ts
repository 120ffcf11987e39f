import type { Page } from '@playwright/test'
import * as si from 'systeminformation'
import type { AppKind, DiagnosticsProgressEvent } from '../../src/shared/api/contract'
import { collectSnapshot } from '../../src/main/diagnostics/service'
import { handleCall, type IpcHandlers } from '../../src/main/ipc'

declare global {
  interface Window {
    __firstlineInvoke?: (channel: string, args: unknown[]) => Promise<unknown>
    __firstlineEmit?: (event: string, payload: unknown) => void
  }
}

/**
 * Hands the page the real main-process services in place of the preload: every call goes
 * through main's own IPC handling (argument parsing, result wrapping), then into the service.
 */
export async function exposeDesktopBridge(page: Page, kind: AppKind, hubUrl: string): Promise<void> {
  const handlers = (emit: (event: 'diagnostics.progress', payload: DiagnosticsProgressEvent) => void): IpcHandlers => ({
    'app.info': () => ({ kind, version: 'test', platform: process.platform, hubUrl, locale: 'en-US' }),
    'app.openExternal': () => null,
    'diagnostics.snapshot': (redaction) =>
      collectSnapshot({ si, hubUrl, redaction, onProgress: (p) => emit('diagnostics.progress', p) }),
  })
  await page.exposeBinding('__firstlineInvoke', async (source, channel: string, args: unknown[]) => {
    const emit = (event: string, payload: unknown) =>
      void source.page
        .evaluate(([e, p]) => window.__firstlineEmit?.(e as string, p), [event, payload] as const)
        .catch(() => undefined)
    return handleCall(channel as keyof IpcHandlers, handlers(emit), () => true, source.frame.url(), args, { emit })
  })
  await page.addInitScript(() => {
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
        events: {
          on(event: string, listener: (payload: unknown) => void) {
            if (!listeners.has(event)) listeners.set(event, new Set())
            listeners.get(event)!.add(listener)
            return () => listeners.get(event)?.delete(listener)
          },
        },
      },
    })
  })
}
