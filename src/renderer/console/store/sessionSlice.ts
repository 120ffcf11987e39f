import Dexie from 'dexie'
import { z } from 'zod'
import { accountSchema, type Account, type LoginResponse } from '@shared/auth'
import { ssoErrors, type SsoError } from '@shared/admin/signIn'
import { changeLanguage } from '../../ui/i18n'
import * as hub from '../../platform/hubClient'
import { exchangeSsoCode } from '../../platform/signInClient'
import { consoleDbName } from '../data/db'
import type { ConsoleSlice } from './index'

const storageKey = 'firstline.session'
const storedSessionSchema = z.object({ hubUrl: z.string(), token: z.string().min(32), account: accountSchema })
export type StoredSession = z.infer<typeof storedSessionSchema>

/** A stored session that fails to parse is discarded: the agent signs in again. */
export function readStoredSession(raw: string | null, hubUrl: string): StoredSession | null {
  if (!raw) return null
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(raw))
    return parsed.success && parsed.data.hubUrl === hubUrl ? parsed.data : null
  } catch {
    return null
  }
}

export type LoginError =
  | { key: 'invalidCredentials' }
  | { key: 'unreachable' }
  | { key: 'tooManyAttempts' }
  | { key: 'sessionExpired' }
  | { key: 'accountEnded' }
  | { key: 'directoryUnreachable' }
  /** Single sign-on (or the directory) refused, with the hub's reason. */
  | { key: 'sso'; reason: SsoError }
  | { key: 'failed'; message: string }

export interface SessionSlice {
  hubUrl: string
  token: string | null
  account: Account | null
  signingIn: boolean
  loginError: LoginError | null
  /** Shown on the sign-in screen after signing out: the cached tickets were deleted from this computer. */
  signedOut: boolean
  /** Restores a stored session for this hub; it stays usable offline until the hub says it expired. */
  restoreSession(hubUrl: string): void
  signIn(email: string, password: string): Promise<void>
  /** Takes the sign-in an invitation or reset link answered with, as if signed in by the form. */
  signedIn(response: LoginResponse): void
  /** The hub answered the account's own new name or language. */
  accountChanged(account: Account): void
  /** Finishes an OpenID sign-in with the one-time code the hub put in the address fragment. */
  signInWithCode(code: string): Promise<void>
  /** The hub refused an OpenID sign-in before the Console had a code (told in the fragment). */
  ssoRefused(reason: SsoError): void
  /** Edits made here that have not reached the hub; signing out deletes them with the cache. */
  pendingEdits(): Promise<number>
  /** Ends the session on the hub and deletes this account's cache on this computer. */
  signOut(): Promise<void>
  /**
   * The hub no longer accepts the token (idle or past its lifetime): back to sign-in with a message.
   * The cache stays, so edits not yet sent reach the hub after signing in again.
   */
  sessionExpired(reason?: 'expired' | 'accountEnded'): void
}

/** The account's chosen language wins over this computer's last choice, at every sign-in. */
function applyLanguage(account: Account): void {
  if (account.language) void changeLanguage(account.language)
}

export const createSessionSlice: ConsoleSlice<SessionSlice> = (set, get) => ({
  hubUrl: '',
  token: null,
  account: null,
  signingIn: false,
  loginError: null,
  signedOut: false,

  restoreSession(hubUrl) {
    const stored = readStoredSession(localStorage.getItem(storageKey), hubUrl)
    set({ hubUrl, token: stored?.token ?? null, account: stored?.account ?? null })
    if (!stored) return
    hub.fetchMe(hubUrl, stored.token).then(
      (account) => set({ account }),
      (error: unknown) => {
        if (error instanceof hub.HubRequestError && error.failure.kind === 'rejected' && error.failure.status === 401) {
          get().sessionExpired()
        }
      },
    )
  },

  async signIn(email, password) {
    set({ signingIn: true, loginError: null, signedOut: false })
    try {
      get().signedIn(await hub.login(get().hubUrl, email, password))
    } catch (error) {
      set({ signingIn: false, loginError: toLoginError(error) })
    }
  },

  signedIn({ token, account }) {
    const stored: StoredSession = { hubUrl: get().hubUrl, token, account }
    localStorage.setItem(storageKey, JSON.stringify(stored))
    applyLanguage(account)
    set({ token, account, signingIn: false, loginError: null, signedOut: false })
  },

  accountChanged(account) {
    const { hubUrl, token } = get()
    if (!token) return
    localStorage.setItem(storageKey, JSON.stringify({ hubUrl, token, account } satisfies StoredSession))
    applyLanguage(account)
    set({ account })
  },

  async signInWithCode(code) {
    set({ signingIn: true, loginError: null, signedOut: false })
    try {
      get().signedIn(await exchangeSsoCode(get().hubUrl, code))
    } catch (error) {
      set({ signingIn: false, loginError: toLoginError(error) })
    }
  },

  ssoRefused(reason) {
    set({ loginError: { key: 'sso', reason }, signedOut: false })
  },

  pendingEdits: async () => (await get().db?.outbox.count()) ?? 0,

  async signOut() {
    const { hubUrl, token, account } = get()
    localStorage.removeItem(storageKey)
    get().closeWorkspace()
    set({ token: null, account: null, connection: 'connecting', loginError: null })
    // Tickets, timelines and diagnostics must not stay on a shared or lost computer.
    if (account) await Dexie.delete(consoleDbName(hubUrl, account.id))
    set({ signedOut: true })
    if (token) await hub.logout(hubUrl, token).catch(() => undefined)
  },

  sessionExpired(reason = 'expired') {
    localStorage.removeItem(storageKey)
    get().closeWorkspace()
    set({
      token: null,
      account: null,
      connection: 'connecting',
      loginError: { key: reason === 'accountEnded' ? 'accountEnded' : 'sessionExpired' },
    })
  },
})

function toLoginError(error: unknown): LoginError {
  if (!(error instanceof hub.HubRequestError)) return { key: 'failed', message: String(error) }
  const failure = error.failure
  if (failure.kind === 'unreachable') return { key: 'unreachable' }
  if (failure.kind === 'rejected') {
    if (failure.error === 'directory_unreachable') return { key: 'directoryUnreachable' }
    // A fragment code that was used already or is too old: the sign-in has to start again.
    if (failure.error === 'invalid_code') return { key: 'sso', reason: 'state' }
    const reason = ssoErrors.find((known) => failure.error === known)
    if (reason) return { key: 'sso', reason }
  }
  if (failure.kind === 'rejected' && failure.status === 401) return { key: 'invalidCredentials' }
  if (failure.kind === 'rejected' && failure.status === 429) return { key: 'tooManyAttempts' }
  return { key: 'failed', message: failure.message }
}
