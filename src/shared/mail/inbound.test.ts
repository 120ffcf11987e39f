import { describe, expect, it } from 'vitest'
import {
  cleanSubject,
  decideIntake,
  defaultIntakeSettings,
  guessLanguage,
  ticketNumberInSubject,
  timelineText,
  type InboundMessage,
  type IntakeContext,
  type TicketFacts,
} from './inbound'

const now = new Date('2026-11-29T12:00:00Z')
const message = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  messageId: 'm1@example.com',
  inReplyTo: null,
  references: [],
  from: { address: 'anna@kunde.de', name: 'Anna' },
  subject: 'Printer',
  text: 'It jams.',
  autoReply: null,
  bulk: false,
  bounce: null,
  ...over,
})
const context = (over: Partial<IntakeContext> = {}): IntakeContext => ({
  ownAddresses: ['support@desk.test'],
  threadedTicket: null,
  tokenTicket: null,
  recentNewTickets: 0,
  settings: defaultIntakeSettings,
  now,
  ...over,
})
const ticket = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  id: '5f7d0c1e-1111-4222-8333-944455556666',
  number: 42,
  status: 'in_progress',
  resolvedAt: null,
  ...over,
})
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()

describe('decideIntake', () => {
  it('opens a new ticket for mail that names no ticket', () => {
    expect(decideIntake(message(), context())).toEqual({ kind: 'new', followUpOf: null })
  })

  it('threads a reply onto the ticket its headers name, before the subject token', () => {
    const byHeaders = ticket({ id: 'a0000000-0000-4000-8000-000000000001' })
    const byToken = ticket({ id: 'a0000000-0000-4000-8000-000000000002' })
    expect(decideIntake(message(), context({ threadedTicket: byHeaders, tokenTicket: byToken }))).toMatchObject({
      kind: 'reply',
      ticket: { id: byHeaders.id },
    })
    expect(decideIntake(message(), context({ tokenTicket: byToken }))).toMatchObject({
      kind: 'reply',
      ticket: { id: byToken.id },
    })
  })

  it('moves a ticket waiting for the user back into work', () => {
    expect(decideIntake(message(), context({ tokenTicket: ticket({ status: 'waiting_for_user' }) }))).toMatchObject({
      kind: 'reply',
      reopen: false,
      resume: true,
    })
  })

  it('reopens a ticket resolved within the reopen window, else starts a linked new one', () => {
    const recent = ticket({ status: 'resolved', resolvedAt: daysAgo(13) })
    expect(decideIntake(message(), context({ tokenTicket: recent }))).toMatchObject({ kind: 'reply', reopen: true })
    const old = ticket({ status: 'resolved', resolvedAt: daysAgo(15) })
    expect(decideIntake(message(), context({ tokenTicket: old }))).toEqual({ kind: 'new', followUpOf: old })
    const shortWindow = { ...defaultIntakeSettings, reopenWindowDays: 3 }
    expect(decideIntake(message(), context({ tokenTicket: recent, settings: shortWindow }))).toMatchObject({
      kind: 'new',
    })
  })

  it('never reopens a closed ticket: that is for admins', () => {
    const closed = ticket({ status: 'closed', resolvedAt: daysAgo(1) })
    expect(decideIntake(message(), context({ threadedTicket: closed }))).toEqual({ kind: 'new', followUpOf: closed })
  })

  it('ignores our own mail, auto-replies and bulk mail, even when they name a ticket', () => {
    const own = message({ from: { address: 'Support@Desk.test', name: null } })
    expect(decideIntake(own, context({ tokenTicket: ticket() }))).toEqual({ kind: 'ignore', reason: 'own_mail' })
    expect(decideIntake(message({ autoReply: 'out_of_office' }), context({ tokenTicket: ticket() }))).toEqual({
      kind: 'ignore',
      reason: 'auto_reply',
    })
    expect(decideIntake(message({ bulk: true }), context())).toEqual({ kind: 'ignore', reason: 'bulk' })
    expect(decideIntake(message({ from: null }), context())).toEqual({ kind: 'ignore', reason: 'no_sender' })
  })

  it('takes a bounce as news about an address, although it is machine mail', () => {
    const bounce = { recipient: 'gone@kunde.de', status: '5.1.1', diagnostic: 'User unknown' }
    expect(decideIntake(message({ bounce, autoReply: 'auto_submitted' }), context())).toEqual({
      kind: 'bounce',
      ...bounce,
    })
  })

  it('limits new tickets per sender, never replies to existing ones', () => {
    const limit = defaultIntakeSettings.newTicketsPerHour
    expect(decideIntake(message(), context({ recentNewTickets: limit - 1 }))).toMatchObject({ kind: 'new' })
    expect(decideIntake(message(), context({ recentNewTickets: limit }))).toEqual({
      kind: 'ignore',
      reason: 'rate_limited',
    })
    expect(decideIntake(message(), context({ recentNewTickets: limit, tokenTicket: ticket() }))).toMatchObject({
      kind: 'reply',
    })
  })
})

describe('subjects', () => {
  it('finds the ticket token and cleans reply prefixes in English and German', () => {
    expect(ticketNumberInSubject('RE: [T-000123] Laptop')).toBe(123)
    expect(ticketNumberInSubject('AW: Laptop [t-7]')).toBe(7)
    expect(ticketNumberInSubject('T-000123 Laptop')).toBeNull()
    expect(cleanSubject('AW: WG: Re: [T-000123] Laptop lädt nicht')).toBe('Laptop lädt nicht')
  })
})

describe('timelineText', () => {
  it('cuts quoted lines, "On … wrote:", "Am … schrieb …:", signatures and our reply marker', () => {
    expect(timelineText('Yes.\n\nOn Mon, 3 Mar 2025, Desk <s@d.test> wrote:\n> old')).toBe('Yes.')
    expect(timelineText('Ja.\n\nAm 03.03.2025 um 10:00 schrieb Desk <s@d.test>:\n> alt')).toBe('Ja.')
    expect(timelineText('Ja.\n-- \nJonas\nTel. 1')).toBe('Ja.')
    expect(timelineText('Fixed.\n\n--- Bitte schreiben Sie Ihre Antwort oberhalb dieser Zeile ---\nIhre Anfrage')).toBe(
      'Fixed.',
    )
    expect(timelineText('Done.\nPlease write your reply above this line\nWe received')).toBe('Done.')
    expect(timelineText('a\n> quoted\nb')).toBe('a\nb')
  })

  it('keeps the whole text when nothing would be left', () => {
    expect(timelineText('> only a quote')).toBe('> only a quote')
  })
})

describe('guessLanguage', () => {
  it('tells German from English', () => {
    expect(guessLanguage('Hallo, der Drucker ist kaputt. Bitte helfen Sie mir.')).toBe('de')
    expect(guessLanguage('Hello, the printer is broken. Please help.')).toBe('en')
  })
})
