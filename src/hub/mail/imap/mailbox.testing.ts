import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import type { TestMailServer, TestMailUser } from '../mailServer.testing'

/**
 * Puts raw messages into a user's folder of the test mail server with IMAP APPEND, over one
 * connection, in order: what a delivering server does, without waiting for Postfix's queue.
 */
export async function appendMail(
  server: TestMailServer,
  user: TestMailUser,
  raw: string | string[],
  folder = 'INBOX',
): Promise<void> {
  const client = new ImapFlow({
    host: server.imap.host,
    port: server.imap.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: user.address, pass: user.password },
    logger: false,
  })
  client.on('error', () => undefined)
  await client.connect()
  try {
    for (const message of Array.isArray(raw) ? raw : [raw]) await client.append(folder, message)
  } finally {
    await client.logout().catch(() => client.close())
  }
}

/** Dovecot drops every IMAP connection of the user, as a server going away would. */
export function dropConnections(server: TestMailServer, user: TestMailUser): void {
  const result = spawnSync('doveadm', ['-c', join(server.folder, 'dovecot.conf'), 'kick', user.address], {
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`doveadm kick failed: ${result.stderr}${result.stdout}`)
}
