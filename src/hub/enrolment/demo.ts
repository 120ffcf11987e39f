import { enrolmentCodeFromBytes, formatEnrolmentCode } from '@shared/enrolment'
import type { Queryable } from '../storage/db'
import { keyedDigest } from '../storage/hubKey'
import { enrolmentOfCodeHash, hashEnrolmentCode, insertEnrolment } from './repository'
import { enrolmentLink } from './service'

/**
 * The demo customer's enrolment code, derived from the installation's key: codes are stored only
 * hashed, and this one can still be shown on every start (like the demo logins, but not only the first).
 */
export async function demoEnrolmentCode(db: Queryable): Promise<string> {
  return enrolmentCodeFromBytes(await keyedDigest(db, 'demo-enrolment', 'demo-customer'))
}

export async function seedDemoEnrolment(tx: Queryable, organisationId: string, customerId: string): Promise<void> {
  await insertEnrolment(tx, {
    organisationId,
    customerId,
    label: 'Demo: every device',
    codeHash: await hashEnrolmentCode(tx, await demoEnrolmentCode(tx)),
    createdBy: null,
    expiresAt: null,
    now: new Date(),
  })
}

export interface DemoEnrolment {
  code: string
  link: string
  customer: string
}

/** The demo enrolment as Get Help takes it, while it exists and is not revoked; null otherwise. */
export async function demoEnrolment(db: Queryable, hubUrl: string): Promise<DemoEnrolment | null> {
  const code = await demoEnrolmentCode(db)
  const found = await enrolmentOfCodeHash(db, await hashEnrolmentCode(db, code))
  if (!found || found.revokedAt) return null
  return { code: formatEnrolmentCode(code), link: enrolmentLink(hubUrl, code), customer: found.customerName }
}
