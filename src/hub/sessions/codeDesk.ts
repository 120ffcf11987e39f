import { randomBytes, randomUUID } from 'node:crypto'
import type { ContractRefusal, EndUserAccess, IssuedCode } from '@shared/session/api'
import type { Account } from '@shared/auth'
import type { Database } from '../storage/db'
import { AttemptLimiter } from './attemptLimiter'
import {
  addressFailureLimit,
  addressKey,
  addressWindowMs,
  codeLifetimeMs,
  codePrefix,
  generateCode,
  hashCode,
  nearMissLimit,
  nearVariants,
  prefixCautionLimit,
  prefixClosedLimit,
  prefixWindowMs,
} from './codes'
import { claimCode, countNearMiss, insertCode, isLiveCode, latestCode, linkCodeToSession } from './codeStore'
import { checkGate, recordRefusal, ticketReach, type Refused } from './contractGate'
import { createSession } from './newSession'

export type RedeemResult =
  | { ok: true; value: EndUserAccess }
  | { ok: false; status: 400 | 410 | 429; error: string; message: string }
  | { ok: false; status: 403; refusal: ContractRefusal }

export type IssueResult = { ok: true; value: IssuedCode } | { ok: false; refusal: ContractRefusal }

/** Thrown inside the redeem's transaction so the claimed code is given back. */
class RedeemRefused extends Error {
  constructor(
    readonly refused: Refused,
    readonly code: { organisationId: string; ticketId: string },
  ) {
    super('refused by contract')
  }
}

/** What the person at the computer reads: the agent's Console names the contract's exact words. */
const endUserRefusal =
  'Your organisation’s contract does not cover a remote session on this computer. Your IT contact has been told.'

/** Issues and redeems one-time codes under the rules in `codes.ts`. */
export class CodeDesk {
  private readonly secret: string
  private readonly addresses: AttemptLimiter
  /** Wrong entries per code prefix, from every address: guessing is bounded where it happens. */
  private readonly prefixes: AttemptLimiter

  constructor(
    private readonly db: Database,
    secret: string | null,
    private readonly now: () => Date,
    private readonly generate: () => string = generateCode,
  ) {
    this.secret = secret ?? randomBytes(32).toString('base64url')
    this.addresses = new AttemptLimiter(addressFailureLimit, addressWindowMs, now)
    this.prefixes = new AttemptLimiter(prefixClosedLimit, prefixWindowMs, now)
  }

  /** A code for a ticket whose customer's contract lets 2nd level see the linked device; refused otherwise, and recorded. */
  async issue(agent: Account, ticketId: string): Promise<IssueResult> {
    const issuedAt = this.now()
    const reach = await ticketReach(this.db, agent.organisation.id, ticketId)
    const refused = await checkGate(this.db, agent.organisation.id, reach, 'view', issuedAt)
    if (refused) {
      await this.db.transaction((tx) =>
        recordRefusal(tx, {
          organisationId: agent.organisation.id,
          sessionId: null,
          ticketId,
          step: 'code_issue',
          actor: { accountId: agent.id, participantId: null, role: 'agent', displayName: agent.displayName },
          refused,
          at: issuedAt,
        }),
      )
      return { ok: false, refusal: refused.refusal }
    }
    return { ok: true, value: await this.issueFree(agent, ticketId, issuedAt) }
  }

  private async issueFree(agent: Account, ticketId: string, issuedAt: Date): Promise<IssuedCode> {
    const expiresAt = new Date(issuedAt.getTime() + codeLifetimeMs)
    // Two live codes must never share a value, or one user could land in another's session.
    for (let attempt = 0; ; attempt++) {
      const code = this.generate()
      // A prefix being guessed at would make its holder wait; another is almost always free.
      if (attempt < 50 && this.prefixes.count(codePrefix(code)) >= prefixCautionLimit) continue
      const codeHash = hashCode(this.secret, code)
      if (await isLiveCode(this.db, codeHash, issuedAt)) continue
      await insertCode(this.db, {
        id: randomUUID(),
        codeHash,
        organisationId: agent.organisation.id,
        ticketId,
        issuedBy: agent.id,
        issuedAt,
        expiresAt,
      })
      return { code, expiresAt: expiresAt.toISOString() }
    }
  }

