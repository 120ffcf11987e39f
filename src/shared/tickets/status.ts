import { z } from 'zod'

export const statuses = [
  'new',
  'in_progress',
  'waiting_for_user',
  'waiting_for_vendor',
  'resolved',
  'closed',
  'reopened',
] as const
export const statusSchema = z.enum(statuses)
export type Status = z.infer<typeof statusSchema>

/** While waiting on someone outside the desk, SLA clocks stand still. */
export const pausingStatuses: readonly Status[] = ['waiting_for_user', 'waiting_for_vendor']
/** The desk considers its work done; the resolution clock has stopped. */
export const finishedStatuses: readonly Status[] = ['resolved', 'closed']

const working: readonly Status[] = ['in_progress', 'waiting_for_user', 'waiting_for_vendor', 'resolved']

/**
 * Closed is final for everyone but admins (see the role rules in apply), who may reopen it.
 * A ticket is closed only after it was resolved, so the requester had a chance to object.
 */
export const allowedTransitions: Readonly<Record<Status, readonly Status[]>> = {
  new: working,
  in_progress: working.filter((status) => status !== 'in_progress'),
  waiting_for_user: working.filter((status) => status !== 'waiting_for_user'),
  waiting_for_vendor: working.filter((status) => status !== 'waiting_for_vendor'),
  reopened: working,
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
}

export function isTransitionAllowed(from: Status, to: Status): boolean {
  return allowedTransitions[from].includes(to)
}

export function isPausing(status: Status): boolean {
  return pausingStatuses.includes(status)
}

export function isFinished(status: Status): boolean {
  return finishedStatuses.includes(status)
}
