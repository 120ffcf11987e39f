/**
 * Failed attempts per key (an address) in a sliding window. Kept in memory: a hub restart
 * forgets the counts, which costs an attacker a restart they cannot cause.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  isBlocked(key: string): boolean {
    return this.count(key) >= this.max
  }

  /** Failures of this key within the window. */
  count(key: string): number {
    return this.recent(key).length
  }

  recordFailure(key: string): void {
    const recent = this.recent(key)
    recent.push(this.now().getTime())
    this.failures.set(key, recent)
  }

  private recent(key: string): number[] {
    const since = this.now().getTime() - this.windowMs
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since)
    if (recent.length === 0) this.failures.delete(key)
    return recent
  }
}