  async redeem(input: { code: string; name: string; address: string }): Promise<RedeemResult> {
    const address = addressKey(input.address)
    if (this.addresses.isBlocked(address)) {
      return {
        ok: false,
        status: 429,
        error: 'too_many_attempts',
        message: 'Too many codes were wrong. Wait 10 minutes, then try again.',
      }
    }
    const prefix = codePrefix(input.code)
    const guessed = this.prefixes.count(prefix)
    if (guessed >= prefixClosedLimit || (guessed >= prefixCautionLimit && this.addresses.count(address) > 0)) {
      return {
        ok: false,
        status: 429,
        error: 'too_many_attempts',
        message: 'Codes like this one are being guessed at right now. Ask your IT contact for a new code.',
      }
    }
    const now = this.now()
    const codeHash = hashCode(this.secret, input.code)
    const access = await this.db
      .transaction(async (tx) => {
        const code = await claimCode(tx, codeHash, now)
        if (!code) return null
        // The contract is checked when the session would start, not only when the code was issued.
        const reach = await ticketReach(tx, code.organisationId, code.ticketId)
        const refused = await checkGate(tx, code.organisationId, reach, 'view', now)
        if (refused) throw new RedeemRefused(refused, code)
        const created = await createSession(
          tx,
          {
            organisationId: code.organisationId,
            ticketId: code.ticketId,
            origin: 'code',
            status: 'active',
            requesterName: input.name,
            description: null,
            agentAccountId: code.issuedBy,
            requestedAt: null,
            startedAt: now,
            customerId: reach?.customerId ?? null,
            deviceId: reach?.deviceId ?? null,
          },
          (endUser) => ({
            action: 'code_redeemed',
            actor: { ...endUser, role: 'end_user' },
            detail: { codeId: code.id },
          }),
          now,
        )
        await linkCodeToSession(tx, code.id, created.sessionId)
        return created
      })
      .catch((error: unknown) => {
        if (error instanceof RedeemRefused) return error
        throw error
      })
    if (access instanceof RedeemRefused) {
      // The claim rolled back with the refusal; only the record of it is written.
      await this.db.transaction((tx) =>
        recordRefusal(tx, {
          organisationId: access.code.organisationId,
          sessionId: null,
          ticketId: access.code.ticketId,
          step: 'code_redeem',
          actor: { accountId: null, participantId: null, role: 'end_user', displayName: input.name },
          refused: access.refused,
          at: now,
        }),
      )
      return { ok: false, status: 403, refusal: { ...access.refused.refusal, message: endUserRefusal } }
    }
    if (access) return { ok: true, value: await this.describe(access.sessionId, access.credential) }

    this.addresses.recordFailure(address)
    const known = await latestCode(this.db, codeHash)
    if (known?.usedAt)
      return {
        ok: false,
        status: 410,
        error: 'code_used',
        message: 'This code has already been used. Ask your IT contact for a new one.',
      }
    if (known?.blockedAt)
      return {
        ok: false,
        status: 410,
        error: 'code_blocked',
        message: 'This code was blocked after too many wrong entries. Ask your IT contact for a new one.',
      }
    if (known)
      return {
        ok: false,
        status: 410,
        error: 'code_expired',
        message: 'This code has expired. Ask your IT contact for a new one.',
      }
    // Only entries that match no code at all are guesses; a used or expired code is not.
    this.prefixes.recordFailure(prefix)
    await countNearMiss(
      this.db,
      nearVariants(input.code).map((variant) => hashCode(this.secret, variant)),
      now,
      nearMissLimit,
    )
    return {
      ok: false,
      status: 400,
      error: 'code_wrong',
      message: 'This code is not valid. Check the digits, or ask your IT contact for a new code.',
    }
  }

  private async describe(sessionId: string, credential: string): Promise<EndUserAccess> {
    const [row] = await this.db.query<{ ticket_id: string; organisation_name: string; agent_name: string }>(
      `select s.ticket_id, o.name as organisation_name, a.display_name as agent_name
       from remote_sessions s join organisations o on o.id = s.organisation_id join accounts a on a.id = s.agent_account_id
       where s.id = $1`,
      [sessionId],
    )
    if (!row) throw new Error(`session ${sessionId} vanished`)
    return {
      sessionId,
      credential,
      ticketId: row.ticket_id,
      organisation: { name: row.organisation_name },
      agent: { displayName: row.agent_name },
    }
  }
}
