import { ImapFlow } from 'imapflow'
import type { MailboxTestResult } from '@shared/mail/inboundMailbox'
import type { MailboxAccess } from './mailboxes'

/** An IMAP client for a mailbox: TLS from the start, STARTTLS (required), or plain (loopback, tests). */
export function imapClient(mailbox: MailboxAccess, timeoutMs = 30_000): ImapFlow {
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.security === 'tls',
    doSTARTTLS: mailbox.security === 'starttls' ? true : mailbox.security === 'none' ? false : undefined,
    auth: { user: mailbox.username, pass: mailbox.password ?? '' },
    logger: false,
    // Into IDLE right after each command, so new mail is seen the moment the server tells of it.
    autoIdleDelay: 100,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 5 * 60_000,
  })
}

interface ImapError {
  message?: string
  code?: string
  responseText?: string
  response?: string
  authenticationFailed?: boolean
}

/** The server's own words where it said something, else the network's error. */
export function serverAnswer(error: unknown): string {
  const e = (error ?? {}) as ImapError
  const said = [e.responseText, e.response].find((value): value is string => typeof value === 'string' && value !== '')
  const text = said ?? [e.code, e.message].filter((part) => typeof part === 'string' && part !== '').join(': ')
  return (text || 'no answer').slice(0, 500)
}

/**
 * Connects, logs in and opens the folder, and reports each step as the server answered it.
 * Reads nothing and marks nothing as seen.
 */
export async function testMailbox(mailbox: MailboxAccess, timeoutMs = 15_000): Promise<MailboxTestResult> {
  if (mailbox.password === null) {
    return {
      ok: false,
      stage: 'login',
      message: 'The stored password cannot be opened with this hub’s key; enter it again.',
      serverResponse: null,
      messages: null,
    }
  }
  const client = imapClient(mailbox, timeoutMs)
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (error) {
    const login = (error as ImapError).authenticationFailed === true
    return {
      ok: false,
      stage: login ? 'login' : 'connect',
      message: login
        ? 'The server refused the user name or password.'
        : `Could not reach ${mailbox.host}:${mailbox.port}.`,
      serverResponse: serverAnswer(error),
      messages: null,
    }
  }
  try {
    const status = await client.status(mailbox.folder, { messages: true })
    return {
      ok: true,
      stage: 'done',
      message: `Logged in and opened ${mailbox.folder}.`,
      serverResponse: client.serverInfo?.name
        ? `${client.serverInfo.name} ${client.serverInfo.version ?? ''}`.trim()
        : 'OK',
      messages: status ? (status.messages ?? 0) : 0,
    }
  } catch (error) {
    return {
      ok: false,
      stage: 'open',
      message: `Logged in, but the folder ${mailbox.folder} cannot be opened.`,
      serverResponse: serverAnswer(error),
      messages: null,
    }
  } finally {
    await client.logout().catch(() => client.close())
  }
}
