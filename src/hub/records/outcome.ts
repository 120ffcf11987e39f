import type { ChangeRefusal } from '@shared/records/change'
import type { ProblemRefusal } from '@shared/records/problem'
import type { VendorCaseRefusal } from '@shared/records/vendorCase'

export type Failure = { ok: false; status: 403 | 404 | 409; error: string; message: string }
export type Outcome<T> = { ok: true; value: T } | Failure

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value })

type Refusal = VendorCaseRefusal | ProblemRefusal | ChangeRefusal | 'unknown_ticket' | 'not_found' | 'id_taken'

const messages: Record<Refusal, string> = {
  needs_specialist: 'Only 2nd-level specialists and admins may do this.',
  own_change: 'A change is approved or rejected by someone other than its author.',
  needs_approval: 'A normal change starts only after a specialist other than its author approved it.',
  already_approved: 'This change is approved already.',
  invalid_transition: 'The change cannot take this step from its current state.',
  ticket_finished: 'The ticket is resolved or closed; reopen it first.',
  case_closed: 'The vendor case is closed.',
  too_many_entries: 'This vendor case has as many log entries as it may have.',
  problem_resolved: 'The problem is resolved; its record is final.',
  not_an_incident: 'Only incidents can be linked to a problem.',
  already_linked_elsewhere: 'This incident is linked to another problem already.',
  too_many_links: 'This record has as many linked tickets as it may have.',
  unknown_ticket: 'There is no such ticket.',
  not_found: 'There is no such record.',
  id_taken: 'This id belongs to another record.',
}

const forbidden: readonly Refusal[] = ['needs_specialist', 'own_change']
const missing: readonly Refusal[] = ['unknown_ticket', 'not_found']

/** Role refusals answer 403, unknown things 404, and what the record's state forbids 409. */
export function refuse(reason: Refusal, detail?: string): Failure {
  return {
    ok: false,
    status: forbidden.includes(reason) ? 403 : missing.includes(reason) ? 404 : 409,
    error: reason,
    message: detail ? `${messages[reason]} (${detail})` : messages[reason],
  }
}
