import { describe, expect, it } from 'vitest'
import { approvalOutstanding, changeStep, createChangeRequestSchema, offeredActions, type Change } from './change'
import { formatRecordNumber } from './common'
import { linkRefusal, problemRefusal } from './problem'
import {
  caseStatusAfterEntry,
  openVendorCaseRefusal,
  openVendorCaseRequestSchema,
  ticketStatusForCases,
} from './vendorCase'

const author = { id: '00000000-0000-4000-8000-000000000001', role: 'specialist' as const }
const other = { id: '00000000-0000-4000-8000-000000000002', role: 'specialist' as const }
const agent = { id: '00000000-0000-4000-8000-000000000003', role: 'agent' as const }
const facts = (kind: Change['kind'], state: Change['state'], approval: Change['approval'] = null) => ({
  kind,
  state,
  approval,
  authorId: author.id,
})

describe('vendor cases', () => {
  it('pause the ticket while any case is with the vendor and resume it when the last one answered', () => {
    expect(ticketStatusForCases('in_progress', ['open'])).toBe('waiting_for_vendor')
    expect(ticketStatusForCases('new', ['waiting_for_vendor'])).toBe('waiting_for_vendor')
    expect(ticketStatusForCases('waiting_for_vendor', ['vendor_answered'])).toBe('in_progress')
    expect(ticketStatusForCases('waiting_for_vendor', ['vendor_answered', 'waiting_for_vendor'])).toBeNull()
    expect(ticketStatusForCases('waiting_for_vendor', ['closed'])).toBe('in_progress')
    // A late answer does not reopen a finished ticket, and a ticket waiting for the user stays so.
    expect(ticketStatusForCases('resolved', ['open'])).toBeNull()
    expect(ticketStatusForCases('waiting_for_user', ['vendor_answered'])).toBeNull()
  })

  it('follow the exchange: a message to the vendor waits, their answer is answered', () => {
    expect(caseStatusAfterEntry('to_vendor')).toBe('waiting_for_vendor')
    expect(caseStatusAfterEntry('from_vendor')).toBe('vendor_answered')
  })

  it('are opened by 2nd level only, and not on finished tickets', () => {
    expect(openVendorCaseRefusal('agent', 'in_progress')).toBe('needs_specialist')
    expect(openVendorCaseRefusal('specialist', 'closed')).toBe('ticket_finished')
    expect(openVendorCaseRefusal('admin', 'new')).toBeNull()
  })

  it('need a vendor, a case number and a real day for the next contact', () => {
    const base = { id: '00000000-0000-4000-8000-000000000009', vendor: 'Lenovo', caseNumber: '5012345' }
    expect(openVendorCaseRequestSchema.safeParse(base).success).toBe(true)
    expect(openVendorCaseRequestSchema.safeParse({ ...base, vendor: '  ' }).success).toBe(false)
    expect(openVendorCaseRequestSchema.safeParse({ ...base, nextContactOn: '2026-02-30' }).success).toBe(false)
    expect(openVendorCaseRequestSchema.safeParse({ ...base, caseNumber: 'x'.repeat(101) }).success).toBe(false)
  })
})

describe('problems', () => {
  it('are run by 2nd level; agents may link incidents to an open problem', () => {
    expect(problemRefusal('agent', 'create', null)).toBe('needs_specialist')
    expect(problemRefusal('agent', 'resolve', 'known_error')).toBe('needs_specialist')
    expect(problemRefusal('agent', 'link', 'known_error')).toBeNull()
    expect(problemRefusal('specialist', 'edit', 'resolved')).toBe('problem_resolved')
  })

  it('link incidents only, each to one problem', () => {
    const id = '00000000-0000-4000-8000-00000000000a'
    expect(linkRefusal('service_request', null, id, 0)).toBe('not_an_incident')
    expect(linkRefusal('incident', 'another', id, 0)).toBe('already_linked_elsewhere')
    expect(linkRefusal('incident', id, id, 0)).toBeNull()
  })

  it('are numbered like PRB-000123', () => {
    expect(formatRecordNumber('PRB', 123)).toBe('PRB-000123')
    expect(formatRecordNumber('CHG', 1234567)).toBe('CHG-1234567')
  })
})

describe('change state machine', () => {
  it('lets a normal change start only after someone other than its author approved it', () => {
    expect(changeStep(facts('normal', 'draft'), 'submit', author)).toMatchObject({
      ok: true,
      state: 'awaiting_approval',
    })
    expect(changeStep(facts('normal', 'awaiting_approval'), 'start', author)).toEqual({
      ok: false,
      reason: 'needs_approval',
    })
    expect(changeStep(facts('normal', 'awaiting_approval'), 'approve', author)).toEqual({
      ok: false,
      reason: 'own_change',
    })
    expect(changeStep(facts('normal', 'awaiting_approval'), 'approve', agent)).toEqual({
      ok: false,
      reason: 'needs_specialist',
    })
    expect(changeStep(facts('normal', 'awaiting_approval'), 'approve', other)).toMatchObject({
      ok: true,
      state: 'approved',
      records: 'approval',
    })
    expect(changeStep(facts('normal', 'approved'), 'start', author)).toMatchObject({ ok: true, state: 'in_progress' })
    expect(changeStep(facts('normal', 'in_progress'), 'complete', author)).toMatchObject({ ok: true, state: 'done' })
  })

  it('pre-approves standard changes on submit', () => {
    expect(changeStep(facts('standard', 'draft'), 'submit', author)).toMatchObject({ ok: true, state: 'approved' })
    expect(approvalOutstanding({ kind: 'standard', state: 'in_progress', approval: null })).toBe(false)
  })

  it('lets an emergency change start at once and records its approval afterwards, once', () => {
    expect(changeStep(facts('emergency', 'draft'), 'start', author)).toMatchObject({ ok: true, state: 'in_progress' })
    expect(approvalOutstanding({ kind: 'emergency', state: 'in_progress', approval: null })).toBe(true)
    expect(changeStep(facts('emergency', 'in_progress'), 'approve', other)).toEqual({
      ok: true,
      state: 'in_progress',
      records: 'approval',
      retrospective: true,
    })
    const approval = { by: { id: other.id, name: 'B' }, at: '2026-11-23T10:00:00.000Z', note: '', retrospective: true }
    expect(changeStep(facts('emergency', 'done', approval), 'approve', other)).toEqual({
      ok: false,
      reason: 'already_approved',
    })
    expect(changeStep(facts('emergency', 'in_progress'), 'approve', author)).toMatchObject({ reason: 'own_change' })
  })

  it('ends in done, rejected or cancelled and goes nowhere from there', () => {
    for (const state of ['done', 'rejected', 'cancelled'] as const) {
      expect(offeredActions(facts('normal', state), other)).toEqual([])
    }
    expect(changeStep(facts('normal', 'awaiting_approval'), 'reject', other)).toMatchObject({ state: 'rejected' })
  })

  it('offers agents nothing', () => {
    expect(offeredActions(facts('normal', 'awaiting_approval'), agent)).toEqual([])
  })

  it('refuses a planned end before the planned start', () => {
    const request = {
      id: '00000000-0000-4000-8000-00000000000b',
      kind: 'normal',
      title: 'Replace core switch',
      risk: 'high',
      plannedStart: '2026-11-24T20:00:00.000Z',
      plannedEnd: '2026-11-24T19:00:00.000Z',
    }
    const parsed = createChangeRequestSchema.safeParse(request)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['plannedEnd'])
  })
})
