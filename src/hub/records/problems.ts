import type { z } from 'zod'
import type { Account } from '@shared/auth'
import type { IncidentOutcome, ResolveProblemResponse } from '@shared/records/api'
import { formatRecordNumber } from '@shared/records/common'
import {
  type IncidentFollowUp,
  linkRefusal,
  problemRefusal,
  resolutionNotice,
  type createProblemRequestSchema,
  type knownErrorRequestSchema,
  type Problem,
  type resolveProblemRequestSchema,
  type updateProblemRequestSchema,
} from '@shared/records/problem'
import { ticketCommandSchema } from '@shared/tickets/commands'
import { ticketLimits } from '@shared/tickets/limits'
import { isFinished } from '@shared/tickets/status'
import type { Queryable } from '../storage/db'
import { findTicket, lockOrganisation } from '../tickets/repository'
import { applyInTransaction } from '../tickets/service'
import { authorOf, type RecordContext } from './context'
import { createOnce, editRecord, relinkRecord } from './lifecycle'
import { refuse, success, type Failure, type Outcome } from './outcome'
import {
  countLinks,
  linkIncident,
  nextRecordNumber,
  problemIdOfTicket,
  problemTable,
  ticketsOf,
  unlinkIncident,
} from './repository'
import { derivedCommandId, type TicketEdit } from './ticketEffects'

/** A ticket note has its own limit; a long resolution is cut with an ellipsis rather than refused. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/** Every id must be an incident of this organisation not linked to another problem. */
async function checkIncidents(
  db: Queryable,
  organisationId: string,
  problemId: string,
  ticketIds: readonly string[],
  alreadyLinked: number,
): Promise<Failure | null> {
  const tickets = await ticketsOf(db, organisationId, ticketIds)
  let links = alreadyLinked
  for (const ticketId of new Set(ticketIds)) {
    const ticket = tickets.get(ticketId)
    if (!ticket) return refuse('unknown_ticket', ticketId)
    const linked = await problemIdOfTicket(db, ticketId)
    const refusal = linkRefusal(ticket.type, linked, problemId, links)
    if (refusal) return refuse(refusal, ticketId)
    if (linked === null) links++
  }
  return null
}

export function createProblem(
  ctx: RecordContext,
  account: Account,
  body: z.output<typeof createProblemRequestSchema>,
): Promise<Outcome<Problem>> {
  const organisationId = account.organisation.id
  const existing = () => problemTable.find(ctx.db, organisationId, body.id)
  return createOnce(ctx, account, 'problems', body.id, existing, async (tx, at) => {
    const refusal = problemRefusal(account.role, 'create', null)
    if (refusal) return refuse(refusal)
    const failure = await checkIncidents(tx, organisationId, body.id, body.ticketIds, 0)
    if (failure) return failure
    const inserted = await problemTable.insert(tx, organisationId, {
      id: body.id,
      number: await nextRecordNumber(tx, organisationId, 'problem'),
      title: body.title,
      description: body.description,
      status: 'open',
      rootCause: '',
      workaround: '',
      resolution: '',
      author: authorOf(account),
      createdAt: at,
      updatedAt: at,
      resolvedAt: null,
    })
    if (inserted) {
      for (const ticketId of new Set(body.ticketIds)) await linkIncident(tx, organisationId, body.id, ticketId, at)
    }
    return inserted
  })
}

/** Checks the rule for `action` on the locked problem, and saves what `change` makes of it. */
function editProblem(
  ctx: RecordContext,
  account: Account,
  id: string,
  action: 'edit' | 'known_error' | 'resolve',
  change: (problem: Problem, at: string) => Problem,
): Promise<Outcome<Problem>> {
  return editRecord(ctx, account, problemTable, id, (current, at) => {
    const refusal = problemRefusal(account.role, action, current.status)
    return refusal ? refuse(refusal) : change(current, at)
  })
}

export function updateProblem(
  ctx: RecordContext,
  account: Account,
  id: string,
  body: z.output<typeof updateProblemRequestSchema>,
): Promise<Outcome<Problem>> {
  return editProblem(ctx, account, id, 'edit', (problem, at) => ({ ...problem, ...body, updatedAt: at }))
}

export function markKnownError(
  ctx: RecordContext,
  account: Account,
  id: string,
  body: z.output<typeof knownErrorRequestSchema>,
): Promise<Outcome<Problem>> {
  return editProblem(ctx, account, id, 'known_error', (problem, at) => ({
    ...problem,
    status: 'known_error',
    rootCause: body.rootCause || problem.rootCause,
    workaround: body.workaround,
    updatedAt: at,
  }))
}

