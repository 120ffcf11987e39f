import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'

/**
 * A real Dovecot serving IMAP on a free loopback port, from a temporary folder: passwd-file
 * users, Maildir storage, plain-text login (loopback only). Messages are put into a mailbox with
 * IMAP APPEND, as a delivering server would. Stand-alone until the shared mail server harness
 * (Postfix + Dovecot) is in the tree; it can replace this one as it is.
 */
export interface TestDovecot {
  host: string
  port: number
  /** Adds a user with this password; the user's INBOX exists after the first login. */
  addUser(user: string, password: string): void
  /** Appends raw messages to the user's folder, as new mail, over one connection. */
  deliver(user: string, password: string, raw: string | string[], folder?: string): Promise<void>
  /** Stops the server and starts it again on the same port with the same mail: connections break. */
  restart(): Promise<void>
  stop(): Promise<void>
}

export const dovecotAvailable = existsSync('/usr/sbin/dovecot')

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Waits until the port answers with an IMAP greeting, or the deadline passes. */
async function waitForGreeting(port: number, deadline: number): Promise<void> {
  const { connect } = await import('node:net')
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('data', (data) => {
        socket.destroy()
        resolve(data.toString().startsWith('* OK'))
      })
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > deadline) throw new Error(`dovecot did not answer on port ${port}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function startDovecot(): Promise<TestDovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-dovecot-'))
  chmodSync(dir, 0o755)
  for (const sub of ['run', 'mail', 'home']) mkdirSync(join(dir, sub))
  // Mail is stored as nobody: Dovecot refuses to run mail processes as root.
  chmodSync(join(dir, 'mail'), 0o777)
  chmodSync(join(dir, 'home'), 0o777)
  const port = await freePort()
  const passwd = join(dir, 'passwd')
  writeFileSync(passwd, '')
  const config = join(dir, 'dovecot.conf')
  writeFileSync(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 1
last_valid_uid = 0
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${passwd}
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  )
  const launch = async () => {
    const child = spawn('/usr/sbin/dovecot', ['-F', '-c', config], { stdio: 'ignore' })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    await waitForGreeting(port, Date.now() + 15_000)
    return async () => {
      child.kill('SIGTERM')
      await exited
    }
  }
  let halt = await launch()
  const users: string[] = []
  return {
    host: '127.0.0.1',
    port,
    addUser(user, password) {
      users.push(`${user}:{PLAIN}${password}`)
      writeFileSync(passwd, `${users.join('\n')}\n`)
    },
    async deliver(user, password, raw, folder = 'INBOX') {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        doSTARTTLS: false,
        auth: { user, pass: password },
        logger: false,
      })
      await client.connect()
      try {
        for (const message of Array.isArray(raw) ? raw : [raw]) await client.append(folder, message)
      } finally {
        await client.logout()
      }
    },
    async restart() {
      await halt()
      halt = await launch()
    },
    async stop() {
      await halt()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
