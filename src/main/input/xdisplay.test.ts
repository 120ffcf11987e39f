import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadLibnut } from './backend'
import { createInputService, type InputService } from './service'

/**
 * The input service with the real injection library on a real X display: a virtual one (Xvfb),
 * read back independently with xdotool. CI installs both; elsewhere this file says why it skipped.
 */

const hasTool = (name: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const missing = ['Xvfb', 'xdotool'].filter((tool) => process.platform !== 'linux' || !hasTool(tool))
const title =
  missing.length === 0
    ? 'remote input on a real X display'
    : `remote input on a real X display (skipped: ${missing.join(' and ')} not installed)`

const agent = '6f1c1d6e-2f43-4d0e-9a35-1b1f3c7f2a10'
const intruder = '0b8e7a52-95a4-4d1f-8f6e-7c9a1d2b3e4f'

describe.skipIf(missing.length > 0)(title, () => {
  let xvfb: ChildProcess | undefined
  let display = ''
  let service: InputService

  const xdotool = (...args: string[]) =>
    execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: display } }).toString()
  const pointer = () => {
    const shell = Object.fromEntries(
      xdotool('getmouselocation', '--shell')
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    )
    return { x: Number(shell.X), y: Number(shell.Y) }
  }

  beforeAll(async () => {
    // -displayfd lets the server pick a free display number and tell it, so parallel runs never collide;
    // -noreset keeps the pointer where it is when a client disconnects.
    xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    })
    const number = await new Promise<string>((resolve, reject) => {
      let text = ''
      xvfb!.stdio[3]!.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        if (text.includes('\n')) resolve(text.trim())
      })
      xvfb!.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)))
    })
    display = `:${number}`
    // The library opens the display named here on its first call.
    process.env.DISPLAY = display
    const [width, height] = xdotool('getdisplaygeometry').trim().split(' ').map(Number) as [number, number]
    service = createInputService({
      backend: () => loadLibnut(),
      display: () => ({ bounds: { x: 0, y: 0, width, height }, scaleFactor: 1 }),
      platform: 'linux',
    })
  })

  afterAll(() => {
    xvfb?.kill()
  })

  it('moves nothing without control, nor for a sender who does not hold the token', () => {
    const before = pointer()
    const click = { kind: 'pointer_down', x: 0.25, y: 0.5, button: 'left' } as const
    expect(() => service.apply({ from: agent, input: click })).toThrow('not granted')
    service.setControl({ holder: agent, granted: true })
    expect(() => service.apply({ from: intruder, input: click })).toThrow('does not hold the control token')
    service.setControl({ holder: agent, granted: false })
    expect(() => service.apply({ from: agent, input: click })).toThrow('not granted')
    expect(pointer()).toEqual(before)
  })

  it("lands the agent's click at the same point of the display while control is granted", async () => {
    service.setControl({ holder: agent, granted: true })
    service.apply({ from: agent, input: { kind: 'pointer_down', x: 0.25, y: 0.5, button: 'left' } })
    service.apply({ from: agent, input: { kind: 'pointer_up', x: 0.25, y: 0.5, button: 'left' } })
    expect(pointer()).toEqual({ x: 320, y: 400 })
    // Right after the click this move may be coalesced: it lands a few milliseconds later.
    service.apply({ from: agent, input: { kind: 'pointer_move', x: 1, y: 1 } })
    await vi.waitFor(() => expect(pointer()).toEqual({ x: 1279, y: 799 }))
  })

  it('stops moving the pointer the moment control is revoked', () => {
    service.setControl({ holder: agent, granted: true })
    service.apply({ from: agent, input: { kind: 'pointer_move', x: 0.5, y: 0.5 } })
    const at = pointer()
    service.setControl({ holder: null, granted: false })
    expect(() => service.apply({ from: agent, input: { kind: 'pointer_move', x: 0.1, y: 0.1 } })).toThrow()
    expect(pointer()).toEqual(at)
  })
})
