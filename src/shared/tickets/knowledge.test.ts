import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { applyCommand, type ApplyContext, type ApplyResult } from './apply'
import { ticketCommandSchema, type TicketCommand } from './commands'
import { isKnowledgeAssisted, maxLinkedArticles } from './knowledge'
import type { Ticket } from './model'
import type { Actor } from './people'
import { defaultPriorityMatrix } from './priority'

const anna: Actor = { id: randomUUID(), name: 'Anna Agent', role: 'agent' }
const ticketId = randomUUID()
const at = '2025-03-03T09:00:00.000Z'
const context = (extra: Partial<ApplyContext> = {}): ApplyContext => ({
  actor: anna,
  now: at,
  matrix: defaultPriorityMatrix,
  ...extra,
})

const command = (type: string, payload: unknown, baseVersion: number | null): TicketCommand =>
  ticketCommandSchema.parse({ commandId: randomUUID(), ticketId, baseVersion, deviceTime: at, type, payload })

function accepted(result: ApplyResult): Extract<ApplyResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the command to apply, got ${JSON.stringify(result.error)}`)
  return result
}

function newTicket(): Ticket {
  const create = command(
    'create_ticket',
    {
      subject: 'Disk full',
      description: '',
      channel: 'phone',
      requester: { name: 'Eva Klein', email: null, phone: null, device: null },
      type: 'incident',
      category: 'hardware',
      impact: 'low',
      urgency: 'low',
    },
    null,
  )
  return accepted(applyCommand(null, create, context())).ticket
}

const disk = randomUUID()
const link = (ticket: Ticket, articleId = disk) =>
  command('link_article', { articleId, title: 'Disk full: free up space' }, ticket.version)
const rate = (ticket: Ticket, verdict: string, articleId = disk) =>
  command('rate_article', { articleId, verdict }, ticket.version)

describe('linking and rating knowledge-base articles', () => {
  it('links an article with an event, and a second link of it changes nothing', () => {
    const linked = accepted(applyCommand(newTicket(), link(newTicket()), context()))
    expect(linked.ticket.articles).toEqual([{ id: disk, title: 'Disk full: free up space', verdict: null }])
    expect(linked.ticket.version).toBe(2)
    expect(linked.events.map((e) => e.type)).toEqual(['article_linked'])
    const again = accepted(applyCommand(linked.ticket, link(linked.ticket), context()))
    expect(again).toEqual({ ok: true, ticket: linked.ticket, events: [] })
  })

  it('refuses an article the hub does not know, but the Console (no list given) links what it found', () => {
    const ticket = newTicket()
    expect(applyCommand(ticket, link(ticket), context({ knownArticles: new Set([randomUUID()]) }))).toEqual({
      ok: false,
      error: { kind: 'unknown_article', articleId: disk },
    })
    expect(
      accepted(applyCommand(ticket, link(ticket), context({ knownArticles: new Set([disk]) }))).events,
    ).toHaveLength(1)
  })

  it('rates only linked articles, keeps the latest verdict, and ignores the same verdict twice', () => {
    const ticket = newTicket()
    expect(applyCommand(ticket, rate(ticket, 'solved'), context())).toEqual({
      ok: false,
      error: { kind: 'article_not_linked', articleId: disk },
    })
    const linked = accepted(applyCommand(ticket, link(ticket), context())).ticket
    const helped = accepted(applyCommand(linked, rate(linked, 'solved'), context()))
    expect(helped.events[0]).toMatchObject({ type: 'article_rated', payload: { articleId: disk, verdict: 'solved' } })
    expect(accepted(applyCommand(helped.ticket, rate(helped.ticket, 'solved'), context())).events).toEqual([])
    const changed = accepted(applyCommand(helped.ticket, rate(helped.ticket, 'not_helpful'), context())).ticket
    expect(changed.articles).toEqual([{ id: disk, title: 'Disk full: free up space', verdict: 'not_helpful' }])
  })

  it('refuses links on closed tickets and beyond the limit', () => {
    let ticket = newTicket()
    for (let i = 0; i < maxLinkedArticles; i++)
      ticket = accepted(applyCommand(ticket, link(ticket, randomUUID()), context())).ticket
    expect(applyCommand(ticket, link(ticket), context())).toEqual({ ok: false, error: { kind: 'too_many_articles' } })
    const resolved = accepted(
      applyCommand(ticket, command('change_status', { status: 'resolved' }, ticket.version), context()),
    ).ticket
    const closed = accepted(
      applyCommand(resolved, command('change_status', { status: 'closed' }, resolved.version), context()),
    ).ticket
    expect(applyCommand(closed, link(closed, randomUUID()), context())).toEqual({
      ok: false,
      error: { kind: 'ticket_closed' },
    })
  })

  it('lets an agent link articles on a ticket already at 2nd level, like notes', () => {
    const ticket = { ...newTicket(), level: 2 as const, group: 'Workplace' }
    expect(accepted(applyCommand(ticket, link(ticket), context())).events).toHaveLength(1)
  })

  it('counts a finished ticket with a linked article as knowledge-assisted', () => {
    const ticket = newTicket()
    const linked = accepted(applyCommand(ticket, link(ticket), context())).ticket
    expect(isKnowledgeAssisted(linked)).toBe(false)
    const resolved = accepted(
      applyCommand(linked, command('change_status', { status: 'resolved' }, linked.version), context()),
    ).ticket
    expect(isKnowledgeAssisted(resolved)).toBe(true)
    const plain = accepted(applyCommand(ticket, command('change_status', { status: 'resolved' }, 1), context())).ticket
    expect(isKnowledgeAssisted(plain)).toBe(false)
  })
})
