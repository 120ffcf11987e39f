import { describe, expect, it } from 'vitest'
import type { RemoteInput } from '@shared/session/input'
import type { InputBackend } from './backend'
import type { DisplayGeometry } from './geometry'
import { createInputService, type InputLimits } from './service'

const agent = '6f1c1d6e-2f43-4d0e-9a35-1b1f3c7f2a10'
const specialist = '0b8e7a52-95a4-4d1f-8f6e-7c9a1d2b3e4f'

/** Records every call the service makes into the injection library, in order. */
function recordingBackend() {
  const calls: string[] = []
  const backend: InputBackend = {
    moveMouse: (x, y) => void calls.push(`move ${x},${y}`),
    mouseToggle: (state, button) => void calls.push(`${button} ${state}`),
    scrollMouse: (x, y) => void calls.push(`scroll ${x},${y}`),
    keyToggle: (key, state, modifiers) =>
      void calls.push(`key ${key} ${state}${modifiers.length ? ` +${modifiers.join('+')}` : ''}`),
  }
  return { calls, backend }
}

function setup(options: { display?: DisplayGeometry | null; platform?: NodeJS.Platform; limits?: InputLimits } = {}) {
  const { calls, backend } = recordingBackend()
  let clock = 1000
  const timers: Array<{ fn: () => void; at: number } | null> = []
  const service = createInputService({
    backend: () => backend,
    display: () =>
      options.display === undefined
        ? { bounds: { x: 0, y: 0, width: 1280, height: 800 }, scaleFactor: 1 }
        : options.display,
    platform: options.platform ?? 'linux',
    limits: options.limits,
    now: () => clock,
    setTimer: (fn, ms) => timers.push({ fn, at: clock + ms }) - 1,
    clearTimer: (id) => void (timers[id as number] = null),
  })
  return {
    service,
    calls,
    /** Advances the fake clock and runs the timers that fell due. */
    advance(ms: number) {
      clock += ms
      timers.forEach((timer, id) => {
        if (timer && timer.at <= clock) {
          timers[id] = null
          timer.fn()
        }
      })
    },
    send: (input: RemoteInput, from = agent) => service.apply({ from, input }),
  }
}

const click = (x: number, y: number): RemoteInput[] => [
  { kind: 'pointer_down', x, y, button: 'left' },
  { kind: 'pointer_up', x, y, button: 'left' },
]

