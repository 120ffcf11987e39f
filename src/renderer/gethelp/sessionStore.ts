import { create } from 'zustand'
import { captureSourceSchema, type CaptureSource } from '@shared/api/contract'
import { endUserAccessSchema, type EndUserAccess } from '@shared/session/api'
import type { ControlClaim, RemoteInput } from '@shared/session/input'
import { HubRequestError } from '../platform/hubClient'
import { defaultCaptureScreen, RemoteSession, type SessionView } from '../platform/session'
import { createBrowserPeer } from '../platform/sessionPeer'
import { redeemSessionCode, requestRemoteSession } from '../platform/sessionApi'
import { currentEnrolmentCode, handleEnrolmentRefusal } from './enrolment'
import { pendingRequestKey } from './requestKey'
import { lastDeviceName } from './store'

/**
 * What Get Help needs from the desktop app's input service. In a browser it is missing, and Get
 * Help is view-only: it never offers control.
 */
interface InputBridge {
  apply(request: { from: string; input: RemoteInput }): Promise<unknown>
  /** Main asks the hub about the session itself before it applies any input. */
  setControl?(claim: ControlClaim): Promise<unknown>
}

export function inputBridge(): InputBridge | null {
  const bridge = (window as unknown as { firstline?: { input?: Partial<InputBridge> } }).firstline?.input
  return typeof bridge?.apply === 'function' ? (bridge as InputBridge) : null
}

type Answer<T> = { ok: true; value: T } | { ok: false; error: string }

/** The desktop app's screen list: the user picks which screen to share before capture starts. */
interface CaptureBridge {
  sources(): Promise<Answer<unknown>>
  choose(id: string): Promise<Answer<unknown>>
}

function captureBridge(): CaptureBridge | null {
  const bridge = (window as unknown as { firstline?: { capture?: Partial<CaptureBridge> } }).firstline?.capture
  return typeof bridge?.sources === 'function' && typeof bridge.choose === 'function' ? (bridge as CaptureBridge) : null
}

export class CaptureCancelled extends Error {
  constructor() {
    super('No screen was chosen.')
  }
}

export type EntryError = { key: 'unreachable' } | { key: 'failed'; message: string }

const accessKey = 'firstline.gethelp.remoteSession'
/** The idempotency key of the session request being sent: a retry queues no second request. */
const pendingAskKey = 'firstline.gethelp.pendingSessionRequestKey'

/** A session survives a reload: Get Help joins it again with the stored credential. */
function storedAccess(): EndUserAccess | null {
  try {
    const parsed = endUserAccessSchema.safeParse(JSON.parse(sessionStorage.getItem(accessKey) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

interface SessionEntryState {
  hubUrl: string
  /** Which way in the user opened: asking for a session, or typing a code. */
  entry: 'ask' | 'code' | null
  access: EndUserAccess | null
  client: RemoteSession | null
  view: SessionView | null
  busy: boolean
  error: EntryError | null
  /** The desktop app's screens while the user picks one to share. */
  picking: { sources: CaptureSource[]; pick(id: string | null): void } | null
  /** Staff whose first request to see the screen the user has answered; a new explicit request asks again. */
  answered: string[]
  init(hubUrl: string): void
  open(entry: 'ask' | 'code'): void
  back(): void
  ask(name: string, description: string): Promise<void>
  redeem(code: string, name: string): Promise<void>
  answer(participantId: string): void
  /** After the session ended: back to the start. */
  finish(): void
}

function toError(error: unknown): EntryError {
  if (error instanceof HubRequestError && error.failure.kind === 'unreachable') return { key: 'unreachable' }
  return { key: 'failed', message: error instanceof Error ? error.message : String(error) }
}

export const useSessionStore = create<SessionEntryState>()((set, get) => {
  /**
   * In the desktop app main answers `getDisplayMedia` with the screen the user picked here; with
   * one screen there is nothing to ask. In a browser, the browser's own picker asks.
   */
  const captureScreen = async (): Promise<MediaStream> => {
    const bridge = captureBridge()
    if (!bridge) return defaultCaptureScreen()
    const listed = await bridge.sources()
    if (!listed.ok) throw new Error(listed.error)
    const sources = captureSourceSchema.array().parse(listed.value)
    let id = sources.length === 1 ? sources[0]!.id : null
    if (!id) {
      id = await new Promise<string | null>((resolve) => set({ picking: { sources, pick: resolve } }))
      set({ picking: null })
    }
    if (!id) throw new CaptureCancelled()
    const chosen = await bridge.choose(id)
    if (!chosen.ok) throw new Error(chosen.error)
    return defaultCaptureScreen()
  }

  const join = (access: EndUserAccess) => {
    get().client?.close(false)
    const bridge = inputBridge()
    const client = new RemoteSession({
      hubUrl: get().hubUrl,
      sessionId: access.sessionId,
      // Without the desktop app's input service, nobody may be offered control of this screen.
      auth: { kind: 'end_user', credential: access.credential, ...(bridge ? {} : { viewOnly: true }) },
      createPeer: createBrowserPeer,
      captureScreen,
      ...(bridge
        ? {
            applyInput: (input: RemoteInput, from: string) => void bridge.apply({ from, input }).catch(() => undefined),
            onControlState: (state: { holder: string | null; granted: boolean }) =>
              void bridge
                .setControl?.({ ...state, session: { id: access.sessionId, credential: access.credential } })
                .catch(() => undefined),
          }
        : {}),
    })
    client.subscribe((view) => {
      if (get().client !== client) return
      set({ view })
      if (view.ended) sessionStorage.removeItem(accessKey)
    })
    sessionStorage.setItem(accessKey, JSON.stringify(access))
    set({ access, client, view: client.snapshot, entry: null, answered: [] })
    client.start()
  }

  return {
    hubUrl: '',
    entry: null,
    access: null,
    client: null,
    view: null,
    busy: false,
    error: null,
    answered: [],
    picking: null,

    init(hubUrl) {
      set({ hubUrl })
      const access = storedAccess()
      if (access && !get().client) join(access)
    },
    open: (entry) => set({ entry, error: null }),
    back: () => set({ entry: null, error: null }),

    async ask(name, description) {
      set({ busy: true, error: null })
      try {
        const deviceName = inputBridge() ? lastDeviceName() : undefined
        const access = await requestRemoteSession(get().hubUrl, {
          requestKey: pendingRequestKey(pendingAskKey),
          enrolment: currentEnrolmentCode(),
          name,
          description,
          ...(deviceName ? { deviceName } : {}),
        })
        localStorage.removeItem(pendingAskKey)
        join(access)
        set({ busy: false })
      } catch (error) {
        if (handleEnrolmentRefusal(error)) return set({ busy: false, entry: null })
        set({ busy: false, error: toError(error) })
      }
    },

    async redeem(code, name) {
      set({ busy: true, error: null })
      try {
        join(await redeemSessionCode(get().hubUrl, code, name))
        set({ busy: false })
      } catch (error) {
        set({ busy: false, error: toError(error) })
      }
    },

    answer: (participantId) => set({ answered: [...get().answered, participantId] }),

    finish() {
      get().client?.close(false)
      sessionStorage.removeItem(accessKey)
      set({ access: null, client: null, view: null, entry: null, answered: [] })
    },
  }
})
