import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'

/**
 * A real mail server on loopback for tests: Debian's Postfix (submission with STARTTLS and SASL
 * authentication through Dovecot, plain SMTP for inbound mail) delivering over LMTP into Dovecot,
 * which serves the mailboxes over IMAP. Everything lives in one temporary folder with its own
 * configuration, queue and mailboxes, on free ports, so several test files can each start one.
 * `stop()` ends both servers and removes the folder. Answers null when the binaries are missing
 * (`apt-get install postfix dovecot-imapd dovecot-lmtpd`) or the process is not root (Postfix's
 * master and Dovecot both need root to switch to their unprivileged users).
 */
export interface TestMailUser {
  address: string
  password: string
}

export interface TestMailServer {
  /** Submission port: STARTTLS required (self-signed certificate `ca`, for 127.0.0.1), then AUTH PLAIN/LOGIN. */
  smtp: { host: string; port: number; user: string; pass: string }
  /** The server's self-signed certificate (PEM): trust it as the CA to verify STARTTLS. */
  ca: string
  /** Plain SMTP without authentication, accepting mail for desk.test and customer.test only. */
  inbound: { host: string; port: number }
  /** IMAP without TLS on loopback (Dovecot treats loopback as secure). */
  imap: { host: string; port: number }
  users: { support: TestMailUser; user: TestMailUser }
  /** Milliseconds from the first spawn to both servers taking connections. */
  startMs: number
  folder: string
  /** Postfix's and Dovecot's log lines, for failure messages. */
  logs(): string
  stop(): Promise<void>
}

const postfixBinary = '/usr/sbin/postfix'
const dovecotBinary = '/usr/sbin/dovecot'

export function mailServerAvailable(): boolean {
  return (
    existsSync(postfixBinary) &&
    existsSync(dovecotBinary) &&
    existsSync('/usr/lib/dovecot/lmtp') &&
    existsSync('/usr/lib/dovecot/imap') &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0
  )
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>()
  while (ports.size < count) ports.add(await freePort())
  return [...ports]
}

/** Resolves when a connection's first line (the server's greeting) arrives on the port. */
async function greets(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.setTimeout(2000)
    socket.once('data', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
  })
}

