import { createHash, randomBytes } from 'node:crypto'

/** Session tokens are 256 random bits; only their SHA-256 is stored, so a database leak reveals no usable token. */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashToken(token) }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The longest a token lives, however often it is used. */
export const sessionLifetimeMs = 7 * 24 * 60 * 60 * 1000

/** A token unused for this long stops working (FIRSTLINE_TOKEN_IDLE_MINUTES). */
export const defaultIdleMinutes = 12 * 60
