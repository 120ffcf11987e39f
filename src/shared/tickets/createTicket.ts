import { defaultCategories, isKnownCategory } from './classification'
import type { TicketCommandOf } from './commands'
import { eventFactory } from './eventFactory'
import type { Ticket } from './model'
import { priorityFor } from './priority'
import { refuse, type ApplyContext, type ApplyResult } from './applyTypes'

export function createTicket(command: TicketCommandOf<'create_ticket'>, context: ApplyContext): ApplyResult {
  const { payload } = command
  const { actor, now } = context
  if (!isKnownCategory(payload.category, context.categories ?? defaultCategories)) {
    return refuse({ kind: 'unknown_category', category: payload.category })
  }
  const priority = priorityFor(payload.impact, payload.urgency, context.matrix)
  const stamp = { version: 1, changedBy: actor.id }
  const ticket: Ticket = {
    id: command.ticketId,
    number: context.ticketNumber ?? null,
    version: 1,
    subject: payload.subject,
    description: payload.description,
    type: payload.type,
    category: payload.category,
    channel: payload.channel,
    impact: payload.impact,
    urgency: payload.urgency,
    priority,
    priorityOverride: null,
    status: 'new',
    level: 1,
    group: null,
    assignee: null,
    requester: payload.requester,
    links: payload.links,
    tags: payload.tags,
    createdAt: now,
    updatedAt: now,
    resolvedAt: null,
    majorIncident: null,
    fieldVersions: { status: stamp, assignee: stamp, priority: stamp },
  }
  const event = eventFactory(command, actor, now)
  const created = event({
    type: 'created',
    payload: {
      subject: ticket.subject,
      description: ticket.description,
      type: ticket.type,
      category: ticket.category,
      channel: ticket.channel,
      impact: ticket.impact,
      urgency: ticket.urgency,
      priority,
      requester: ticket.requester,
      links: ticket.links,
      tags: ticket.tags,
      assignment: { level: ticket.level, group: ticket.group, assignee: ticket.assignee },
    },
  })
  return { ok: true, ticket, events: [created] }
}