describe('input service', () => {
  it('refuses every event while control is not granted, and moves nothing', () => {
    const t = setup()
    expect(() => t.send({ kind: 'pointer_move', x: 0.5, y: 0.5 })).toThrow('refused: remote control is not granted')
    t.service.setControl({ holder: agent, granted: false })
    expect(() => t.send(click(0.5, 0.5)[0]!)).toThrow('not granted')
    expect(t.calls).toEqual([])
  })

  it('refuses events from anyone but the control holder', () => {
    const t = setup()
    t.service.setControl({ holder: agent, granted: true })
    expect(() => t.send({ kind: 'key_down', key: 'a', modifiers: [] }, specialist)).toThrow(
      'refused: the sender does not hold the control token',
    )
    expect(t.calls).toEqual([])
    expect(t.send({ kind: 'key_down', key: 'a', modifiers: [] })).toEqual({ status: 'applied' })
    expect(t.calls).toEqual(['key a down'])
  })

  it('maps fractions of the shared display onto its real pixels, scale factor and offset included', () => {
    // A second monitor right of a 1920-wide one, at 150 %: 1280×720 DIP are 1920×1080 pixels on X11.
    const t = setup({ display: { bounds: { x: 1280, y: 0, width: 1280, height: 720 }, scaleFactor: 1.5 } })
    t.service.setControl({ holder: agent, granted: true })
    for (const input of click(0.25, 0.5)) t.send(input)
    t.advance(100)
    t.send({ kind: 'pointer_move', x: 1, y: 1 })
    expect(t.calls).toEqual(['move 2400,540', 'left down', 'move 2400,540', 'left up', 'move 3839,1079'])
  })

  it('uses points unscaled on macOS', () => {
    const t = setup({
      platform: 'darwin',
      display: { bounds: { x: 0, y: 0, width: 1440, height: 900 }, scaleFactor: 2 },
    })
    t.service.setControl({ holder: agent, granted: true })
    t.send({ kind: 'pointer_move', x: 0.5, y: 0.5 })
    expect(t.calls).toEqual(['move 720,450'])
  })

  it('says so when no screen is shared', () => {
    const t = setup({ display: null })
    t.service.setControl({ holder: agent, granted: true })
    expect(() => t.send({ kind: 'pointer_move', x: 0.5, y: 0.5 })).toThrow('no screen is being shared')
    expect(t.calls).toEqual([])
  })

  it('coalesces pointer moves faster than the limit to the newest one', () => {
    const t = setup({ limits: { movesPerSecond: 100, burst: 60, perSecond: 30 } })
    t.service.setControl({ holder: agent, granted: true })
    expect(t.send({ kind: 'pointer_move', x: 0, y: 0 })).toEqual({ status: 'applied' })
    expect(t.send({ kind: 'pointer_move', x: 0.1, y: 0.1 })).toEqual({ status: 'coalesced' })
    expect(t.send({ kind: 'pointer_move', x: 0.2, y: 0.2 })).toEqual({ status: 'coalesced' })
    expect(t.calls).toEqual(['move 0,0'])
    t.advance(10)
    expect(t.calls).toEqual(['move 0,0', 'move 256,160'])
    t.advance(50)
    expect(t.calls).toHaveLength(2)
  })

  it('drops presses beyond the burst until the bucket refills, but never a release', () => {
    const t = setup({ limits: { movesPerSecond: 100, burst: 3, perSecond: 10 } })
    t.service.setControl({ holder: agent, granted: true })
    for (const key of ['a', 'b', 'c']) t.send({ kind: 'key_down', key, modifiers: [] })
    expect(() => t.send({ kind: 'key_down', key: 'd', modifiers: [] })).toThrow('too many input events')
    for (const key of ['a', 'b', 'c']) t.send({ kind: 'key_up', key, modifiers: [] })
    expect(t.calls.filter((call) => call.endsWith('up'))).toEqual(['key a up', 'key b up', 'key c up'])
    t.advance(100)
    expect(t.send({ kind: 'key_down', key: 'd', modifiers: [] })).toEqual({ status: 'applied' })
  })

  it('maps KeyboardEvent keys and modifiers to the library, and refuses keys it cannot send safely', () => {
    const t = setup()
    t.service.setControl({ holder: agent, granted: true })
    t.send({ kind: 'key_down', key: 'Enter', modifiers: [] })
    t.send({ kind: 'key_down', key: 'c', modifiers: ['control'] })
    t.send({ kind: 'key_down', key: 'A', modifiers: [] })
    t.send({ kind: 'key_down', key: 'ArrowLeft', modifiers: ['shift', 'meta'] })
    t.send({ kind: 'key_down', key: 'F12', modifiers: [] })
    t.send({ kind: 'key_down', key: ' ', modifiers: [] })
    expect(t.calls).toEqual([
      'key enter down',
      'key c down +control',
      'key a down +shift',
      'key left down +shift+meta',
      'key f12 down',
      'key space down',
    ])
    for (const key of ['ä', 'F13', 'Dead', '^', 'Unidentified']) {
      expect(() => t.send({ kind: 'key_down', key, modifiers: [] })).toThrow(`the key "${key}" cannot be sent`)
    }
    expect(t.calls).toHaveLength(6)
  })

  it('names the Meta key the way macOS expects', () => {
    const t = setup({ platform: 'darwin' })
    t.service.setControl({ holder: agent, granted: true })
    t.send({ kind: 'key_down', key: 'Meta', modifiers: [] })
    t.send({ kind: 'key_down', key: 'v', modifiers: ['meta'] })
    expect(t.calls).toEqual(['key command down', 'key v down +command'])
  })

  it('scrolls in wheel notches in the direction the page would scroll', () => {
    const t = setup()
    t.service.setControl({ holder: agent, granted: true })
    t.send({ kind: 'wheel', x: 0.5, y: 0.5, deltaX: 0, deltaY: 300 })
    t.send({ kind: 'wheel', x: 0.5, y: 0.5, deltaX: -20, deltaY: -5000 })
    expect(t.calls).toEqual(['move 640,400', 'scroll 0,-3', 'move 640,400', 'scroll 1,10'])
  })

  it('releases held buttons and keys when control is revoked, paused or handed over, and applies nothing after', () => {
    const t = setup()
    t.service.setControl({ holder: agent, granted: true })
    t.send({ kind: 'pointer_down', x: 0.5, y: 0.5, button: 'right' })
    t.send({ kind: 'key_down', key: 'Shift', modifiers: [] })
    t.calls.length = 0
    t.service.setControl({ holder: agent, granted: true }) // the same state again changes nothing
    expect(t.calls).toEqual([])
    t.service.setControl({ holder: null, granted: false })
    expect(t.calls).toEqual(['right up', 'key shift up'])
    expect(() => t.send({ kind: 'key_up', key: 'Shift', modifiers: [] })).toThrow('not granted')

    t.service.setControl({ holder: agent, granted: true })
    t.send({ kind: 'key_down', key: 'a', modifiers: [] })
    t.calls.length = 0
    t.service.setControl({ holder: specialist, granted: true })
    expect(t.calls).toEqual(['key a up'])
  })

  it('drops a coalesced move that was still waiting when control ended', () => {
    const t = setup({ limits: { movesPerSecond: 100, burst: 60, perSecond: 30 } })
    t.service.setControl({ holder: agent, granted: true })
    t.send({ kind: 'pointer_move', x: 0, y: 0 })
    t.send({ kind: 'pointer_move', x: 0.5, y: 0.5 })
    t.service.setControl({ holder: agent, granted: false })
    t.advance(100)
    expect(t.calls).toEqual(['move 0,0'])
  })

  it('does not lift a key or button the agent never pressed', () => {
    const t = setup()
    t.service.setControl({ holder: agent, granted: true })
    t.send({ kind: 'key_up', key: 'Control', modifiers: [] })
    t.send({ kind: 'pointer_up', x: 0, y: 0, button: 'left' })
    expect(t.calls).toEqual(['move 0,0'])
  })

  it('reports a library that cannot load as a clear error', () => {
    const service = createInputService({
      backend: () => {
        throw new Error('libXtst.so.6: cannot open shared object file')
      },
      display: () => ({ bounds: { x: 0, y: 0, width: 100, height: 100 }, scaleFactor: 1 }),
      platform: 'linux',
    })
    service.setControl({ holder: agent, granted: true })
    expect(() => service.apply({ from: agent, input: { kind: 'pointer_move', x: 0, y: 0 } })).toThrow(
      'remote control is not available here: libXtst.so.6',
    )
  })
})
