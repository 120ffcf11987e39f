import { normaliseEnrolmentCode, type EnrolmentRefusal } from '@shared/enrolment'
import { AttemptLimiter } from '../sessions/attemptLimiter'
import { addressKey } from '../sessions/codes'
import type { Queryable } from '../storage/db'
import { enrolmentOfCodeHash, hashEnrolmentCode, touchEnrolment, type EnrolmentOfCode } from './repository'

/** Failed lookups (codes that never existed) per address within the window before that address must wait. */
export const enrolmentFailureLimit = 10
export const enrolmentWindowMs = 10 * 60_000

/** A refusal the anonymous Get Help routes answer with its status and a message that says whom to ask. */
export class EnrolmentError extends Error {
  constructor(
    readonly status: 403 | 429,
    readonly code: EnrolmentRefusal | 'too_many_attempts',
    message: string,
  ) {
    super(message)
  }
}

const askWhom =
  'Ask your IT support, or the service desk that gave you Get Help, for the Get Help link or enrolment code of your company.'

function refusal(code: EnrolmentRefusal, found: EnrolmentOfCode | null): EnrolmentError {
  if (code === 'enrolment_revoked')
    return new EnrolmentError(
      403,
      code,
      `${found!.organisationName} withdrew this Get Help set-up for ${found!.customerName}. Ask ${found!.organisationName}'s service desk or your IT support for a new Get Help link.`,
    )
  if (code === 'enrolment_expired')
    return new EnrolmentError(
      403,
      code,
      `This Get Help set-up for ${found!.customerName} has expired. Ask ${found!.organisationName}'s service desk or your IT support for a new Get Help link.`,
    )
  return new EnrolmentError(403, code, `This Get Help is not set up for your company. ${askWhom}`)
}

/**
 * Resolves the code an anonymous Get Help request carries to its organisation and customer, or
 * throws the refusal. A code that was never issued (or is mistyped) is "not enrolled" either way,
 * and counts against the sender's address; a revoked or expired code was real and says so.
 */
export class EnrolmentGate {
  private readonly failures: AttemptLimiter

  constructor(private readonly now: () => Date = () => new Date()) {
    this.failures = new AttemptLimiter(enrolmentFailureLimit, enrolmentWindowMs, now)
  }

  async resolve(db: Queryable, code: string | undefined, address: string): Promise<EnrolmentOfCode> {
    const key = addressKey(address)
    if (this.failures.isBlocked(key)) {
      throw new EnrolmentError(
        429,
        'too_many_attempts',
        'Too many wrong enrolment codes from this network. Please wait ten minutes, then try again.',
      )
    }
    const normalised = code === undefined ? null : normaliseEnrolmentCode(code)
    const found = normalised ? await enrolmentOfCodeHash(db, await hashEnrolmentCode(db, normalised)) : null
    if (!found) {
      if (code !== undefined && code.trim() !== '') this.failures.recordFailure(key)
      throw refusal('not_enrolled', null)
    }
    const now = this.now()
    if (found.revokedAt) throw refusal('enrolment_revoked', found)
    if (found.expiresAt && new Date(found.expiresAt) <= now) throw refusal('enrolment_expired', found)
    await touchEnrolment(db, found.id, now)
    return found
  }
}

const gates = new WeakMap<object, EnrolmentGate>()

/** One gate per database, shared by every route that takes a code, so failures count together. */
export function enrolmentGate(db: object): EnrolmentGate {
  let gate = gates.get(db)
  if (!gate) {
    gate = new EnrolmentGate()
    gates.set(db, gate)
  }
  return gate
}
