import { randomBytes } from 'node:crypto'
import type { Account } from '@shared/auth'
import {
  enrolmentCodeFromBytes,
  enrolmentFragment,
  formatEnrolmentCode,
  type EnrolmentCreated,
  type EnrolmentInput,
} from '@shared/enrolment'
import { recordAdminAction } from '../audit/adminAudit'
import { findCustomer } from '../people/customers'
import { notFound, PeopleError } from '../people/errors'
import type { Queryable } from '../storage/db'
import { findEnrolment, hashEnrolmentCode, insertEnrolment, revokeEnrolment } from './repository'

/** The Get Help page of this hub, enrolled by the code in the address fragment. */
export function enrolmentLink(hubUrl: string, code: string): string {
  return `${hubUrl.replace(/\/$/, '')}/gethelp#${enrolmentFragment}=${formatEnrolmentCode(code)}`
}

/** Makes an enrolment for one of the organisation's customers; the code is returned here and never again. */
export async function createEnrolment(
  tx: Queryable,
  account: Account,
  customerId: string,
  input: EnrolmentInput,
  hubUrl: string,
  now: Date,
  code = enrolmentCodeFromBytes(randomBytes(10)),
): Promise<EnrolmentCreated> {
  const organisationId = account.organisation.id
  const customer = await findCustomer(tx, organisationId, customerId)
  if (!customer) throw notFound('customer')
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null
  if (expiresAt && expiresAt <= now) throw new PeopleError(400, 'invalid_expiry', 'The expiry date is already past.')
  const id = await insertEnrolment(tx, {
    organisationId,
    customerId,
    label: input.label,
    codeHash: await hashEnrolmentCode(tx, code),
    createdBy: account.id,
    expiresAt,
    now,
  })
  await recordAdminAction(tx, account, {
    action: 'enrolment.created',
    target: { kind: 'enrolment', id, name: `${customer.name}: ${input.label}` },
    details: { customer: customer.name, label: input.label, expiresAt: expiresAt?.toISOString() ?? null },
  })
  const enrolment = (await findEnrolment(tx, organisationId, id, now))!
  return { enrolment, code: formatEnrolmentCode(code), link: enrolmentLink(hubUrl, code) }
}

export async function withdrawEnrolment(tx: Queryable, account: Account, id: string, now: Date) {
  const organisationId = account.organisation.id
  const revoked = await revokeEnrolment(tx, organisationId, id, now)
  if (!revoked) throw notFound('enrolment')
  if (revoked.changed) {
    const customer = await findCustomer(tx, organisationId, revoked.enrolment.customerId)
    await recordAdminAction(tx, account, {
      action: 'enrolment.revoked',
      target: { kind: 'enrolment', id, name: `${customer?.name ?? ''}: ${revoked.enrolment.label}` },
      details: { customer: customer?.name ?? null, label: revoked.enrolment.label },
    })
  }
  return revoked.enrolment
}
