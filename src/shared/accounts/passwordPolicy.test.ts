import { describe, expect, it } from 'vitest'
import { isCommonPassword } from './commonPasswords'
import { checkPassword } from './passwordPolicy'

const check = (password: string, email = 'nina.neumann@example.org') =>
  checkPassword(password, { email, isCommon: isCommonPassword })

describe('password policy', () => {
  it('asks for length, not composition: a long all-lower-case passphrase is fine', () => {
    expect(check('purple tractor under the bridge')).toBeNull()
    expect(check('zwölf zeichen ä')).toBeNull()
  })

  it('counts characters as people do and limits the length', () => {
    expect(check('elevenchars')).toBe('too_short')
    // Eleven emoji are 22 UTF-16 units but still eleven characters.
    expect(check('😀'.repeat(11))).toBe('too_short')
    expect(check('xyz1'.repeat(64))).toBeNull()
    expect(check('xyz1'.repeat(64) + 'y')).toBe('too_long')
  })

  it('refuses the most common passwords, also with digits or symbols added', () => {
    expect(isCommonPassword('qwerty123456')).toBe(true)
    expect(check('qwerty123456')).toBe('common')
    expect(check('Password12345!')).toBe('common')
    expect(check('1qaz2wsx3edc')).toBe('common')
    expect(check('!!Firstline2026')).toBe('common')
  })

  it('refuses repeated characters and the own e-mail name', () => {
    expect(check('aaaaaaaaaaaaaaaa')).toBe('repetitive')
    expect(check('abababababababab')).toBe('repetitive')
    expect(check('my name is Nina.Neumann!')).toBe('contains_email')
    expect(check('a passphrase with ab in it', 'ab@example.org')).toBeNull()
  })

  it('without the list (a client checking early) everything but the list still applies', () => {
    expect(checkPassword('qwerty123456', {})).toBeNull()
    expect(checkPassword('short', {})).toBe('too_short')
  })
})
