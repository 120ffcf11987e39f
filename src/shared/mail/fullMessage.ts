import type { InboundMessage } from './inbound'

/** The header lines kept with a received message's full text. */
export interface KeptHeaders {
  from: string | null
  to: string | null
  cc: string | null
  date: string | null
  subject: string
}

const oneLine = (value: string) => value.replace(/[\r\n]+\s*/g, ' ').trim()

/** "Name <address>" or the bare address, as a From line shows a sender. */
export function senderLine(from: InboundMessage['from']): string | null {
  if (!from) return null
  return from.name ? `${oneLine(from.name)} <${from.address}>` : from.address
}

/**
 * The whole message as intake keeps it: its header block (From, To, Cc, Date, Subject, one line
 * each, always in this order), a blank line, then the whole plain text. Stored in one column so
 * what the message said and who it said it to stay together.
 */
export function keptMessageText(message: InboundMessage): string {
  const lines = [
    `From: ${senderLine(message.from) ?? ''}`,
    `To: ${oneLine(message.to ?? '')}`,
    `Cc: ${oneLine(message.cc ?? '')}`,
    `Date: ${message.date ?? ''}`,
    `Subject: ${oneLine(message.subject)}`,
  ]
  return `${lines.join('\n')}\n\n${message.text}`
}

const headerBlock = /^From: ([^\n]*)\nTo: ([^\n]*)\nCc: ([^\n]*)\nDate: ([^\n]*)\nSubject: ([^\n]*)\n\n/

/**
 * Splits what `keptMessageText` wrote into headers and text. Text kept before headers were
 * (only the body) comes back whole, with no headers.
 */
export function readKeptMessage(stored: string): { headers: KeptHeaders | null; text: string } {
  const match = headerBlock.exec(stored)
  if (!match) return { headers: null, text: stored }
  const value = (index: number) => (match[index] ? match[index] : null)
  const date = value(4)
  return {
    headers: {
      from: value(1),
      to: value(2),
      cc: value(3),
      date: date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : null,
      subject: match[5] ?? '',
    },
    text: stored.slice(match[0].length),
  }
}
