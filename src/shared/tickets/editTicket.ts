import { defaultCategories, isKnownCategory } from './classification'
import type { EditCommand, TicketCommandOf } from './commands'
import { currentAssignment, escalationTarget, handBackTarget } from './conflicts'
import { eventFactory, type EventBody } from './eventFactory'
import { linkedArticles, maxLinkedArticles } from './knowledge'
import type { Ticket, TrackedField } from './model'
import { priorityFor } from './priority'
import { isTransitionAllowed } from './status'
import { refuse, type ApplyContext, type ApplyResult } from './applyTypes'

/** Every applied edit bumps the version by one and stamps the tracked fields it changed. */
function commit(
  ticket: Ticket,
  changes: Partial<Ticket>,
  touched: readonly TrackedField[],
  bodies: readonly EventBody[],
  command: EditCommand,
  context: ApplyContext,
): ApplyResult {
  if (bodies.length === 0) return { ok: true, ticket, events: [] }
  const version = ticket.version + 1
  const fieldVersions = { ...ticket.fieldVersions }
  for (const field of touched) fieldVersions[field] = { version, changedBy: context.actor.id }
  const event = eventFactory(command, context.actor, context.now)
  return {
    ok: true,
    ticket: { ...ticket, ...changes, version, updatedAt: context.now, fieldVersions },
    events: bodies.map(event),
  }
}

function addNote(ticket: Ticket, command: TicketCommandOf<'add_note'>, context: ApplyContext): ApplyResult {
  const type = command.payload.visibility === 'public' ? 'public_reply' : 'internal_note'
  const { body, attachmentIds } = command.payload
  const payload = attachmentIds?.length ? { body, attachmentIds } : { body }
  return commit(ticket, {}, [], [{ type, payload }], command, context)
}

function logCall(ticket: Ticket, command: TicketCommandOf<'log_call'>, context: ApplyContext): ApplyResult {
  return commit(ticket, {}, [], [{ type: 'call_logged', payload: command.payload }], command, context)
}

function changeStatus(ticket: Ticket, command: TicketCommandOf<'change_status'>, context: ApplyContext): ApplyResult {
  const from = ticket.status
  const to = command.payload.status
  if (!isTransitionAllowed(from, to)) return refuse({ kind: 'invalid_transition', from, to })
  const resolvedAt = to === 'resolved' ? context.now : to === 'reopened' ? null : ticket.resolvedAt
  const note = command.payload.note || null
  const body: EventBody = { type: 'status_changed', payload: { from, to, note } }
  return commit(ticket, { status: to, resolvedAt }, ['status'], [body], command, context)
}

function changePriority(
  ticket: Ticket,
  command: TicketCommandOf<'change_priority'>,
  context: ApplyContext,
): ApplyResult {
  const { priority, note } = command.payload
  const body: EventBody = {
    type: 'field_changed',
    payload: { field: 'priority', from: ticket.priority, to: priority, overrideNote: note },
  }
  return commit(ticket, { priority, priorityOverride: { note } }, ['priority'], [body], command, context)
}

function assign(ticket: Ticket, command: TicketCommandOf<'assign'>, context: ApplyContext): ApplyResult {
  const to = command.payload
  const body: EventBody = {
    type: 'field_changed',
    payload: { field: 'assignment', from: currentAssignment(ticket), to },
  }
  const changes = { level: to.level, group: to.group, assignee: to.assignee }
  return commit(ticket, changes, ['assignee'], [body], command, context)
}

/** A manual priority override survives reclassification; otherwise the matrix decides again. */
function classify(ticket: Ticket, command: TicketCommandOf<'classify'>, context: ApplyContext): ApplyResult {
  const next = command.payload
  if (!isKnownCategory(next.category, context.categories ?? defaultCategories)) {
    return refuse({ kind: 'unknown_category', category: next.category })
  }
  const priority = ticket.priorityOverride ? ticket.priority : priorityFor(next.impact, next.urgency, context.matrix)
  const bodies: EventBody[] = []
  if (next.type !== ticket.type)
    bodies.push({ type: 'field_changed', payload: { field: 'type', from: ticket.type, to: next.type } })
  if (next.category !== ticket.category) {
    bodies.push({ type: 'field_changed', payload: { field: 'category', from: ticket.category, to: next.category } })
  }
  if (next.impact !== ticket.impact) {
    bodies.push({ type: 'field_changed', payload: { field: 'impact', from: ticket.impact, to: next.impact } })
  }
  if (next.urgency !== ticket.urgency) {
    bodies.push({ type: 'field_changed', payload: { field: 'urgency', from: ticket.urgency, to: next.urgency } })
  }
  const priorityChanged = priority !== ticket.priority
  if (priorityChanged) {
    bodies.push({
      type: 'field_changed',
      payload: { field: 'priority', from: ticket.priority, to: priority, overrideNote: null },
    })
  }
  const touched: TrackedField[] = priorityChanged ? ['priority'] : []
  return commit(ticket, { ...next, priority }, touched, bodies, command, context)
}

