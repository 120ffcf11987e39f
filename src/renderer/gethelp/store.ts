import { create } from 'zustand'
import type { DiagnosticsProgressEvent } from '@shared/api/contract'
import type { ProbeGroup } from '@shared/diagnostics/snapshot'
import { withholdGroups } from '@shared/diagnostics/snapshot'
import { getHelpReceiptSchema, type DiagnosticsUpload, type GetHelpReceipt } from '@shared/gethelp'
import { collectDiagnostics } from '../platform/diagnostics'
import { fetchHelpStatus, sendFreshDiagnostics, sendHelpRequest } from '../platform/getHelpClient'
import { HubRequestError } from '../platform/hubClient'
import { currentEnrolmentCode, handleEnrolmentRefusal } from './enrolment'
import { pendingRequestKey } from './requestKey'

export interface HelpForm {
  name: string
  email: string
  description: string
  category: string
  missingDevices: string
}

type Step = 'start' | 'describe' | 'collecting' | 'preview' | 'sent'
export type SendError = { key: 'unreachable' } | { key: 'failed'; message: string }

const receiptKey = 'firstline.gethelp.receipt'
const pendingKey = 'firstline.gethelp.pendingRequestKey'
const deviceNameKey = 'firstline.gethelp.deviceName'

/** This computer's host name from the last desktop snapshot; a session request names its device with it. */
export function lastDeviceName(): string | undefined {
  return localStorage.getItem(deviceNameKey) || undefined
}

function rememberDeviceName(upload: DiagnosticsUpload): void {
  if (upload.kind !== 'desktop') return
  const snapshot = upload.snapshot as { groups?: { os?: { info?: { data?: { hostname?: unknown } | null } } } }
  const hostname = snapshot.groups?.os?.info?.data?.hostname
  if (typeof hostname === 'string' && hostname.trim())
    localStorage.setItem(deviceNameKey, hostname.trim().slice(0, 200))
}

/** The last request survives a restart, so the user keeps the number and can still answer the agent. */
function storedReceipt(): GetHelpReceipt | null {
  try {
    const parsed = getHelpReceiptSchema.safeParse(JSON.parse(localStorage.getItem(receiptKey) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

interface GetHelpState {
  hubUrl: string
  step: Step
  form: HelpForm
  progress: Partial<Record<ProbeGroup, DiagnosticsProgressEvent>>
  upload: DiagnosticsUpload | null
  excluded: ProbeGroup[]
  redaction: { includeUserNames: boolean; includeSerials: boolean }
  sending: boolean
  error: SendError | null
  receipt: GetHelpReceipt | null
  freshRequested: boolean
  freshSent: boolean
  init(hubUrl: string): void
  goTo(step: Step): void
  setForm(patch: Partial<HelpForm>): void
  collect(): Promise<void>
  toggleGroup(group: ProbeGroup): void
  setRedaction(patch: Partial<GetHelpState['redaction']>): Promise<void>
  send(): Promise<void>
  checkStatus(): Promise<void>
  sendFresh(): Promise<void>
  startOver(): void
}

const emptyForm: HelpForm = { name: '', email: '', description: '', category: '', missingDevices: '' }

function toSendError(error: unknown): SendError {
  if (error instanceof HubRequestError && error.failure.kind === 'unreachable') return { key: 'unreachable' }
  return { key: 'failed', message: error instanceof Error ? error.message : String(error) }
}

export const useGetHelpStore = create<GetHelpState>()((set, get) => ({
  hubUrl: '',
  step: 'start',
  form: emptyForm,
  progress: {},
  upload: null,
  excluded: [],
  redaction: { includeUserNames: false, includeSerials: false },
  sending: false,
  error: null,
  receipt: null,
  freshRequested: false,
  freshSent: false,

  init(hubUrl) {
    const receipt = storedReceipt()
    set({ hubUrl, receipt, step: receipt ? 'sent' : 'start' })
  },
  goTo: (step) => set({ step, error: null }),
  setForm: (patch) => set({ form: { ...get().form, ...patch } }),

  async collect() {
    set({ step: 'collecting', progress: {}, upload: null })
    const upload = await collectDiagnostics(get().redaction, (p) =>
      set({ progress: { ...get().progress, [p.group]: p } }),
    )
    rememberDeviceName(upload)
    set({ upload, step: get().step === 'collecting' ? 'preview' : get().step })
  },

  toggleGroup(group) {
    const excluded = get().excluded
    set({ excluded: excluded.includes(group) ? excluded.filter((g) => g !== group) : [...excluded, group] })
  },

  /** Masking happens in main before anything reaches this page, so a change means collecting again. */
  async setRedaction(patch) {
    set({ redaction: { ...get().redaction, ...patch } })
    await get().collect()
  },

  async send() {
    const { hubUrl, form, upload, excluded } = get()
    set({ sending: true, error: null })
    try {
      const diagnostics =
        upload?.kind === 'desktop'
          ? { kind: 'desktop' as const, snapshot: withholdGroups(upload.snapshot as never, excluded) }
          : upload
      const receipt = await sendHelpRequest(hubUrl, {
        requestKey: pendingRequestKey(pendingKey),
        enrolment: currentEnrolmentCode(),
        requester: { name: form.name.trim(), email: form.email.trim() || null },
        description: form.description.trim(),
        category: form.category || null,
        missingDevices: form.missingDevices.trim() || null,
        diagnostics,
      })
      localStorage.setItem(receiptKey, JSON.stringify(receipt))
      localStorage.removeItem(pendingKey)
      set({ receipt, step: 'sent', sending: false, form: emptyForm })
    } catch (error) {
      // A withdrawn enrolment switches Get Help to the screen that says whom to ask; the form stays.
      if (handleEnrolmentRefusal(error)) return set({ sending: false })
      set({ sending: false, error: toSendError(error) })
    }
  },

  async checkStatus() {
    const { hubUrl, receipt } = get()
    if (!receipt) return
    try {
      const status = await fetchHelpStatus(hubUrl, receipt)
      set({ freshRequested: status.freshDiagnosticsRequested })
    } catch {
      // Offline or the hub restarted: the next check tries again.
    }
  },

  async sendFresh() {
    const { hubUrl, receipt, redaction } = get()
    if (!receipt) return
    set({ sending: true, error: null, freshSent: false })
    try {
      const upload = await collectDiagnostics(redaction, () => undefined)
      await sendFreshDiagnostics(hubUrl, receipt, upload)
      set({ sending: false, freshRequested: false, freshSent: true })
    } catch (error) {
      set({ sending: false, error: toSendError(error) })
    }
  },

  startOver() {
    localStorage.removeItem(receiptKey)
    set({ receipt: null, step: 'start', upload: null, excluded: [], freshRequested: false, freshSent: false })
  },
}))
