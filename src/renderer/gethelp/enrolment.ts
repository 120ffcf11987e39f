import { create } from 'zustand'
import {
  enrolmentFragment,
  formatEnrolmentCode,
  isEnrolmentRefusal,
  normaliseEnrolmentCode,
  storedEnrolmentSchema,
  type EnrolmentRefusal,
  type StoredEnrolment,
} from '@shared/enrolment'
import { checkEnrolment } from '../platform/getHelpClient'
import { HubRequestError } from '../platform/hubClient'

type Answer<T> = { ok: true; value: T } | { ok: false; error: string }

/** The desktop app keeps the enrolment in main's user data; the web page in localStorage. */
interface EnrolmentKeeper {
  load(): Promise<{ enrolment: StoredEnrolment | null; offered: string | null }>
  save(enrolment: StoredEnrolment): Promise<void>
  clear(): Promise<void>
}

interface EnrolmentBridge {
  get(): Promise<Answer<{ enrolment: StoredEnrolment | null; offered: string | null }>>
  set(enrolment: StoredEnrolment): Promise<Answer<null>>
  clear(): Promise<Answer<null>>
}

const storageKey = 'firstline.gethelp.enrolment'

function enrolmentBridge(): EnrolmentBridge | null {
  const bridge = (window as unknown as { firstline?: { enrolment?: Partial<EnrolmentBridge> } }).firstline?.enrolment
  return typeof bridge?.get === 'function' ? (bridge as EnrolmentBridge) : null
}

const unwrap = <T>(answer: Answer<T>): T => {
  if (!answer.ok) throw new Error(answer.error)
  return answer.value
}

function keeper(): EnrolmentKeeper {
  const bridge = enrolmentBridge()
  if (bridge) {
    return {
      load: async () => unwrap(await bridge.get()),
      save: async (enrolment) => void unwrap(await bridge.set(enrolment)),
      clear: async () => void unwrap(await bridge.clear()),
    }
  }
  return {
    async load() {
      try {
        const parsed = storedEnrolmentSchema.safeParse(JSON.parse(localStorage.getItem(storageKey) ?? 'null'))
        return { enrolment: parsed.success ? parsed.data : null, offered: null }
      } catch {
        return { enrolment: null, offered: null }
      }
    },
    save: async (enrolment) => localStorage.setItem(storageKey, JSON.stringify(enrolment)),
    clear: async () => localStorage.removeItem(storageKey),
  }
}

/**
 * A code in the address (`/gethelp#enrol=CODE`), taken out of the address bar at once so it is
 * not bookmarked or shared along with the page.
 */
function codeFromAddress(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''))
  const code = params.get(enrolmentFragment)
  if (code === null) return null
  params.delete(enrolmentFragment)
  const rest = params.toString()
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`)
  return code
}

export type EnrolmentProblem = EnrolmentRefusal | 'invalid_code' | 'unreachable' | 'too_many_attempts'

interface EnrolmentState {
  hubUrl: string
  status: 'checking' | 'enrolled' | 'unenrolled'
  enrolment: StoredEnrolment | null
  /** Why Get Help is not enrolled (or why the last code did not work). */
  problem: EnrolmentProblem | null
  /** The organisation that refused a revoked or expired enrolment, to say whom to ask. */
  refusedBy: { organisationName: string; customerName: string } | null
  busy: boolean
  init(hubUrl: string): Promise<void>
  /** A code the user typed. */
  enter(code: string): Promise<void>
  /** The hub refused the stored enrolment while Get Help used it. */
  refused(reason: EnrolmentRefusal): Promise<void>
}

function problemOf(error: unknown): EnrolmentProblem {
  if (error instanceof HubRequestError) {
    if (error.failure.kind === 'unreachable') return 'unreachable'
    if (error.failure.kind === 'rejected') {
      if (isEnrolmentRefusal(error.failure.error)) return error.failure.error
      if (error.failure.status === 429) return 'too_many_attempts'
    }
  }
  return 'unreachable'
}

export const useEnrolmentStore = create<EnrolmentState>()((set, get) => {
  /** Checks a code with the hub and keeps it when the hub confirms it. */
  const adopt = async (code: string): Promise<boolean> => {
    const normalised = normaliseEnrolmentCode(code)
    if (!normalised) {
      set({ problem: 'invalid_code' })
      return false
    }
    const formatted = formatEnrolmentCode(normalised)
    try {
      const info = await checkEnrolment(get().hubUrl, formatted)
      const enrolment = { code: formatted, organisationName: info.organisation.name, customerName: info.customer.name }
      await keeper().save(enrolment)
      set({ status: 'enrolled', enrolment, problem: null, refusedBy: null })
      return true
    } catch (error) {
      set({ problem: problemOf(error) })
      return false
    }
  }

  return {
    hubUrl: '',
    status: 'checking',
    enrolment: null,
    problem: null,
    refusedBy: null,
    busy: false,

    async init(hubUrl) {
      set({ hubUrl, status: 'checking', problem: null })
      const fromAddress = codeFromAddress()
      const stored = await keeper()
        .load()
        .catch(() => ({ enrolment: null, offered: null }))
      const offered = fromAddress ?? stored.offered
      // A new link (or --enrol) wins over what was kept; if the hub refuses it, the kept one still stands.
      if (offered && (await adopt(offered))) return
      const offeredProblem = offered ? get().problem : null
      if (!stored.enrolment) {
        set({ status: 'unenrolled', enrolment: null })
        return
      }
      // The kept enrolment is checked again, so a withdrawn one shows at once, not on the first send.
      try {
        const info = await checkEnrolment(hubUrl, stored.enrolment.code)
        const enrolment = {
          code: stored.enrolment.code,
          organisationName: info.organisation.name,
          customerName: info.customer.name,
        }
        set({ status: 'enrolled', enrolment, problem: offeredProblem })
      } catch (error) {
        const problem = problemOf(error)
        if (isEnrolmentRefusal(problem)) {
          set({ enrolment: stored.enrolment })
          await get().refused(problem)
        } else {
          // Offline: Get Help stays usable with what it kept; sending tells if the hub disagrees.
          set({ status: 'enrolled', enrolment: stored.enrolment, problem: offeredProblem })
        }
      }
    },

    async enter(code) {
      set({ busy: true, problem: null })
      await adopt(code)
      set({ busy: false })
    },

    async refused(reason) {
      const before = get().enrolment
      await keeper()
        .clear()
        .catch(() => undefined)
      set({
        status: 'unenrolled',
        enrolment: null,
        problem: reason,
        refusedBy: before ? { organisationName: before.organisationName, customerName: before.customerName } : null,
      })
    },
  }
})

/** The code anonymous Get Help requests carry, if enrolled. */
export const currentEnrolmentCode = (): string | undefined => useEnrolmentStore.getState().enrolment?.code

/** When the hub refuses a request for the enrolment, Get Help switches to the unenrolled screen; true then. */
export function handleEnrolmentRefusal(error: unknown): boolean {
  if (
    error instanceof HubRequestError &&
    error.failure.kind === 'rejected' &&
    error.failure.status === 403 &&
    isEnrolmentRefusal(error.failure.error)
  ) {
    void useEnrolmentStore.getState().refused(error.failure.error)
    return true
  }
  return false
}
