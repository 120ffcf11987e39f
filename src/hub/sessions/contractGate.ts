import type { RemoteAction } from '@shared/people'
import type { ContractRefusal } from '@shared/session/api'
import type { ParticipantRole } from '@shared/session/protocol'
import { recordAdminAction } from '../audit/adminAudit'
import { checkReachAccess, type Reach } from '../people/service'
import type { Queryable } from '../storage/db'
import { findTicket } from '../tickets/repository'
import { appendAudit } from './audit'

/**
 * The contract check on the way into a device. Sessions with no customer (an unenrolled Get Help on
 * a hub that keeps no customers, or a ticket nobody linked to one) are not checked: there is no
 * contract to hold them to. A known customer with an unknown device is checked as an unnamed client.
 */

/** Where in a session the check ran; recorded with each refusal. */
export type GateStep =
  | 'accept'
  | 'code_issue'
  | 'code_redeem'
  | 'invite'
  | 'join'
  | 'control_request'
  | 'control_grant'
  | 'control_take'
  | 'handover'

/** The customer and device a ticket's links name, or null without a customer. */
export async function ticketReach(
  db: Queryable,
  organisationId: string,
  ticketId: string | null,
): Promise<Reach | null> {
  if (!ticketId) return null
  const links = (await findTicket(db, organisationId, ticketId))?.links
  return links?.customerId ? { customerId: links.customerId, deviceId: links.deviceId } : null
}

/** What a session reaches: what it recorded itself (enrolment, or copied from its ticket), else its ticket's links. */
export async function reachOf(
  db: Queryable,
  organisationId: string,
  session: { customerId: string | null; deviceId: string | null; ticketId: string | null },
): Promise<Reach | null> {
  if (session.customerId) return { customerId: session.customerId, deviceId: session.deviceId }
  return ticketReach(db, organisationId, session.ticketId)
}

export interface Refused {
  refusal: ContractRefusal
  action: RemoteAction
  customer: { id: string; name: string }
  device: { id: string; name: string } | null
}

const sentence = (reason: string) => `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`

/** Null when the step may go ahead; otherwise the refusal to answer with and to record. */
export async function checkGate(
  db: Queryable,
  organisationId: string,
  reach: Reach | null,
  action: RemoteAction,
  now: Date,
): Promise<Refused | null> {
  if (!reach) return null
  const checked = await checkReachAccess(db, organisationId, reach, action, now)
  if (!checked || checked.access.ok) return null
  const { code, reason, params } = checked.access
  return {
    refusal: { error: 'contract_refused', message: sentence(reason), code, reason, params },
    action,
    customer: checked.customer,
    device: checked.device ? { id: checked.device.id, name: checked.device.name } : null,
  }
}

export interface RefusalRecord {
  organisationId: string
  /** The session's own audit trail gets the entry too, when there is a session. */
  sessionId: string | null
  ticketId: string | null
  step: GateStep
  actor: {
    accountId: string | null
    /** The participant, once joined. */
    participantId: string | null
    role: ParticipantRole
    displayName: string
  }
  refused: Refused
  at: Date
}

/** Writes a refusal to the session's audit trail and the organisation's admin audit log. Call in one transaction. */
export async function recordRefusal(tx: Queryable, record: RefusalRecord): Promise<void> {
  const { refused, actor } = record
  const detail = {
    step: record.step,
    action: refused.action,
    code: refused.refusal.code,
    reason: refused.refusal.reason,
    customerId: refused.customer.id,
    customerName: refused.customer.name,
    deviceId: refused.device?.id ?? null,
    deviceName: refused.device?.name ?? null,
  }
  if (record.sessionId) {
    await appendAudit(tx, record.sessionId, record.at, [
      {
        action: 'access_refused',
        actor: { id: actor.participantId, role: actor.role, displayName: actor.displayName },
        detail,
      },
    ])
  }
  await recordAdminAction(
    tx,
    { id: actor.accountId, displayName: actor.displayName, organisation: { id: record.organisationId } },
    {
      action: 'contract.access_refused',
      target: refused.device
        ? { kind: 'device', id: refused.device.id, name: refused.device.name }
        : { kind: 'customer', id: refused.customer.id, name: refused.customer.name },
      details: { ...detail, sessionId: record.sessionId, ticketId: record.ticketId },
    },
  )
}
