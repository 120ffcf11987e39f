/**
 * The password policy, after NIST SP 800-63B: length rather than composition rules. At least 12
 * characters (long enough that guessing offline from a stolen hash stays out of reach, short
 * enough for a passphrase people remember), at most 256, any characters; refused when it is a
 * commonly used password (or one with only digits and symbols added), repeats one or two
 * characters, or contains the account's own e-mail name. The hub checks with the shipped list
 * of common passwords; a client may check everything else before sending.
 */
export const passwordLimits = { min: 12, max: 256 } as const

export const passwordProblems = ['too_short', 'too_long', 'common', 'repetitive', 'contains_email'] as const
export type PasswordProblem = (typeof passwordProblems)[number]

/** What each problem means, in the words the hub answers with (the Console translates the code). */
export const passwordProblemMessages: Record<PasswordProblem, string> = {
  too_short: `The password needs at least ${passwordLimits.min} characters.`,
  too_long: `The password may have at most ${passwordLimits.max} characters.`,
  common: 'This password is one of the most commonly used passwords. Choose another.',
  repetitive: 'The password repeats the same few characters. Choose another.',
  contains_email: 'The password contains your e-mail address. Choose another.',
}

/** Words that are too obvious for this product's accounts, whatever the list says. */
const obviousWords = ['firstline']

export function checkPassword(
  password: string,
  context: { email?: string | null; isCommon?: (candidate: string) => boolean },
): PasswordProblem | null {
  // Length in characters as people count them, not UTF-16 units.
  const length = [...password].length
  if (length < passwordLimits.min) return 'too_short'
  if (length > passwordLimits.max) return 'too_long'
  const lower = password.toLowerCase()
  if (new Set(lower).size <= 2) return 'repetitive'
  const local = context.email?.split('@')[0]?.toLowerCase() ?? ''
  if (local.length >= 3 && lower.includes(local)) return 'contains_email'
  if (context.isCommon) {
    // A common password with digits or symbols stuck on either end is as easy to guess.
    const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '')
    if (context.isCommon(lower) || (core.length >= 4 && context.isCommon(core))) return 'common'
    if (obviousWords.some((word) => core === word)) return 'common'
  }
  return null
}
