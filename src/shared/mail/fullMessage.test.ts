import { describe, expect, it } from 'vitest'
import { keptMessageText, readKeptMessage } from './fullMessage'
import type { InboundMessage } from './inbound'

const message: InboundMessage = {
  messageId: 'a@b',
  inReplyTo: null,
  references: [],
  from: { address: 'anna@kunde.example', name: 'Anna\r\n Becker' },
  subject: 'Drucker\nstreikt',
  to: 'Support <support@desk.example>',
  cc: '',
  date: '2026-11-24T15:20:00.000Z',
  text: 'From: someone quoted\n\nSubject: not a header\nbody',
  autoReply: null,
  bulk: false,
  bounce: null,
}

describe('the full text intake keeps of a received message', () => {
  it('reads back the header lines it wrote and the text unchanged, even a text that looks like headers', () => {
    expect(readKeptMessage(keptMessageText(message))).toEqual({
      headers: {
        from: 'Anna Becker <anna@kunde.example>',
        to: 'Support <support@desk.example>',
        cc: null,
        date: '2026-11-24T15:20:00.000Z',
        subject: 'Drucker streikt',
      },
      text: message.text,
    })
  })

  it('answers text kept before headers were as the text, with no headers', () => {
    expect(readKeptMessage('From: Anna\n\nHello')).toEqual({ headers: null, text: 'From: Anna\n\nHello' })
  })

  it('keeps a message with no sender, no To and no date', () => {
    const bare = { ...message, from: null, to: undefined, cc: undefined, date: null }
    expect(readKeptMessage(keptMessageText(bare)).headers).toEqual({
      from: null,
      to: null,
      cc: null,
      date: null,
      subject: 'Drucker streikt',
    })
  })
})
