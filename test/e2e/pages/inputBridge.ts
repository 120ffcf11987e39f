import type { Page } from '@playwright/test'
import {
  inputApplySchema,
  controlClaimSchema,
  type ControlState,
  type InputApply,
} from '../../../src/shared/session/input'

declare global {
  interface Window {
    __applyInput?: (request: unknown) => Promise<unknown>
    __setControl?: (state: unknown) => Promise<unknown>
  }
}

/**
 * Gives a browser Get Help page the desktop app's input channels, recording what reaches them:
 * each call is parsed with the same schema main uses, so a malformed one fails the test.
 */
export async function exposeInputBridge(page: Page, hubUrl: string) {
  const applied: InputApply[] = []
  const controlStates: ControlState[] = []
  await page.exposeBinding('__applyInput', (_source, request: unknown) => {
    applied.push(inputApplySchema.parse(request))
    return { ok: true, value: { status: 'applied' } }
  })
  await page.exposeBinding('__setControl', (_source, state: unknown) => {
    const { holder, granted } = controlClaimSchema.parse(state)
    controlStates.push({ holder, granted })
    return { ok: true, value: null }
  })
  await page.addInitScript((hub: string) => {
    Object.defineProperty(window, 'firstline', {
      value: {
        app: {
          info: async () => ({
            ok: true,
            value: { kind: 'gethelp', version: 'test', platform: 'linux', hubUrl: hub, locale: 'en-US' },
          }),
          openExternal: async () => ({ ok: true, value: null }),
        },
        input: {
          apply: (request: unknown) => window.__applyInput!(request),
          setControl: (state: unknown) => window.__setControl!(state),
        },
        events: { on: () => () => undefined },
      },
    })
  }, hubUrl)
  return { applied, controlStates }
}
