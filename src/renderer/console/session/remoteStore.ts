import { create } from 'zustand'
import { contractRefusalSchema, type ActiveSession, type IssuedCode, type WaitingRequest } from '@shared/session/api'
import type { ContractRefusalDetail } from '@shared/session/protocol'
import { HubRequestError } from '../../platform/hubClient'
import { RemoteSession, type SessionView } from '../../platform/session'
import { createBrowserPeer } from '../../platform/sessionPeer'
import {
  acceptRequest,
  inviteSpecialist,
  issueSessionCode,
  listMyActiveSessions,
  listWaitingRequests,
} from '../../platform/sessionApi'

/** The Console's remote-session state: the waiting queue, issued codes and the one open session. */
interface RemoteState {
  waiting: WaitingRequest[]
  /** Pickup time per accepted request, shown beside the request the agent took. */
  pickups: Record<string, number>
  codes: Record<string, IssuedCode>
  /** Tickets whose code the agent is waiting to see redeemed. */
  awaitingCode: string[]
  /** Running sessions this account leads or may join (after an approved invitation, or to rejoin). */
  joinable: ActiveSession[]
  client: RemoteSession | null
  view: SessionView | null
  sessionId: string | null
  ticketId: string | null
  error: string | null
  /** An invitation sent, waiting for the user to approve it. */
  invited: string | null
  /** The customer's contract refused a step: where (a request, a ticket's code, an invitation) and why. */
  refusal: { at: 'accept' | 'code' | 'invite'; id: string; detail: ContractRefusalDetail } | null
  refreshWaiting(hubUrl: string, token: string): Promise<void>
  accept(input: { hubUrl: string; token: string; request: WaitingRequest; requestSync(): void }): Promise<string | null>
  issueCode(hubUrl: string, token: string, ticketId: string): Promise<void>
  /** Refreshes the joinable sessions and joins the one a redeemed code opened, once it exists. */
  refreshActive(hubUrl: string, token: string): Promise<void>
  invite(hubUrl: string, token: string, specialistAccountId: string): Promise<void>
  join(hubUrl: string, token: string, sessionId: string, ticketId: string | null): void
  close(): void
}

/** The contract's refusal in a hub answer, if that is what it was. */
function refusalOf(error: unknown): ContractRefusalDetail | null {
  if (!(error instanceof HubRequestError) || error.failure.kind !== 'rejected') return null
  const parsed = contractRefusalSchema.safeParse(error.failure.body)
  if (!parsed.success) return null
  const { code, reason, params } = parsed.data
  return { code, reason, params }
}

function describe(error: unknown): string {
  if (error instanceof HubRequestError && error.failure.kind === 'unreachable') return 'Hub: the hub cannot be reached.'
  return error instanceof Error ? error.message : String(error)
}

/**
 * The running session a code issued on this ticket opened, while the agent is still in another one:
 * the caller has entered the code and waits for the agent to switch over.
 */
export function redeemedFor(state: Pick<RemoteState, 'awaitingCode' | 'joinable' | 'sessionId'>, ticketId: string) {
  if (!state.awaitingCode.includes(ticketId)) return null
  return (
    state.joinable.find((session) => session.ticketId === ticketId && session.sessionId !== state.sessionId) ?? null
  )
}

export const useRemoteStore = create<RemoteState>()((set, get) => ({
  waiting: [],
  pickups: {},
  codes: {},
  awaitingCode: [],
  joinable: [],
  client: null,
  view: null,
  sessionId: null,
  ticketId: null,
  error: null,
  invited: null,
  refusal: null,

  async refreshWaiting(hubUrl, token) {
    try {
      set({ waiting: await listWaitingRequests(hubUrl, token) })
    } catch {
      // The list stays as it was; the next poll tries again.
    }
  },

  async accept({ hubUrl, token, request, requestSync }) {
    set({ error: null, refusal: null })
    try {
      // The hub makes the ticket in the same step as the accept, so the user is asked at once and
      // sees its number; waiting for a ticket of our own to sync first cost half a second.
      const accepted = await acceptRequest(hubUrl, token, request.sessionId)
      set({
        pickups: { ...get().pickups, [request.sessionId]: accepted.pickupSeconds },
        waiting: get().waiting.filter((w) => w.sessionId !== request.sessionId),
      })
      get().join(hubUrl, token, accepted.sessionId, accepted.ticketId)
      // The new ticket arrives by the normal sync; ask for it now rather than at the next announcement.
      requestSync()
      return accepted.ticketId
    } catch (error) {
      const detail = refusalOf(error)
      set(detail ? { refusal: { at: 'accept', id: request.sessionId, detail } } : { error: describe(error) })
      return null
    }
  },

  async issueCode(hubUrl, token, ticketId) {
    set({ error: null, refusal: null })
    try {
      const code = await issueSessionCode(hubUrl, token, ticketId)
      set({
        codes: { ...get().codes, [ticketId]: code },
        awaitingCode: [...get().awaitingCode.filter((id) => id !== ticketId), ticketId],
      })
    } catch (error) {
      const detail = refusalOf(error)
      set(detail ? { refusal: { at: 'code', id: ticketId, detail } } : { error: describe(error) })
    }
  },

  async refreshActive(hubUrl, token) {
    // A code that expired unredeemed opens nothing any more: stop looking for its session.
    const now = Date.now()
    const awaiting = get().awaitingCode.filter((id) => Date.parse(get().codes[id]?.expiresAt ?? '') > now)
    if (awaiting.length !== get().awaitingCode.length) set({ awaitingCode: awaiting })
    try {
      const active = await listMyActiveSessions(hubUrl, token)
      set({ joinable: active })
      if (awaiting.length === 0) return
      const found = active.find((session) => session.ticketId && awaiting.includes(session.ticketId))
      if (!found) return
      // A panel still open on a session that has ended is no reason to keep the caller waiting. A
      // session still running stays: the ticket then offers to join the caller's (`redeemedFor`).
      const { client, view } = get()
      if (client && !view?.ended) return
      set({ awaitingCode: awaiting.filter((id) => id !== found.ticketId) })
      get().join(hubUrl, token, found.sessionId, found.ticketId)
    } catch {
      // Tried again on the next poll.
    }
  },

  async invite(hubUrl, token, specialistAccountId) {
    const sessionId = get().sessionId
    if (!sessionId) return
    set({ error: null, refusal: null })
    try {
      const invitation = await inviteSpecialist(hubUrl, token, sessionId, specialistAccountId)
      set({ invited: invitation.specialist.displayName })
    } catch (error) {
      const detail = refusalOf(error)
      set(detail ? { refusal: { at: 'invite', id: sessionId, detail } } : { error: describe(error) })
    }
  },

  join(hubUrl, token, sessionId, ticketId) {
    get().client?.close()
    const client = new RemoteSession({
      hubUrl,
      sessionId,
      // The hub knows from the sign-in whether this is the web or the desktop Console.
      auth: { kind: 'account', token },
      createPeer: createBrowserPeer,
    })
    client.subscribe((view) => {
      if (get().client === client) set({ view })
    })
    set({ client, view: client.snapshot, sessionId, ticketId, error: null, invited: null, refusal: null })
    client.start()
  },

  close() {
    get().client?.close()
    set({ client: null, view: null, sessionId: null, ticketId: null, invited: null })
  },
}))
