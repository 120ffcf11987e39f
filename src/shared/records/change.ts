import { z } from 'zod'
import type { Role } from '../auth'
import {
  createNumberedRecordFields,
  isSpecialistRole,
  linkedTicketSchema,
  linkTicketRequestSchema,
  numberedRecordFields,
  recordAuthorSchema,
  recordLimits,
  recordTextSchema,
} from './common'

export const changeKinds = ['standard', 'normal', 'emergency'] as const
export const changeKindSchema = z.enum(changeKinds)
export type ChangeKind = z.infer<typeof changeKindSchema>

export const changeRisks = ['low', 'medium', 'high'] as const
export const changeRiskSchema = z.enum(changeRisks)
export type ChangeRisk = z.infer<typeof changeRiskSchema>

export const changeStates = [
  'draft',
  'awaiting_approval',
  'approved',
  'in_progress',
  'done',
  'rejected',
  'cancelled',
] as const
export const changeStateSchema = z.enum(changeStates)
export type ChangeState = z.infer<typeof changeStateSchema>

export const changeActions = ['submit', 'approve', 'reject', 'start', 'complete', 'cancel'] as const
export const changeActionSchema = z.enum(changeActions)
export type ChangeAction = z.infer<typeof changeActionSchema>

const decisionSchema = z.object({ by: recordAuthorSchema, at: z.iso.datetime(), note: recordTextSchema })

export const changeHistoryEntrySchema = z.object({
  action: z.union([changeActionSchema, z.literal('create')]),
  from: changeStateSchema.nullable(),
  to: changeStateSchema,
  by: recordAuthorSchema,
  at: z.iso.datetime(),
  note: recordTextSchema,
})
export type ChangeHistoryEntry = z.infer<typeof changeHistoryEntrySchema>

const plannedTimesSchema = {
  plannedStart: z.iso.datetime({ error: 'The planned start must be an ISO date-time' }).nullable(),
  plannedEnd: z.iso.datetime({ error: 'The planned end must be an ISO date-time' }).nullable(),
}
const endNotBeforeStart = (times: { plannedStart: string | null; plannedEnd: string | null }) =>
  !times.plannedStart || !times.plannedEnd || Date.parse(times.plannedEnd) >= Date.parse(times.plannedStart)

export const changeSchema = z.object({
  ...numberedRecordFields,
  kind: changeKindSchema,
  risk: changeRiskSchema,
  ...plannedTimesSchema,
  state: changeStateSchema,
  /** The second person's approval; for emergency changes it may come after the work started. */
  approval: decisionSchema.extend({ retrospective: z.boolean() }).nullable(),
  rejection: decisionSchema.nullable(),
  history: z.array(changeHistoryEntrySchema),
  tickets: z.array(linkedTicketSchema).max(recordLimits.linksPerRecord),
})
export type Change = z.infer<typeof changeSchema>

export const createChangeRequestSchema = z
  .object({
    ...createNumberedRecordFields,
    kind: changeKindSchema,
    risk: changeRiskSchema,
    plannedStart: plannedTimesSchema.plannedStart.default(null),
    plannedEnd: plannedTimesSchema.plannedEnd.default(null),
  })
  .refine(endNotBeforeStart, { error: 'The planned end lies before the planned start', path: ['plannedEnd'] })
export type CreateChangeRequest = z.input<typeof createChangeRequestSchema>

export const changeActionRequestSchema = z.object({
  action: changeActionSchema,
  note: recordTextSchema.default(''),
})
export type ChangeActionRequest = z.input<typeof changeActionRequestSchema>

export const linkChangeTicketRequestSchema = linkTicketRequestSchema

export type ChangeRefusal =
  | 'needs_specialist'
  /** Four eyes: whoever wrote the change cannot approve or reject it. */
  | 'own_change'
  /** A normal change starts only once someone other than its author approved it. */
  | 'needs_approval'
  | 'already_approved'
  | 'invalid_transition'

export type ChangeStep =
  | { ok: true; state: ChangeState; records: 'approval' | 'rejection' | null; retrospective: boolean }
  | { ok: false; reason: ChangeRefusal }

type ChangeFacts = Pick<Change, 'kind' | 'state' | 'approval'> & { authorId: string }
type Who = { id: string; role: Role }

const open: readonly ChangeState[] = ['draft', 'awaiting_approval', 'approved']

const step = (
  state: ChangeState,
  records: 'approval' | 'rejection' | null = null,
  retrospective = false,
): ChangeStep => ({
  ok: true,
  state,
  records,
  retrospective,
})
const refuse = (reason: ChangeRefusal): ChangeStep => ({ ok: false, reason })

/**
 * The change state machine. Standard changes are pre-approved: submitting one approves it.
 * Normal changes wait for a second person. Emergency changes may start at once; their approval
 * is recorded afterwards, and until then the change shows the approval as outstanding.
 */
export function changeStep(change: ChangeFacts, action: ChangeAction, who: Who): ChangeStep {
  if (!isSpecialistRole(who.role)) return refuse('needs_specialist')
  const { kind, state } = change
  switch (action) {
    case 'submit':
      if (state !== 'draft') return refuse('invalid_transition')
      return step(kind === 'standard' ? 'approved' : 'awaiting_approval')
    case 'approve':
    case 'reject': {
      if (who.id === change.authorId) return refuse('own_change')
      if (state === 'awaiting_approval')
        return step(action === 'approve' ? 'approved' : 'rejected', action === 'approve' ? 'approval' : 'rejection')
      if (action === 'approve' && kind === 'emergency' && (state === 'in_progress' || state === 'done')) {
        return change.approval ? refuse('already_approved') : step(state, 'approval', true)
      }
      return refuse('invalid_transition')
    }
    case 'start':
      if (state === 'approved') return step('in_progress')
      if (kind === 'emergency' && (state === 'draft' || state === 'awaiting_approval')) return step('in_progress')
      if (state === 'draft' || state === 'awaiting_approval') return refuse('needs_approval')
      return refuse('invalid_transition')
    case 'complete':
      return state === 'in_progress' ? step('done') : refuse('invalid_transition')
    case 'cancel':
      return open.includes(state) || state === 'in_progress' ? step('cancelled') : refuse('invalid_transition')
  }
}

/** Whether the change still lacks the second person's approval it needs. */
export function approvalOutstanding(change: Pick<Change, 'kind' | 'state' | 'approval'>): boolean {
  if (change.kind === 'standard' || change.approval) return false
  return !['rejected', 'cancelled', 'draft'].includes(change.state)
}

/** The actions worth offering for a change in its state; the hub still decides. */
export function offeredActions(change: ChangeFacts, who: Who): ChangeAction[] {
  return changeActions.filter((action) => changeStep(change, action, who).ok)
}