export function linkProblemIncident(
  ctx: RecordContext,
  account: Account,
  id: string,
  ticketId: string,
): Promise<Outcome<Problem>> {
  return relinkRecord(ctx, account, problemTable.find, id, async (tx, problem, at) => {
    const refusal = problemRefusal(account.role, 'link', problem.status)
    if (refusal) return refuse(refusal)
    const linked = await countLinks(tx, 'problem_incidents', 'problem_id', id)
    const failure = await checkIncidents(tx, account.organisation.id, id, [ticketId], linked)
    if (failure) return failure
    await linkIncident(tx, account.organisation.id, id, ticketId, at)
    return null
  })
}

export function unlinkProblemIncident(
  ctx: RecordContext,
  account: Account,
  id: string,
  ticketId: string,
): Promise<Outcome<Problem>> {
  return relinkRecord(ctx, account, problemTable.find, id, async (tx, problem) => {
    const refusal = problemRefusal(account.role, 'unlink', problem.status)
    if (refusal) return refuse(refusal)
    const unlinked = await unlinkIncident(tx, id, ticketId)
    return unlinked ? null : refuse('unknown_ticket', 'not linked to this problem')
  })
}

/**
 * Resolves the problem and resolves or notifies each linked incident by a real ticket command, all
 * in one transaction: a request cut off halfway leaves everything as it was and can be sent again,
 * and a resolved problem's resolve is refused (409) rather than run a second time.
 */
export async function resolveProblem(
  ctx: RecordContext,
  account: Account,
  id: string,
  body: z.output<typeof resolveProblemRequestSchema>,
): Promise<Outcome<ResolveProblemResponse>> {
  const organisationId = account.organisation.id
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome<{ incidents: IncidentOutcome[] }>> => {
    // The ticket commands below take the organisation's lock; taking it before the problem's row
    // keeps the one lock order (organisation, then record) every writer uses.
    await lockOrganisation(tx, organisationId)
    const current = await problemTable.find(tx, organisationId, id, true)
    if (!current) return refuse('not_found')
    const refusal = problemRefusal(account.role, 'resolve', current.status)
    if (refusal) return refuse(refusal)
    const at = ctx.stamp()
    const problem: Problem = {
      ...current,
      status: 'resolved',
      resolution: body.resolution,
      resolvedAt: at,
      updatedAt: at,
    }
    await problemTable.save(tx, problem)
    const notice = resolutionNotice(formatRecordNumber('PRB', problem.number), problem.title, problem.resolution)
    const incidents: IncidentOutcome[] = []
    for (const { ticketId } of problem.incidents) {
      incidents.push(
        await followUpIncident(ctx, tx, account, { problemId: id, ticketId, notice, mode: body.incidents }),
      )
    }
    return success({ incidents })
  })
  if (!outcome.ok) return outcome
  ctx.recordsChanged(account)
  const { incidents } = outcome.value
  if (incidents.some((incident) => incident.outcome === 'resolved' || incident.outcome === 'notified')) {
    await ctx.ticketsChanged(account)
  }
  const fresh = (await problemTable.find(ctx.db, organisationId, id))!
  return success({ problem: fresh, incidents })
}

/** One linked incident's follow-up, inside the resolve's transaction. */
async function followUpIncident(
  ctx: RecordContext,
  tx: Queryable,
  account: Account,
  {
    problemId,
    ticketId,
    notice,
    mode,
  }: { problemId: string; ticketId: string; notice: string; mode: IncidentFollowUp },
): Promise<IncidentOutcome> {
  if (mode === 'none') return { ticketId, outcome: 'unchanged', message: null }
  const ticket = await findTicket(tx, account.organisation.id, ticketId)
  if (!ticket) return { ticketId, outcome: 'refused', message: 'There is no such ticket.' }
  if (mode === 'resolve' && isFinished(ticket.status))
    return { ticketId, outcome: 'unchanged', message: 'already resolved' }
  const edit: TicketEdit =
    mode === 'resolve'
      ? { type: 'change_status', payload: { status: 'resolved', note: clip(notice, ticketLimits.statusNote) } }
      : { type: 'add_note', payload: { visibility: 'public', body: clip(notice, ticketLimits.noteBody) } }
  const command = ticketCommandSchema.parse({
    commandId: await derivedCommandId(tx, `problem:${problemId}:${mode}:${ticketId}`),
    ticketId,
    baseVersion: ticket.version,
    deviceTime: ctx.stamp(),
    ...edit,
  })
  const result = await applyInTransaction(tx, account, command, ctx.now())
  if (result.status === 'applied')
    return { ticketId, outcome: mode === 'resolve' ? 'resolved' : 'notified', message: null }
  return {
    ticketId,
    outcome: 'refused',
    message: result.status === 'rejected' ? result.message : 'changed meanwhile',
  }
}
