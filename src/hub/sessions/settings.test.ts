import { describe, expect, it } from 'vitest'
import { loadHubConfig } from '../config'
import { defaultSessionSettings } from './settings'

describe('session settings from the environment', () => {
  it('default to no STUN or TURN, 30 idle minutes and a one-minute grace period', () => {
    const config = loadHubConfig({}, '/web')
    expect(config.ok && config.value.sessions).toEqual(defaultSessionSettings)
  })

  it('read ICE servers, the TURN secret and the timeouts', () => {
    const config = loadHubConfig(
      {
        FIRSTLINE_STUN_URLS: 'stun:127.0.0.1:3478',
        FIRSTLINE_TURN_URLS: 'turn:127.0.0.1:3478?transport=udp, turns:127.0.0.1:5349',
        FIRSTLINE_TURN_SECRET: 'a-long-enough-turn-secret',
        FIRSTLINE_TURN_TTL_SECONDS: '900',
        FIRSTLINE_SESSION_IDLE_MINUTES: '15',
        FIRSTLINE_SESSION_RECONNECT_SECONDS: '30',
      },
      '/web',
    )
    expect(config.ok && config.value.sessions).toEqual({
      stunUrls: ['stun:127.0.0.1:3478'],
      turnUrls: ['turn:127.0.0.1:3478?transport=udp', 'turns:127.0.0.1:5349'],
      turnSecret: 'a-long-enough-turn-secret',
      turnTtlSeconds: 900,
      idleTimeoutMs: 15 * 60_000,
      reconnectGraceMs: 30_000,
      codeSecret: null,
    })
  })

  it('refuses TURN without its secret and URLs of the wrong kind, saying which variable is wrong', () => {
    const noSecret = loadHubConfig({ FIRSTLINE_TURN_URLS: 'turn:127.0.0.1:3478' }, '/web')
    expect(noSecret).toMatchObject({ ok: false, error: expect.stringContaining('FIRSTLINE_TURN_SECRET') })
    const wrongKind = loadHubConfig({ FIRSTLINE_STUN_URLS: 'http://127.0.0.1' }, '/web')
    expect(wrongKind).toMatchObject({ ok: false, error: expect.stringContaining('FIRSTLINE_STUN_URLS') })
  })
})
