/** Test support: a throwaway coturn for the relay tests. */
import { spawn, type ChildProcess } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes, randomInt } from 'node:crypto'

export const turnServerBinary = '/usr/bin/turnserver'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** Resolves once the server answers a STUN binding request on loopback. */
function answersStun(port: number, attempts = 50): Promise<void> {
  const request = Buffer.alloc(20)
  request.writeUInt16BE(0x0001, 0)
  request.writeUInt32BE(0x2112a442, 4)
  randomBytes(12).copy(request, 8)
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4')
    let left = attempts
    const retry = setInterval(() => {
      if (--left <= 0) {
        clearInterval(retry)
        socket.close()
        reject(new Error(`the TURN server did not answer on 127.0.0.1:${port}`))
      } else socket.send(request, port, '127.0.0.1')
    }, 100)
    socket.once('message', () => {
      clearInterval(retry)
      socket.close()
      resolve()
    })
    socket.send(request, port, '127.0.0.1')
  })
}

/** A coturn on loopback only, with the `use-auth-secret` scheme the hub's credentials follow. */
export async function startTurnServer(
  secret: string,
): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const port = await freePort()
  const minPort = randomInt(50_000, 60_000)
  const dir = mkdtempSync(join(tmpdir(), 'firstline-turn-'))
  const child: ChildProcess = spawn(turnServerBinary, [
    '-n',
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${minPort + 200}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=firstline',
    '--no-cli',
    '--no-tls',
    '--no-dtls',
    '--allow-loopback-peers',
    '--log-file=stdout',
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    `--userdb=${join(dir, 'turndb')}`,
  ])
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await answersStun(port)
  } catch (error) {
    await stop()
    throw new Error(`${(error as Error).message}\n${output}`)
  }
  return { url: `turn:127.0.0.1:${port}?transport=udp`, output: () => output, stop }
}
