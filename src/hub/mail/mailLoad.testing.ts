import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import nodemailer from 'nodemailer'
import type { TestMailServer, TestMailUser } from './mailServer.testing'

/**
 * Load for the test mail server: many messages into a mailbox through Postfix (as mail from the
 * outside arrives), and what a mailbox holds, read over IMAP. For crash tests and the benchmark.
 */
export interface LoadMessage {
  from: string
  subject: string
  /** Without angle brackets. */
  messageId: string
  text: string
}

/**
 * Sends every message to `to` on the server's inbound port over a few pooled connections; answers
 * when Postfix accepted each one (epoch ms by Message-ID), which is when a mail counts as delivered.
 */
export async function sendAll(
  server: TestMailServer,
  to: string,
  messages: readonly LoadMessage[],
  connections = 4,
): Promise<Map<string, number>> {
  const transport = nodemailer.createTransport({
    host: server.inbound.host,
    port: server.inbound.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  })
  const accepted = new Map<string, number>()
  try {
    await Promise.all(
      messages.map(async (m) => {
        await transport.sendMail({
          from: m.from,
          to,
          subject: m.subject,
          text: m.text,
          messageId: `<${m.messageId}>`,
        })
        accepted.set(m.messageId, Date.now())
      }),
    )
  } finally {
    transport.close()
  }
  return accepted
}

function client(server: TestMailServer, user: TestMailUser): ImapFlow {
  return new ImapFlow({
    host: server.imap.host,
    port: server.imap.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: user.address, pass: user.password },
    logger: false,
  })
}

/** How many messages the user's INBOX holds. */
export async function countInbox(server: TestMailServer, user: TestMailUser): Promise<number> {
  const imap = client(server, user)
  await imap.connect()
  try {
    const status = await imap.status('INBOX', { messages: true })
    return status ? (status.messages ?? 0) : 0
  } finally {
    await imap.logout()
  }
}

export interface InboxMessage {
  messageId: string
  subject: string
  headers: string
  /** The whole message as stored, only when asked for. */
  source: string | null
}

/** Every message in the user's INBOX: Message-ID (without brackets), subject and the raw headers. */
export async function readInbox(
  server: TestMailServer,
  user: TestMailUser,
  { source = false }: { source?: boolean } = {},
): Promise<InboxMessage[]> {
  const imap = client(server, user)
  await imap.connect()
  try {
    const lock = await imap.getMailboxLock('INBOX')
    try {
      const found: InboxMessage[] = []
      if (imap.mailbox && imap.mailbox.exists === 0) return found
      for await (const m of imap.fetch('1:*', { envelope: true, headers: true, source })) {
        found.push({
          messageId: (m.envelope?.messageId ?? '').replace(/^<|>$/g, ''),
          subject: m.envelope?.subject ?? '',
          headers: m.headers?.toString('utf8') ?? '',
          source: m.source ? m.source.toString('utf8') : null,
        })
      }
      return found
    } finally {
      lock.release()
    }
  } finally {
    await imap.logout()
  }
}

/** True when Postfix holds no mail (everything accepted has been handed to Dovecot or bounced). */
export function postfixQueueEmpty(server: TestMailServer): boolean {
  const shown = spawnSync('/usr/sbin/postqueue', ['-c', join(server.folder, 'postfix'), '-p'], { encoding: 'utf8' })
  return /Mail queue is empty/.test(shown.stdout)
}

/** Polls `check` until it answers something truthy; throws with `what` after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string | (() => string),
  ms = 30_000,
) {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
