import { describe, expect, it } from 'vitest'
import { defaultHubUrl, parseAppOptions } from './appArgs'

describe('app options', () => {
  it('opens the Console on the default hub when nothing is given', () => {
    expect(parseAppOptions(['electron', '.'], {})).toEqual({
      ok: true,
      value: { kind: 'console', hubUrl: defaultHubUrl },
    })
  })

  it('opens Get Help with --app=gethelp and takes the hub from --hub or the environment', () => {
    expect(parseAppOptions(['x', '--app=gethelp', '--hub=https://hub.example/'], {})).toEqual({
      ok: true,
      value: { kind: 'gethelp', hubUrl: 'https://hub.example' },
    })
    expect(parseAppOptions(['x'], { FIRSTLINE_HUB_URL: 'http://127.0.0.1:9000' })).toMatchObject({
      ok: true,
      value: { hubUrl: 'http://127.0.0.1:9000' },
    })
  })

  it('refuses an unknown app kind or a hub that is not http(s)', () => {
    expect(parseAppOptions(['x', '--app=admin'], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/--app must be console or gethelp/),
    })
    expect(parseAppOptions(['x', '--hub=ftp://hub'], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/http\(s\) URL/),
    })
  })

  it('takes an enrolment code with --enrol however it is typed, and refuses one that cannot be a code', () => {
    expect(parseAppOptions(['x', '--app=gethelp', '--enrol=abcd-efgh-jkmn-pqrs'], {})).toMatchObject({
      ok: true,
      value: { kind: 'gethelp', enrol: 'ABCDEFGHJKMNPQRS' },
    })
    expect(parseAppOptions(['x', '--enrol=1234'], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/--enrol must be an enrolment code/),
    })
  })
})
