/** How remote sessions behave on this hub; `config.ts` fills it from the environment. */
export interface SessionSettings {
  stunUrls: string[]
  turnUrls: string[]
  /** coturn's `static-auth-secret`; without it no TURN server is handed out. */
  turnSecret: string | null
  /** Lifetime of a TURN credential; the hub renews it while the session runs. */
  turnTtlSeconds: number
  /** How often live credentials are renewed; half the lifetime unless a test sets it. */
  iceRenewMs?: number
  /** A running session with no activity from any participant for this long ends. */
  idleTimeoutMs: number
  /** A participant whose socket drops keeps its place, permissions and token for this long. */
  reconnectGraceMs: number
  /**
   * Key for hashing one-time codes. Without one, a random key per hub process is used, so codes
   * issued before a restart stop working; set it when several hub processes share a database.
   */
  codeSecret: string | null
  /** The clock for code expiry and the audit log; tests pass their own. */
  now?: () => Date
}

export const defaultSessionSettings: SessionSettings = {
  stunUrls: [],
  turnUrls: [],
  turnSecret: null,
  turnTtlSeconds: 600,
  idleTimeoutMs: 30 * 60_000,
  reconnectGraceMs: 60_000,
  codeSecret: null,
}
