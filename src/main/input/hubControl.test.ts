import { describe, expect, it } from 'vitest'
import type { ControlState } from '@shared/session/input'
import type { InputBackend } from './backend'
import { askHubOver, createHubCheckedControl } from './hubControl'
import { createInputService } from './service'

const agent = '6f1c1d6e-2f43-4d0e-9a35-1b1f3c7f2a10'
const specialist = '0b8e7a52-95a4-4d1f-8f6e-7c9a1d2b3e4f'
const session = { id: '3d1c8f0e-5b7a-4c2d-9e1f-0a2b3c4d5e6f', credential: 'c'.repeat(43) }
const click = { kind: 'pointer_down', x: 0.5, y: 0.5, button: 'left' } as const

function setup() {
  const calls: string[] = []
  const backend: InputBackend = {
    moveMouse: (x, y) => void calls.push(`move ${x},${y}`),
    mouseToggle: (state, button) => void calls.push(`${button} ${state}`),
    scrollMouse: () => undefined,
    keyToggle: () => undefined,
  }
  const input = createInputService({
    backend: () => backend,
    display: () => ({ bounds: { x: 0, y: 0, width: 1000, height: 800 }, scaleFactor: 1 }),
    platform: 'linux',
  })
  const questions: Array<{ resolve: (state: ControlState) => void }> = []
  const control = createHubCheckedControl(
    input,
    () => new Promise<ControlState>((resolve) => questions.push({ resolve })),
  )
  return { calls, input, control, questions }
}

describe('main checks the renderer’s word on control with the hub', () => {
  it('applies no input while the hub has not confirmed the grant, nor when it names someone else', async () => {
    const { input, control, questions } = setup()
    const claimed = control.setControl({ holder: agent, granted: true, session })
    expect(() => input.apply({ from: agent, input: click })).toThrow(/not granted/)
    questions[0]!.resolve({ holder: specialist, granted: true })
    await claimed
    expect(() => input.apply({ from: agent, input: click })).toThrow(/not granted/)
    expect(() => input.apply({ from: specialist, input: click })).toThrow(/not granted/)
  })

  it('applies input once the hub names the same holder, and stops at once on a withdrawal', async () => {
    const { calls, input, control, questions } = setup()
    const claimed = control.setControl({ holder: agent, granted: true, session })
    questions[0]!.resolve({ holder: agent, granted: true })
    await claimed
    expect(input.apply({ from: agent, input: click })).toEqual({ status: 'applied' })
    expect(calls).toContain('left down')
    await control.setControl({ holder: agent, granted: false, session })
    expect(calls.at(-1)).toBe('left up')
    expect(() => input.apply({ from: agent, input: click })).toThrow(/not granted/)
  })

  it('lets a revoke that arrives while a grant is being checked win', async () => {
    const { input, control, questions } = setup()
    const granted = control.setControl({ holder: agent, granted: true, session })
    await control.setControl({ holder: null, granted: false, session })
    questions[0]!.resolve({ holder: agent, granted: true })
    await granted
    expect(() => input.apply({ from: agent, input: click })).toThrow(/not granted/)
  })

  it('refuses a grant without a session to ask about, or when the hub cannot be asked', async () => {
    const { input, control, questions } = setup()
    await control.setControl({ holder: agent, granted: true, session: null })
    expect(questions).toHaveLength(0)
    expect(() => input.apply({ from: agent, input: click })).toThrow(/not granted/)

    const failing = createHubCheckedControl(input, () => Promise.reject(new Error('offline')))
    await failing.setControl({ holder: agent, granted: true, session })
    expect(() => input.apply({ from: agent, input: click })).toThrow(/not granted/)
  })

  it('asks the hub’s control route with the session credential and trusts only a well-formed answer', async () => {
    const asked: Array<{ url: string; authorization: string | null }> = []
    const answer = (body: unknown, status = 200) =>
      (async (url: string | URL | Request, init?: RequestInit) => {
        asked.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization') })
        return new Response(JSON.stringify(body), { status })
      }) as typeof fetch
    expect(await askHubOver('http://127.0.0.1:4780', answer({ holder: agent, granted: true }))(session)).toEqual({
      holder: agent,
      granted: true,
    })
    expect(asked[0]).toEqual({
      url: `http://127.0.0.1:4780/api/sessions/${session.id}/control`,
      authorization: `Bearer ${session.credential}`,
    })
    expect(await askHubOver('http://h', answer({ holder: 'me', granted: true }))(session)).toEqual({
      holder: null,
      granted: false,
    })
    expect(await askHubOver('http://h', answer({ error: 'unauthorized' }, 401))(session)).toEqual({
      holder: null,
      granted: false,
    })
  })
})