function linkArticle(ticket: Ticket, command: TicketCommandOf<'link_article'>, context: ApplyContext): ApplyResult {
  const { articleId, title } = command.payload
  if (ticket.status === 'closed') return refuse({ kind: 'ticket_closed' })
  if (context.knownArticles && !context.knownArticles.has(articleId)) {
    return refuse({ kind: 'unknown_article', articleId })
  }
  const articles = linkedArticles(ticket)
  if (articles.length >= maxLinkedArticles) return refuse({ kind: 'too_many_articles' })
  const body: EventBody = { type: 'article_linked', payload: { articleId, title } }
  const linked = [...articles, { id: articleId, title, verdict: null }]
  return commit(ticket, { articles: linked }, [], [body], command, context)
}

/** A verdict is given per ticket on an article linked to it; giving another replaces it. */
function rateArticle(ticket: Ticket, command: TicketCommandOf<'rate_article'>, context: ApplyContext): ApplyResult {
  const { articleId, verdict } = command.payload
  const articles = linkedArticles(ticket)
  const linked = articles.find((article) => article.id === articleId)
  if (!linked) return refuse({ kind: 'article_not_linked', articleId })
  if (ticket.status === 'closed') return refuse({ kind: 'ticket_closed' })
  const body: EventBody = { type: 'article_rated', payload: { articleId, title: linked.title, verdict } }
  const rated = articles.map((article) => (article.id === articleId ? { ...article, verdict } : article))
  return commit(ticket, { articles: rated }, [], [body], command, context)
}

function escalate(ticket: Ticket, command: TicketCommandOf<'escalate'>, context: ApplyContext): ApplyResult {
  const { handoff } = command.payload
  if (context.groups && !context.groups.includes(handoff.targetGroup)) {
    return refuse({ kind: 'unknown_group', group: handoff.targetGroup })
  }
  const to = escalationTarget(handoff.targetGroup)
  const body: EventBody = { type: 'escalated', payload: { handoff, from: currentAssignment(ticket), to } }
  const changes = { level: to.level, group: to.group, assignee: to.assignee }
  // A ticket 1st level has worked on is no longer new: the group receives it in progress.
  if (ticket.status === 'new') {
    const started: EventBody = { type: 'status_changed', payload: { from: 'new', to: 'in_progress', note: null } }
    return commit(
      ticket,
      { ...changes, status: 'in_progress' },
      ['assignee', 'status'],
      [body, started],
      command,
      context,
    )
  }
  return commit(ticket, changes, ['assignee'], [body], command, context)
}

function handBack(ticket: Ticket, command: TicketCommandOf<'hand_back'>, context: ApplyContext): ApplyResult {
  const to = handBackTarget
  const body: EventBody = {
    type: 'handed_back',
    payload: { note: command.payload.note, from: currentAssignment(ticket), to },
  }
  const changes = { level: to.level, group: to.group, assignee: to.assignee }
  return commit(ticket, changes, ['assignee'], [body], command, context)
}

function setMajorIncident(
  ticket: Ticket,
  command: TicketCommandOf<'set_major_incident'>,
  context: ApplyContext,
): ApplyResult {
  const { payload } = command
  const majorIncident = payload.major
    ? { reason: payload.reason, declaredAt: context.now, declaredBy: context.actor.name }
    : null
  const body: EventBody = {
    type: 'major_incident',
    payload: { major: payload.major, reason: payload.major ? payload.reason : null },
  }
  return commit(ticket, { majorIncident }, [], [body], command, context)
}

export function editTicket(ticket: Ticket, command: EditCommand, context: ApplyContext): ApplyResult {
  switch (command.type) {
    case 'add_note':
      return addNote(ticket, command, context)
    case 'log_call':
      return logCall(ticket, command, context)
    case 'change_status':
      return changeStatus(ticket, command, context)
    case 'change_priority':
      return changePriority(ticket, command, context)
    case 'assign':
      return assign(ticket, command, context)
    case 'classify':
      return classify(ticket, command, context)
    case 'escalate':
      return escalate(ticket, command, context)
    case 'hand_back':
      return handBack(ticket, command, context)
    case 'set_major_incident':
      return setMajorIncident(ticket, command, context)
    case 'link_article':
      return linkArticle(ticket, command, context)
    case 'rate_article':
      return rateArticle(ticket, command, context)
  }
}
