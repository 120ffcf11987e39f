export interface SignInThrottleSettings {
  /** Attempts on one account that need no wait. */
  freeAttempts: number
  /** The wait after the first attempt beyond the free ones; it doubles with each further one. */
  firstWaitMs: number
  /** The longest wait: an attacker can slow an account's owner down, never shut them out for long. */
  maxWaitMs: number
  /** An account with no attempt for this long starts afresh. */
  forgetAfterMs: number
  /** How long an address that signed in to an account stays known to it. */
  knownAddressMs: number
  /** Accounts and addresses kept in memory at most; the oldest go first. */
  maxTracked: number
}

export const defaultSignInThrottle: SignInThrottleSettings = {
  freeAttempts: 5,
  firstWaitMs: 2000,
  maxWaitMs: 60_000,
  forgetAfterMs: 15 * 60_000,
  knownAddressMs: 30 * 24 * 60 * 60_000,
  maxTracked: 10_000,
}

interface Counter {
  attempts: number
  lastAttemptAt: number
  /** No attempt is taken before this time. */
  waitUntil: number
}

/**
 * Password guessing per account, whatever address it comes from (the per-address limit is the
 * route's rate limit). Each attempt counts until it succeeds, so parallel guesses count too;
 * after the free attempts every further one makes the next wait, doubling up to `maxWaitMs`.
 * An address that signed in to the account before has a count of its own, so strangers' guesses
 * do not keep the owner out. Kept in memory: a restart forgets it, which an attacker cannot cause.
 */
export class SignInThrottle {
  private readonly counters = new Map<string, Counter>()
  private readonly knownAddresses = new Map<string, number>()

  constructor(
    private readonly now: () => number = Date.now,
    private readonly settings: SignInThrottleSettings = defaultSignInThrottle,
  ) {}

  /**
   * Counts an attempt on `email` from `address` and answers 0, or answers how many milliseconds
   * to wait first (the attempt is then not counted and its password must not be checked).
   */
  attempt(email: string, address: string): number {
    const key = this.counterKey(email, address)
    const now = this.now()
    const counter = this.current(key, now)
    if (counter.waitUntil > now) return counter.waitUntil - now
    counter.attempts += 1
    counter.lastAttemptAt = now
    const beyond = counter.attempts - this.settings.freeAttempts
    if (beyond > 0) {
      counter.waitUntil = now + Math.min(this.settings.firstWaitMs * 2 ** (beyond - 1), this.settings.maxWaitMs)
    }
    this.remember(this.counters, key, counter)
    return 0
  }

  /** The password was right: the count starts afresh and the address is known to the account. */
  succeeded(email: string, address: string): void {
    this.counters.delete(this.counterKey(email, address))
    this.remember(this.knownAddresses, pairKey(email, address), this.now())
  }

  private counterKey(email: string, address: string): string {
    const known = this.knownAddresses.get(pairKey(email, address))
    return known !== undefined && this.now() - known < this.settings.knownAddressMs
      ? pairKey(email, address)
      : accountKey(email)
  }

  private current(key: string, now: number): Counter {
    const counter = this.counters.get(key)
    if (counter && now - counter.lastAttemptAt < this.settings.forgetAfterMs) return counter
    return { attempts: 0, lastAttemptAt: now, waitUntil: 0 }
  }

  private remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key)
    map.set(key, value)
    // Maps iterate in insertion order: the first key is the one touched longest ago.
    while (map.size > this.settings.maxTracked) map.delete(map.keys().next().value!)
  }
}

const accountKey = (email: string) => email.trim().toLowerCase()
const pairKey = (email: string, address: string) => `${accountKey(email)} ${address}`
