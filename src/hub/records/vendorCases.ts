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
import { refuse, success, type Outcome } from './outcome'
import { findVendorCase, insertVendorCase, recordOwner, saveVendorCase, vendorCasesOfTicket } from './repository'

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
  const ticket = await findTicket(ctx.db, organisationId, ticketId)
  if (!ticket) return refuse('unknown_ticket')
  const owner = await recordOwner(ctx.db, 'vendor_cases', body.id)
  let vendorCase = owner === organisationId ? await findVendorCase(ctx.db, organisationId, body.id) : null
  if (owner && (!vendorCase || vendorCase.ticketId !== ticketId)) return refuse('id_taken')
  if (!vendorCase) {
    const refusal = openVendorCaseRefusal(account.role, ticket.status)
    if (refusal) return refuse(refusal)
    const at = ctx.stamp()
    const message = body.message.trim()
    vendorCase = {
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
    }
    await insertVendorCase(ctx.db, organisationId, vendorCase)
    ctx.recordsChanged(account)
  }
  // Also on a repeated request: the derived command id makes the status change happen once.
  await followCases(
    ctx,
    account,
    vendorCase,
    `vendor-case:${vendorCase.id}`,
    `Waiting for the vendor: ${caseLabel(vendorCase)} opened`,
  )
  return success(vendorCase)
}

export async function logVendorEntry(
  ctx: RecordContext,
  account: Account,
  caseId: string,
  body: z.output<typeof logVendorEntryRequestSchema>,
): Promise<Outcome<VendorCase>> {
  const organisationId = account.organisation.id
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome<VendorCase> & { fresh?: boolean }> => {
    const current = await findVendorCase(tx, organisationId, caseId, true)
    if (!current) return refuse('not_found')
    if (current.entries.some((entry) => entry.id === body.id)) return success(current)
    const refusal = logVendorEntryRefusal(account.role, current)
    if (refusal) return refuse(refusal)
    const at = ctx.stamp()
    const next: VendorCase = {
      ...current,
      status: caseStatusAfterEntry(body.direction),
      updatedAt: at,
      entries: [
        ...current.entries,
        { id: body.id, direction: body.direction, body: body.body, at, author: authorOf(account) },
      ],
    }
    await saveVendorCase(tx, next)
    return { ...success(next), fresh: true }
  })
  if (!outcome.ok) return outcome
  if (outcome.fresh) ctx.recordsChanged(account)
  const entry = outcome.value.entries.find((e) => e.id === body.id)
  const note =
    entry?.direction === 'from_vendor'
      ? `${caseLabel(outcome.value)}: the vendor answered`
      : `Waiting for the vendor: ${caseLabel(outcome.value)}`
  await followCases(ctx, account, outcome.value, `vendor-entry:${body.id}`, note)
  return success(outcome.value)
}

export async function updateVendorCase(
  ctx: RecordContext,
  account: Account,
  caseId: string,
  body: z.output<typeof updateVendorCaseRequestSchema>,
): Promise<Outcome<VendorCase>> {
  const organisationId = account.organisation.id
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome<VendorCase>> => {
    const current = await findVendorCase(tx, organisationId, caseId, true)
    if (!current) return refuse('not_found')
    if (!isSpecialistRole(account.role)) return refuse('needs_specialist')
    if (current.status === 'closed') return refuse('case_closed')
    const next: VendorCase = {
      ...current,
      ...(body.caseNumber !== undefined ? { caseNumber: body.caseNumber } : {}),
      ...(body.nextContactOn !== undefined ? { nextContactOn: body.nextContactOn } : {}),
      ...(body.status ? { status: body.status } : {}),
      updatedAt: ctx.stamp(),
    }
    await saveVendorCase(tx, next)
    return success(next)
  })
  if (!outcome.ok) return outcome
  ctx.recordsChanged(account)
  if (body.status === 'closed') {
    await followCases(ctx, account, outcome.value, `vendor-case-closed:${caseId}`, `${caseLabel(outcome.value)} closed`)
  }
  return outcome
}
