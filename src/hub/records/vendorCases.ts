import type { Account } from '@shared/auth'
import {
  caseStatusAfterEntry,
  logVendorEntryRefusal,
  openVendorCaseRefusal,
  openVendorCaseRequestSchema,
  ticketStatusForCases,
  updateVendorCaseRequestSchema,
  type VendorCase,
  logVendorEntryRequestSchema,
} from '@shared/records/vendorCase'
import { isSpecialistRole } from '@shared/records/common'
import type { z } from 'zod'
import { findTicket } from '../tickets/repository'
import { authorOf, type RecordContext } from './context'
import { createOnce, editRecord } from './lifecycle'
import { refuse, type Outcome } from './outcome'
import { vendorCaseTable, vendorCasesOfTicket } from './repository'

/**
 * Brings the ticket's status in line with its vendor cases by a real `change_status` command,
 * so the pause of the SLA clocks is in the ticket's event log like any other status change.
 */
async function followCases(ctx: RecordContext, account: Account, vendorCase: VendorCase, key: string, note: string) {
  const organisationId = account.organisation.id
  const ticket = await findTicket(ctx.db, organisationId, vendorCase.ticketId)
  if (!ticket) return
  const cases = await vendorCasesOfTicket(ctx.db, organisationId, vendorCase.ticketId)
  const target = ticketStatusForCases(
    ticket.status,
    cases.map((c) => c.status),
  )
  if (!target) return
  await ctx.editTicket(account, ticket.id, key, { type: 'change_status', payload: { status: target, note } })
}

const caseLabel = (vendorCase: VendorCase) => `${vendorCase.vendor} case ${vendorCase.caseNumber}`

export async function openVendorCase(
  ctx: RecordContext,
  account: Account,
  ticketId: string,
  body: z.output<typeof openVendorCaseRequestSchema>,
): Promise<Outcome<VendorCase>> {
  const organisationId = account.organisation.id
  // Before the repeat check too: a repeat re-runs the ticket's follow-up, which is a specialist's act.
  if (!isSpecialistRole(account.role)) return refuse('needs_specialist')
  const ticket = await findTicket(ctx.db, organisationId, ticketId)
  if (!ticket) return refuse('unknown_ticket')
  // The same id on another ticket is not a repeat.
  const existing = async () => {
    const found = await vendorCaseTable.find(ctx.db, organisationId, body.id)
    return found?.ticketId === ticketId ? found : null
  }
  const outcome = await createOnce(ctx, account, 'vendor_cases', body.id, existing, async (tx, at) => {
    const refusal = openVendorCaseRefusal(account.role, ticket.status)
    if (refusal) return refuse(refusal)
    const message = body.message.trim()
    return vendorCaseTable.insert(tx, organisationId, {
      id: body.id,
      ticketId,
      vendor: body.vendor,
      caseNumber: body.caseNumber,
      status: message ? 'waiting_for_vendor' : 'open',
      nextContactOn: body.nextContactOn,
      openedBy: authorOf(account),
      openedAt: at,
      updatedAt: at,
      entries: message ? [{ id: body.id, direction: 'to_vendor', body: message, at, author: authorOf(account) }] : [],
    })
  })
  if (!outcome.ok) return outcome
  // Also on a repeated request: the derived command id makes the status change happen once.
  const vendorCase = outcome.value
  const note = `Waiting for the vendor: ${caseLabel(vendorCase)} opened`
  await followCases(ctx, account, vendorCase, `vendor-case:${vendorCase.id}`, note)
  return outcome
}

export async function logVendorEntry(
  ctx: RecordContext,
  account: Account,
  caseId: string,
  body: z.output<typeof logVendorEntryRequestSchema>,
): Promise<Outcome<VendorCase>> {
  if (!isSpecialistRole(account.role)) return refuse('needs_specialist')
  const outcome = await editRecord(ctx, account, vendorCaseTable, caseId, (current, at) => {
    if (current.entries.some((entry) => entry.id === body.id)) return current
    const refusal = logVendorEntryRefusal(account.role, current)
    if (refusal) return refuse(refusal)
    return {
      ...current,
      status: caseStatusAfterEntry(body.direction),
      updatedAt: at,
      entries: [
        ...current.entries,
        { id: body.id, direction: body.direction, body: body.body, at, author: authorOf(account) },
      ],
    }
  })
  if (!outcome.ok) return outcome
  const entry = outcome.value.entries.find((e) => e.id === body.id)
  const note =
    entry?.direction === 'from_vendor'
      ? `${caseLabel(outcome.value)}: the vendor answered`
      : `Waiting for the vendor: ${caseLabel(outcome.value)}`
  await followCases(ctx, account, outcome.value, `vendor-entry:${body.id}`, note)
  return outcome
}

export async function updateVendorCase(
  ctx: RecordContext,
  account: Account,
  caseId: string,
  body: z.output<typeof updateVendorCaseRequestSchema>,
): Promise<Outcome<VendorCase>> {
  const outcome = await editRecord(ctx, account, vendorCaseTable, caseId, (current, at) => {
    if (!isSpecialistRole(account.role)) return refuse('needs_specialist')
    if (current.status === 'closed') return refuse('case_closed')
    return {
      ...current,
      ...(body.caseNumber !== undefined ? { caseNumber: body.caseNumber } : {}),
      ...(body.nextContactOn !== undefined ? { nextContactOn: body.nextContactOn } : {}),
      ...(body.status ? { status: body.status } : {}),
      updatedAt: at,
    }
  })
  if (outcome.ok && body.status === 'closed') {
    await followCases(ctx, account, outcome.value, `vendor-case-closed:${caseId}`, `${caseLabel(outcome.value)} closed`)
  }
  return outcome
}
