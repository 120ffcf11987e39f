import type { Account } from '@shared/auth'
import { describeZodError } from '@shared/errors'
import { describeUnstorable, findUnstorable } from '@shared/text'
import type { CommandResult } from '@shared/sync'
import { applyCommand, type ApplyError } from '@shared/tickets/apply'
import { ticketCommandSchema, type TicketCommand } from '@shared/tickets/commands'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { isPublishedArticle, recordArticleFeedback } from '../kb/feedback'
import { linkAttachments } from '../attachments/repository'
import { queueTicketMail } from '../mail/outbox'
import type { Database, Queryable } from '../storage/db'
import { groupIds } from '../groups/repository'
import { checkReferences } from './references'
import {
  findAppliedCommand,
  findTicket,
  insertEvents,
  lockOrganisation,
  nextChangeSeq,
  nextTicketNumber,
  recordAppliedCommand,
  saveTicket,
  ticketBelongsElsewhere,
} from './repository'

const messages: Record<ApplyError['kind'], string> = {
  unknown_ticket: 'There is no such ticket.',
  ticket_exists: 'A ticket with this id exists already.',
  ticket_mismatch: 'The command names another ticket.',
  version_ahead: 'The command is based on a ticket version the hub has never had.',
  forbidden: 'Your role may not make this change.',
  ticket_closed: 'The ticket is closed.',
  invalid_transition: 'This status change is not allowed.',
  unknown_category: 'This category does not exist.',
  unknown_article: 'Your organisation has no published knowledge-base article with this id.',
  article_not_linked: 'Link the article to the ticket before rating it.',
  too_many_articles: 'This ticket has as many linked articles as it may have.',
  unknown_group: 'There is no such specialist group.',
  conflict: 'Someone else changed this field meanwhile.',
}

function describeApplyError(error: ApplyError): string {
  switch (error.kind) {
    case 'forbidden':
      return `${messages.forbidden} (${error.reason.replaceAll('_', ' ')})`
    case 'invalid_transition':
      return `${messages.invalid_transition} (${error.from} → ${error.to})`
    case 'unknown_category':
      return `${messages.unknown_category} (${error.category})`
    case 'unknown_group':
      return `${messages.unknown_group} (${error.group})`
    default:
      return messages[error.kind]
  }
}

/**
 * Applies each command at most once, in order, each in its own transaction with its idempotency
 * record. A repeated command id answers with the first outcome and changes nothing. One command
 * never fails the batch: a malformed one is rejected with its reason, and one the storage failed
 * on is answered `failed` (with the later commands of its ticket held back, so they keep their
 * order) while every other command still applies.
 */
export async function pushCommands(
  db: Database,
  account: Account,
  raw: unknown[],
  now: () => Date = () => new Date(),
  log: (message: string) => void = () => undefined,
): Promise<CommandResult[]> {
  const results: CommandResult[] = []
  const failedTickets = new Set<string>()
  for (const item of raw) {
    const unstorable = findUnstorable(item)
    const parsed = ticketCommandSchema.safeParse(item)
    if (unstorable || !parsed.success) {
      const commandId = typeof item === 'object' && item !== null && 'commandId' in item ? item.commandId : null
      results.push({
        status: 'rejected',
        commandId: typeof commandId === 'string' && /^[0-9a-f-]{36}$/i.test(commandId) ? commandId : null,
        error: 'invalid_command',
        message: unstorable ? describeUnstorable(unstorable) : describeZodError(parsed.error!),
      })
      continue
    }
    const command = parsed.data
    if (failedTickets.has(command.ticketId)) {
      results.push({
        status: 'failed',
        commandId: command.commandId,
        ticketId: command.ticketId,
        error: 'held_back',
        message: 'An earlier edit of this ticket has not reached the hub yet.',
      })
      continue
    }
    try {
      results.push(await applyOne(db, account, command, now()))
    } catch (error) {
      // The statement and its parameters (ticket text) stay out of the log.
      log(`command ${command.commandId} (${command.type}) failed in storage: ${storageErrorName(error)}`)
      failedTickets.add(command.ticketId)
      results.push({
        status: 'failed',
        commandId: command.commandId,
        ticketId: command.ticketId,
        error: 'storage_failed',
        message: 'The hub could not store this edit just now; it is sent again.',
      })
    }
  }
  return results
}

function storageErrorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, name } = error as { code?: unknown; name?: unknown }
    return [typeof name === 'string' ? name : 'Error', typeof code === 'string' ? code : null].filter(Boolean).join(' ')
  }
  return 'unknown error'
}

function applyOne(db: Database, account: Account, command: TicketCommand, now: Date): Promise<CommandResult> {
  return db.transaction((tx) => applyInTransaction(tx, account, command, now))
}

/**
 * Applies one parsed command inside the caller's transaction, with its idempotency record, under
 * the organisation's lock. For hub code that makes a ticket change as part of a larger write (a
 * session accept creating its ticket); the sync's push runs each command in a transaction of its own.
 */
export async function applyInTransaction(
  tx: Queryable,
  account: Account,
  command: TicketCommand,
  now: Date,
): Promise<CommandResult> {
  const organisationId = account.organisation.id
  await lockOrganisation(tx, organisationId)
  const earlier = await findAppliedCommand(tx, command.commandId)
  if (earlier) {
    if (earlier.organisationId !== organisationId || earlier.ticketId !== command.ticketId) {
      return {
        status: 'rejected',
        commandId: command.commandId,
        error: 'command_id_reused',
        message: 'This command id was used for another command.',
      }
    }
    return {
      status: 'applied',
      commandId: command.commandId,
      ticketId: earlier.ticketId,
      ticketVersion: earlier.ticketVersion,
      duplicate: true,
    }
  }
  if (await ticketBelongsElsewhere(tx, organisationId, command.ticketId)) {
    return {
      status: 'rejected',
      commandId: command.commandId,
      error: 'unknown_ticket',
      message: messages.unknown_ticket,
    }
  }
  const checked = await checkReferences(tx, organisationId, command)
  if (!checked.ok) {
    return { status: 'rejected', commandId: command.commandId, error: checked.error, message: checked.message }
  }
  command = checked.command
  const ticket = await findTicket(tx, organisationId, command.ticketId)
  const outcome = applyCommand(ticket, command, {
    actor: { id: account.id, name: account.displayName, role: account.role },
    now: now.toISOString(),
    matrix: defaultPriorityMatrix,
    ...(command.type === 'escalate' ? { groups: await groupIds(tx, organisationId) } : {}),
    ...(command.type === 'create_ticket' && !ticket
      ? { ticketNumber: await nextTicketNumber(tx, organisationId) }
      : {}),
    ...(command.type === 'link_article'
      ? {
          knownArticles: new Set(
            (await isPublishedArticle(tx, organisationId, command.payload.articleId))
              ? [command.payload.articleId]
              : [],
          ),
        }
      : {}),
  })
  if (!outcome.ok) {
    const error = outcome.error
    if (error.kind === 'conflict') {
      return {
        status: 'conflict',
        commandId: command.commandId,
        ticketId: command.ticketId,
        field: error.field,
        yours: error.yours,
        theirs: error.theirs,
      }
    }
    return { status: 'rejected', commandId: command.commandId, error: error.kind, message: describeApplyError(error) }
  }
  if (outcome.ticket !== ticket) {
    const seq = await nextChangeSeq(tx)
    await saveTicket(tx, organisationId, outcome.ticket, seq)
    await insertEvents(tx, organisationId, outcome.events, seq)
    for (const event of outcome.events) {
      if ((event.type === 'public_reply' || event.type === 'internal_note') && event.payload.attachmentIds) {
        await linkAttachments(tx, organisationId, event.payload.attachmentIds, event.id)
      }
    }
    // The requester's mails commit with the events they tell about, or not at all.
    await queueTicketMail(tx, organisationId, outcome.ticket, outcome.events)
    await recordArticleFeedback(tx, organisationId, command, now.toISOString())
  }
  await recordAppliedCommand(tx, {
    commandId: command.commandId,
    organisationId,
    ticketId: command.ticketId,
    accountId: account.id,
    type: command.type,
    ticketVersion: outcome.ticket.version,
    deviceTime: command.deviceTime,
  })
  return {
    status: 'applied',
    commandId: command.commandId,
    ticketId: command.ticketId,
    ticketVersion: outcome.ticket.version,
    duplicate: false,
  }
}
