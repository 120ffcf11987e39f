import { describe, expect, it } from 'vitest'
import { loadHubConfig } from './config'

describe('hub configuration of the edge and sign-in', () => {
  it('defaults to no trusted proxy, no extra origin and a 12-hour idle time', () => {
    const config = loadHubConfig({}, '/web')
    expect(config.ok && config.value).toMatchObject({ trustedProxies: [], allowedOrigins: [], tokenIdleMinutes: 720 })
  })

  it('reads comma-separated proxies and origins and the idle time', () => {
    const config = loadHubConfig(
      {
        FIRSTLINE_TRUSTED_PROXIES: ' 10.0.0.1, 192.168.0.0/16,::1 ,fd00::/8',
        FIRSTLINE_ALLOWED_ORIGINS: 'https://desk.example, http://127.0.0.1:5173',
        FIRSTLINE_TOKEN_IDLE_MINUTES: '30',
      },
      '/web',
    )
    expect(config.ok && config.value).toMatchObject({
      trustedProxies: ['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8'],
      allowedOrigins: ['https://desk.example', 'http://127.0.0.1:5173'],
      tokenIdleMinutes: 30,
    })
  })

  it('refuses what it cannot use, naming the setting', () => {
    for (const [name, value] of [
      ['FIRSTLINE_TRUSTED_PROXIES', 'proxy.example'],
      ['FIRSTLINE_TRUSTED_PROXIES', '10.0.0.0/33'],
      ['FIRSTLINE_ALLOWED_ORIGINS', '*'],
      ['FIRSTLINE_ALLOWED_ORIGINS', 'https://desk.example/'],
      ['FIRSTLINE_TOKEN_IDLE_MINUTES', '0'],
    ] as const) {
      const config = loadHubConfig({ [name]: value }, '/web')
      expect(config.ok, `${name}=${value}`).toBe(false)
      expect(!config.ok && config.error).toContain(name)
    }
  })

  it('reads the e-mail reopen window and per-sender limit, with 14 days and 20 an hour by default', () => {
    const defaults = loadHubConfig({}, '/web')
    expect(defaults.ok && defaults.value.mailIntake).toEqual({ reopenWindowDays: 14, newTicketsPerHour: 20 })
    const set = loadHubConfig({ FIRSTLINE_MAIL_REOPEN_DAYS: '3', FIRSTLINE_MAIL_NEW_TICKETS_PER_HOUR: '5' }, '/web')
    expect(set.ok && set.value.mailIntake).toEqual({ reopenWindowDays: 3, newTicketsPerHour: 5 })
    for (const [name, value] of [
      ['FIRSTLINE_MAIL_REOPEN_DAYS', '-1'],
      ['FIRSTLINE_MAIL_NEW_TICKETS_PER_HOUR', '0'],
    ] as const) {
      const config = loadHubConfig({ [name]: value }, '/web')
      expect(!config.ok && config.error).toContain(name)
    }
  })
})
