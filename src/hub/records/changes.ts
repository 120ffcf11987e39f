import type { z } from 'zod'
import type { Account } from '@shared/auth'
import {
  changeStep,
  type Change,
  type changeActionRequestSchema,
  type createChangeRequestSchema,
} from '@shared/records/change'
import { isSpecialistRole, recordLimits } from '@shared/records/common'
import { authorOf, type RecordContext } from './context'
import { createOnce, editRecord, relinkRecord } from './lifecycle'
import { refuse, type Outcome } from './outcome'
import { countLinks, changeTable, linkChangeTicket, nextRecordNumber, ticketsOf } from './repository'

export function createChange(
  ctx: RecordContext,
  account: Account,
  body: z.output<typeof createChangeRequestSchema>,
): Promise<Outcome<Change>> {
  const organisationId = account.organisation.id
  const existing = () => changeTable.find(ctx.db, organisationId, body.id)
  return createOnce(ctx, account, 'changes', body.id, existing, async (tx, at) => {
    if (!isSpecialistRole(account.role)) return refuse('needs_specialist')
    const ticketIds = [...new Set(body.ticketIds)]
    const tickets = await ticketsOf(tx, organisationId, ticketIds)
    const unknown = ticketIds.find((id) => !tickets.has(id))
    if (unknown) return refuse('unknown_ticket', unknown)
    const inserted = await changeTable.insert(tx, organisationId, {
      id: body.id,
      number: await nextRecordNumber(tx, organisationId, 'change'),
      kind: body.kind,
      title: body.title,
      description: body.description,
      risk: body.risk,
      plannedStart: body.plannedStart,
      plannedEnd: body.plannedEnd,
      state: 'draft',
      author: authorOf(account),
      approval: null,
      rejection: null,
      history: [{ action: 'create', from: null, to: 'draft', by: authorOf(account), at, note: '' }],
      createdAt: at,
      updatedAt: at,
    })
    if (inserted) for (const ticketId of ticketIds) await linkChangeTicket(tx, organisationId, body.id, ticketId, at)
    return inserted
  })
}

/** One step of the change state machine, decided on the locked row so two approvers cannot race. */
export function actOnChange(
  ctx: RecordContext,
  account: Account,
  id: string,
  body: z.output<typeof changeActionRequestSchema>,
): Promise<Outcome<Change>> {
  return editRecord(ctx, account, changeTable, id, (current, at) => {
    const step = changeStep({ ...current, authorId: current.author.id }, body.action, account)
    if (!step.ok) return refuse(step.reason, `${current.kind} change, ${current.state.replaceAll('_', ' ')}`)
    const decision = { by: authorOf(account), at, note: body.note }
    return {
      ...current,
      state: step.state,
      ...(step.records === 'approval' ? { approval: { ...decision, retrospective: step.retrospective } } : {}),
      ...(step.records === 'rejection' ? { rejection: decision } : {}),
      history: [
        ...current.history,
        { action: body.action, from: current.state, to: step.state, by: authorOf(account), at, note: body.note },
      ],
      updatedAt: at,
    }
  })
}

export async function linkTicketToChange(
  ctx: RecordContext,
  account: Account,
  id: string,
  ticketId: string,
): Promise<Outcome<Change>> {
  if (!isSpecialistRole(account.role)) return refuse('needs_specialist')
  return relinkRecord(ctx, account, changeTable.find, id, async (tx, change, at) => {
    const organisationId = account.organisation.id
    if (!(await ticketsOf(tx, organisationId, [ticketId])).has(ticketId)) return refuse('unknown_ticket')
    const linked = change.tickets.some((t) => t.ticketId === ticketId)
    if (!linked && (await countLinks(tx, 'change_tickets', 'change_id', id)) >= recordLimits.linksPerRecord) {
      return refuse('too_many_links')
    }
    await linkChangeTicket(tx, organisationId, id, ticketId, at)
    return null
  })
}