async function waitForGreeting(port: number, what: string, alive: () => string | null, logs: () => string) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const ended = alive()
    if (ended) throw new Error(`${what} ended: ${ended}\n${logs()}`)
    if (await greets(port)) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`${what} did not answer on port ${port}\n${logs()}`)
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`)
  }
  return result.stdout
}

function uidOf(user: string): { uid: number; gid: number } {
  const line = run('getent', ['passwd', user]).trim().split(':')
  return { uid: Number(line[2]), gid: Number(line[3]) }
}

function masterCf(submissionPort: number, inboundPort: number): string {
  const service = (name: string, type: string, priv: string, unpriv: string, wake: string, max: string, cmd: string) =>
    `${name} ${type} ${priv} ${unpriv} n ${wake} ${max} ${cmd}`
  return [
    service(`127.0.0.1:${inboundPort}`, 'inet', 'n', '-', '-', '-', 'smtpd'),
    service(`127.0.0.1:${submissionPort}`, 'inet', 'n', '-', '-', '-', 'smtpd'),
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_tls_security_level=encrypt',
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_tls_auth_only=yes',
    '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
    service('pickup', 'unix', 'n', '-', '60', '1', 'pickup'),
    service('cleanup', 'unix', 'n', '-', '-', '0', 'cleanup'),
    service('qmgr', 'unix', 'n', '-', '300', '1', 'qmgr'),
    service('tlsmgr', 'unix', '-', '-', '1000?', '1', 'tlsmgr'),
    service('rewrite', 'unix', '-', '-', '-', '-', 'trivial-rewrite'),
    service('bounce', 'unix', '-', '-', '-', '0', 'bounce'),
    service('defer', 'unix', '-', '-', '-', '0', 'bounce'),
    service('trace', 'unix', '-', '-', '-', '0', 'bounce'),
    service('verify', 'unix', '-', '-', '-', '1', 'verify'),
    service('flush', 'unix', 'n', '-', '1000?', '0', 'flush'),
    service('proxymap', 'unix', '-', '-', '-', '-', 'proxymap'),
    service('proxywrite', 'unix', '-', '-', '-', '1', 'proxymap'),
    service('smtp', 'unix', '-', '-', '-', '-', 'smtp'),
    service('relay', 'unix', '-', '-', '-', '-', 'smtp'),
    service('showq', 'unix', 'n', '-', '-', '-', 'showq'),
    service('error', 'unix', '-', '-', '-', '-', 'error'),
    service('retry', 'unix', '-', '-', '-', '-', 'error'),
    service('discard', 'unix', '-', '-', '-', '-', 'discard'),
    service('lmtp', 'unix', '-', '-', '-', '-', 'lmtp'),
    service('anvil', 'unix', '-', '-', '-', '1', 'anvil'),
    service('scache', 'unix', '-', '-', '-', '1', 'scache'),
    service('postlog', 'unix-dgram', 'n', '-', '-', '1', 'postlogd'),
    '',
  ].join('\n')
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function endMaster(pidFile: string) {
  const deadline = Date.now() + 10_000
  // The pid file appears a moment after start-fg begins; a master that never wrote one never ran.
  let pid = 0
  while (Date.now() < deadline && !pid) {
    if (existsSync(pidFile)) pid = Number(readFileSync(pidFile, 'utf8').trim()) || 0
    else break
  }
  if (!pid) return
  if (running(pid)) process.kill(pid, 'SIGTERM')
  while (Date.now() < deadline && running(pid)) await new Promise((resolve) => setTimeout(resolve, 20))
}

export async function startMailServer(): Promise<TestMailServer | null> {
  if (!mailServerAvailable()) return null
  return startBoth()
}

async function startBoth(): Promise<TestMailServer> {
  const started = Date.now()
  const folder = mkdtempSync('/tmp/flmail-')
  chmodSync(folder, 0o755)
  const children: ChildProcess[] = []
  const output: string[] = []
  const logs = () => {
    const files = ['postfix.log', 'dovecot.log']
      .map((name) => join(folder, name))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8'))
    return [...output, ...files].join('\n').slice(-6000)
  }
  const postfixDir = join(folder, 'postfix')
  let postfixStarted = false
  const stopAll = async () => {
    if (postfixStarted) {
      spawnSync(postfixBinary, ['-c', postfixDir, 'stop'], { encoding: 'utf8' })
      // A master that was still starting when stop ran has not heard it: end it by its pid file.
      await endMaster(join(folder, 'postfix-queue', 'pid', 'master.pid'))
    }
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
          }),
      ),
    )
    if (!process.env.FLMAIL_KEEP) rmSync(folder, { recursive: true, force: true })
  }
  try {
    const [imapPort, lmtpPort, submissionPort, inboundPort] = (await distinctFreePorts(4)) as [
      number,
      number,
      number,
      number,
    ]
    const users = {
      support: { address: 'support@desk.test', password: 'support-mail-pass' },
      user: { address: 'user@customer.test', password: 'user-mail-pass' },
    }
    const mail = uidOf('mail')

    // Certificate for STARTTLS, made fresh for this server.
    const cert = join(folder, 'cert.pem')
    const key = join(folder, 'key.pem')
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ])
    chmodSync(key, 0o600)

    // Dovecot: IMAP and LMTP on loopback, passwd-file users, maildirs in the folder, and the
    // authentication socket Postfix's submission port asks.
    const dovecotRun = join(folder, 'dovecot-run')
    const mailboxes = join(folder, 'mailboxes')
    mkdirSync(dovecotRun)
    mkdirSync(mailboxes)
    chownSync(mailboxes, mail.uid, mail.gid)
    const passwd = join(folder, 'users')
    writeFileSync(
      passwd,
      Object.values(users)
        .map((u) => `${u.address}:{PLAIN}${u.password}::::::`)
        .join('\n') + '\n',
    )
    const dovecotConf = join(folder, 'dovecot.conf')
    writeFileSync(
      dovecotConf,
      [
        'protocols = imap lmtp',
        'listen = 127.0.0.1',
        `base_dir = ${dovecotRun}`,
        `state_dir = ${join(folder, 'dovecot-state')}`,
        `log_path = ${join(folder, 'dovecot.log')}`,
        'ssl = no',
        'disable_plaintext_auth = no',
        'auth_mechanisms = plain login',
        'default_internal_user = dovecot',
        'default_login_user = dovenull',
        `first_valid_uid = ${mail.uid}`,
        `mail_location = maildir:${mailboxes}/%d/%n`,
        'lmtp_save_to_detail_mailbox = no',
        'passdb {',
        '  driver = passwd-file',
        `  args = scheme=PLAIN username_format=%u ${passwd}`,
        '}',
        'userdb {',
        '  driver = static',
        `  args = uid=${mail.uid} gid=${mail.gid} home=${mailboxes}/%d/%n`,
        '}',
        'service imap-login {',
        '  inet_listener imap {',
        '    address = 127.0.0.1',
        `    port = ${imapPort}`,
        '  }',
        '  inet_listener imaps {',
        '    port = 0',
        '  }',
        '}',
        'service lmtp {',
        '  inet_listener lmtp {',
        '    address = 127.0.0.1',
        `    port = ${lmtpPort}`,
        '  }',
        '}',
        'service auth {',
        '  unix_listener auth-postfix {',
        '    mode = 0666',
        '  }',
        '}',
        'service stats {',
        '  unix_listener stats-writer {',
        '    mode = 0666',
        '  }',
        '}',
        '',
      ].join('\n'),
    )
    mkdirSync(join(folder, 'dovecot-state'))
    const dovecot = spawn(dovecotBinary, ['-F', '-c', dovecotConf], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(dovecot)
    dovecot.stdout?.on('data', (d: Buffer) => output.push(`dovecot: ${d.toString()}`))
    dovecot.stderr?.on('data', (d: Buffer) => output.push(`dovecot: ${d.toString()}`))

    // Postfix: its own configuration folder, queue and data folders; the two listeners above.
    const queue = join(folder, 'postfix-queue')
    const data = join(folder, 'postfix-data')
    mkdirSync(postfixDir)
    mkdirSync(queue)
    mkdirSync(data)
    const postfixUser = uidOf('postfix')
    chownSync(data, postfixUser.uid, postfixUser.gid)
    const vmailbox = join(postfixDir, 'vmailbox')
    writeFileSync(
      vmailbox,
      Object.values(users)
        .map((u) => `${u.address} ok`)
        .join('\n') + '\n',
    )
    writeFileSync(
      join(postfixDir, 'main.cf'),
      [
        'compatibility_level = 3.6',
        `queue_directory = ${queue}`,
        `data_directory = ${data}`,
        'mail_owner = postfix',
        'setgid_group = postdrop',
        'myhostname = mail.desk.test',
        'mydomain = desk.test',
        'mydestination =',
        'inet_interfaces = 127.0.0.1',
        'inet_protocols = ipv4',
        'mynetworks = 127.0.0.0/8',
        'relayhost =',
        `maillog_file = ${join(folder, 'postfix.log')}`,
        `maillog_file_prefixes = ${folder}`,
        'smtputf8_enable = no',
        'biff = no',
        'virtual_mailbox_domains = desk.test customer.test',
        `virtual_mailbox_maps = texthash:${vmailbox}`,
        `virtual_transport = lmtp:inet:127.0.0.1:${lmtpPort}`,
        'smtpd_sasl_type = dovecot',
        `smtpd_sasl_path = ${join(dovecotRun, 'auth-postfix')}`,
        'smtpd_sasl_auth_enable = no',
        `smtpd_tls_cert_file = ${cert}`,
        `smtpd_tls_key_file = ${key}`,
        'smtpd_tls_security_level = may',
        'smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination',
        'smtpd_recipient_restrictions = reject_unlisted_recipient',
        'smtp_tls_security_level = none',
        'default_destination_concurrency_limit = 4',
        // A test's mail goes on at once: no waiting for the queue manager's next scan.
        'queue_run_delay = 1s',
        'minimal_backoff_time = 1s',
        'maximal_backoff_time = 2s',
        '',
      ].join('\n'),
    )
    writeFileSync(join(postfixDir, 'master.cf'), masterCf(submissionPort, inboundPort))
    run(postfixBinary, ['-c', postfixDir, 'check'])
    const postfix = spawn(postfixBinary, ['-c', postfixDir, 'start-fg'], { stdio: ['ignore', 'pipe', 'pipe'] })
    postfixStarted = true
    children.push(postfix)
    postfix.stdout?.on('data', (d: Buffer) => output.push(`postfix: ${d.toString()}`))
    postfix.stderr?.on('data', (d: Buffer) => output.push(`postfix: ${d.toString()}`))

    const ended = (child: ChildProcess) => () =>
      child.exitCode !== null || child.signalCode !== null ? `exit ${child.exitCode ?? child.signalCode}` : null
    await waitForGreeting(imapPort, 'dovecot', ended(dovecot), logs)
    await waitForGreeting(submissionPort, 'postfix', ended(postfix), logs)
    await waitForGreeting(inboundPort, 'postfix', ended(postfix), logs)
    const startMs = Date.now() - started

    return {
      smtp: { host: '127.0.0.1', port: submissionPort, user: users.support.address, pass: users.support.password },
      inbound: { host: '127.0.0.1', port: inboundPort },
      imap: { host: '127.0.0.1', port: imapPort },
      ca: readFileSync(cert, 'utf8'),
      users,
      startMs,
      folder,
      logs,
      stop: stopAll,
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const seen = logs()
    await stopAll()
    throw new Error(`${message}\n${seen}`)
  }
}
