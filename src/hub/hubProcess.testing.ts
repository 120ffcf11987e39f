import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'

/**
 * A hub in a child process of its own (`src/hub/main.ts` through tsx's loader, one process, so a
 * signal reaches the hub itself), for tests that end it the hard way. It listens on a free loopback
 * port; `env` adds FIRSTLINE_DATA_DIR or DATABASE_URL and the like. The first start on an empty
 * database prints the demo logins, which `logins` keeps for later starts on the same data.
 */
export interface HubProcess {
  url: string
  pid: number
  logins: DemoLoginLine[]
  /** SIGKILL: no shutdown code runs; resolves when the process is gone. */
  kill(): Promise<void>
  /** SIGTERM: the hub closes its database and readers; resolves when the process is gone. */
  stop(): Promise<void>
  output(): string
}

export interface DemoLoginLine {
  role: string
  email: string
  password: string
}

const repo = fileURLToPath(new URL('../..', import.meta.url))
/** One key for every start in this process, so a restarted hub opens what the first one sealed. */
const secretKey = randomBytes(32).toString('hex')

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/** `firstStart`: the database is empty, so wait for the demo logins the hub prints. */
export async function spawnHub(
  env: Record<string, string>,
  { firstStart = false, timeoutMs = 60_000 }: { firstStart?: boolean; timeoutMs?: number } = {},
): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/main.ts'], {
    cwd: repo,
    env: {
      ...process.env,
      FIRSTLINE_HOST: '127.0.0.1',
      FIRSTLINE_PORT: '0',
      FIRSTLINE_LOG_LEVEL: 'warn',
      FIRSTLINE_WEB_DIR: '/nonexistent',
      FIRSTLINE_SECRET_KEY: secretKey,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk))
  const output = () => lines.join('')
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the hub did not start within ${timeoutMs} ms:\n${output()}`))
    }, timeoutMs)
    const look = () => {
      const match = /Firstline hub (http:\/\/\S+)/.exec(output())
      if (match && (!firstStart || /^\(also written to .*\)$/m.test(output()))) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', look)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`the hub ended (${code ?? signal}) before it listened:\n${output()}`))
    })
  })
  const logins = [...output().matchAll(/^ {2}(\w+)\s+(\S+@\S+)\s+password: (\S+)$/gm)].map((m) => ({
    role: m[1]!,
    email: m[2]!,
    password: m[3]!,
  }))
  return {
    url,
    pid: child.pid!,
    logins,
    async kill() {
      child.kill('SIGKILL')
      await ended(child)
    },
    async stop() {
      child.kill('SIGTERM')
      await ended(child)
    },
    output,
  }
}

/** Signs in to a hub over HTTP; answers the bearer header. */
export async function signInOver(url: string, login: DemoLoginLine): Promise<{ authorization: string }> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  })
  if (!response.ok) throw new Error(`sign-in as ${login.email} failed: ${response.status} ${await response.text()}`)
  const { token } = (await response.json()) as { token: string }
  return { authorization: `Bearer ${token}` }
}
