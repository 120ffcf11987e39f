import { describe, expect, it, vi } from 'vitest'
import { buildApi, getHelpOnlyChannels, windowChannels } from './bridge'

describe('window channels', () => {
  it("gives screen capture, remote input and Get Help's enrolment to Get Help only, never to the Console", () => {
    expect([...getHelpOnlyChannels].sort()).toEqual(
      [
        'capture.choose',
        'capture.sources',
        'diagnostics.snapshot',
        'input.apply',
        'input.setControl',
        'enrolment.get',
        'enrolment.set',
        'enrolment.clear',
      ].sort(),
    )
    const consoleApi = buildApi(windowChannels.console, vi.fn()) as Record<string, unknown>
    expect(consoleApi.capture).toBeUndefined()
    expect(consoleApi.input).toBeUndefined()
  })

  it('routes Get Help calls to their channel with their arguments', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }))
    const api = buildApi(windowChannels.gethelp, invoke)
    const call = { from: '6f1c1d6e-2f43-4d0e-9a35-1b1f3c7f2a10', input: { kind: 'pointer_move', x: 0, y: 1 } } as const
    await api.input.apply(call)
    await api.capture.choose('screen:0:0')
    expect(invoke.mock.calls).toEqual([
      ['input.apply', call],
      ['capture.choose', 'screen:0:0'],
    ])
  })
})
