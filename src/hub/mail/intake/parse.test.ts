import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { timelineText } from '@shared/mail/inbound'
import { parseInbound } from './parse'

const fixture = (name: string) => parseInbound(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))

describe('parseInbound on mail from real clients', () => {
  it('reads a new request: sender, subject, Message-ID and text', async () => {
    const mail = await fixture('new-request-de.eml')
    expect(mail).toMatchObject({
      messageId: 'new-request-de-1@kunde-gmbh.de',
      inReplyTo: null,
      from: { address: 'anna.becker@kunde-gmbh.de', name: 'Anna Becker' },
      subject: 'Drucker im 2. OG druckt nicht',
      autoReply: null,
      bulk: false,
      bounce: null,
    })
    expect(mail.text).toContain('Können Sie bitte helfen?')
  })

  it('Outlook (English): threads by In-Reply-To and cuts the quoted header block', async () => {
    const mail = await fixture('outlook-en-reply.eml')
    expect(mail.inReplyTo).toBe('ticket-42-ack@desk.test')
    expect(mail.references).toEqual(['ticket-42-ack@desk.test'])
    expect(timelineText(mail.text)).toBe(
      'It happened again at 13:55, the client log is attached to my earlier mail.\n\nTom',
    )
    expect(mail.text).toContain('We received your request.')
  })

  it('Thunderbird (German): cuts the signature and "Am … schrieb …:"', async () => {
    const mail = await fixture('thunderbird-de-reply.eml')
    expect(mail.references).toEqual(['ticket-7-ack@desk.test', 'ticket-7-question@desk.test'])
    expect(timelineText(mail.text)).toBe(
      'Guten Morgen,\n\nja, der abgesicherte Modus startet, das Add-in habe ich deaktiviert.',
    )
  })

  it('Gmail: takes the plain part and cuts the wrapped "On … wrote:" with its quote', async () => {
    const mail = await fixture('gmail-en-html.eml')
    expect(timelineText(mail.text)).toBe('Tried another charger, same result.')
  })

  it('turns HTML-only mail into plain text without markup or script', async () => {
    const mail = await fixture('html-only.eml')
    expect(mail.text).toContain('Mein Bildschirm flackert seit dem Update.')
    expect(mail.text).not.toMatch(/<[a-z/]|alert|color:red/i)
  })

  it('recognises out-of-office replies by header (German) and by subject alone (English)', async () => {
    expect((await fixture('out-of-office-de.eml')).autoReply).toBe('auto_submitted')
    expect((await fixture('out-of-office-en-subject.eml')).autoReply).toBe('out_of_office')
  })

  it('recognises bulk mail', async () => {
    expect((await fixture('newsletter-bulk.eml')).bulk).toBe(true)
  })

  it('reads the failed recipient and status from a Postfix DSN', async () => {
    const mail = await fixture('dsn-postfix.eml')
    expect(mail.bounce).toEqual({
      recipient: 'gone.user@kunde-gmbh.de',
      status: '5.1.1',
      diagnostic: expect.stringContaining('550 5.1.1') as unknown as string,
    })
  })

  it('keeps the sender of our own mail, for the loop check', async () => {
    expect((await fixture('own-mail.eml')).from?.address).toBe('support@desk.test')
  })

  it('removes characters storage cannot keep', async () => {
    const raw = 'From: a@b.test\r\nSubject: x\u0000y\r\nMessage-ID: <n@b.test>\r\n\r\nbody\u0000text\r\n'
    const mail = await parseInbound(raw)
    expect(mail.subject).toBe('xy')
    expect(mail.text).not.toContain('\u0000')
  })
})

describe('parseInbound on mail from no one we can answer', () => {
  it('takes a sender address a requester could not have as no sender', async () => {
    const raw = 'From: "Odd" <odd@localhost>\r\nSubject: x\r\nMessage-ID: <odd@x.test>\r\n\r\nbody\r\n'
    expect((await parseInbound(raw)).from).toBeNull()
  })
})
