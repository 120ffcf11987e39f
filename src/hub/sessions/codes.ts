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
 *   the code cannot work through the variants, and nobody else can aim at a code they do not know.
 * - Per code prefix (the first 3 digits): wrong entries are counted per prefix, across all
 *   addresses. After 30 in 10 minutes, only addresses without a failure of their own may still
 *   try that prefix, once each; after 100 the prefix is closed for the rest of the window. New
 *   codes are issued outside prefixes that are being guessed at, so the agent's next code works. Guessing from many addresses at once then has
 *   at most a 1 in 10,000 chance per code and window, and hammering one prefix leaves the other
 *   999 (every other organisation's codes, most likely) untouched: to close them all takes
 *   100,000 wrong entries from 20,000 addresses within ten minutes.
 * - Addresses: IPv4 per address, IPv6 per /64, since one subscriber holds a whole /64.
 */
export const codeDigits = 9
export const codeLifetimeMs = 10 * 60_000
export const addressFailureLimit = 5
export const addressWindowMs = 10 * 60_000
export const nearMissLimit = 5
export const codePrefixDigits = 3
export const prefixWindowMs = 10 * 60_000
/** Wrong entries per prefix after which only addresses without failures may try it. */
export const prefixCautionLimit = 30
/** Wrong entries per prefix after which it is closed for the rest of the window. */
export const prefixClosedLimit = 100

export function codePrefix(code: string): string {
  return code.slice(0, codePrefixDigits)
}

/** The key an address is limited under: IPv4 as is (also when mapped into IPv6), IPv6 by its /64. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!address.includes(':')) return address
  const [head = '', tail = ''] = address.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

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
