import { createHmac, randomInt } from 'node:crypto'

/**
 * One-time codes an agent reads out on the phone. The rules:
 *
 * - 9 digits from the CSPRNG, valid 10 minutes, good for exactly one session.
 * - Only HMAC-SHA-256(code secret, code) is stored: a copy of the database alone cannot be
 *   searched for the billion possible codes.
 * - Per address: 5 failed entries (wrong, expired, used or blocked codes) within 10 minutes
 *   block that address for the rest of the window, correct codes included.
 * - Per code, near misses: a wrong entry one digit or one swap of neighbouring digits away
 *   from a live code counts against that code; the 5th blocks it. Somebody who half-heard
 *   the code cannot work through the variants.
 * - Per code, hub-wide: every wrong entry anywhere counts against every live code; a code
 *   that has seen 100 wrong entries is blocked. Guessing from many addresses at once then has
 *   at most a 1 in 10 million chance per code, and the agent simply issues a new one.
 */
export const codeDigits = 9
export const codeLifetimeMs = 10 * 60_000
export const addressFailureLimit = 5
export const addressWindowMs = 10 * 60_000
export const nearMissLimit = 5
export const hubWideWrongEntryLimit = 100

export function generateCode(): string {
  return String(randomInt(0, 10 ** codeDigits)).padStart(codeDigits, '0')
}

export function hashCode(secret: string, code: string): string {
  return createHmac('sha256', secret).update(code).digest('hex')
}

/** Every code one typo away: each digit replaced by another, or two neighbours swapped. */
export function nearVariants(code: string): string[] {
  const variants = new Set<string>()
  for (let i = 0; i < code.length; i++) {
    for (let digit = 0; digit <= 9; digit++) {
      variants.add(code.slice(0, i) + String(digit) + code.slice(i + 1))
    }
    if (i + 1 < code.length) variants.add(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))
  }
  variants.delete(code)
  return [...variants]
}

/** Three groups of three, the way the Console shows it and the user types it. */
export function formatCode(code: string): string {
  return code.replace(/(\d{3})(?=\d)/g, '$1 ')
}
