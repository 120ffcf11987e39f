import { randomUUID } from 'node:crypto'
import { findingsFor } from '@shared/diagnostics/findings'
import { MAX_SNAPSHOT_BYTES, parseSnapshot, type Snapshot } from '@shared/diagnostics/snapshot'
import type {
  DiagnosticsUpload,
  GetHelpReceipt,
  GetHelpRequest,
  GetHelpStatus,
  StoredDiagnostics,
} from '@shared/gethelp'
import { applyCommand } from '@shared/tickets/apply'
import { ticketCommandSchema } from '@shared/tickets/commands'
import type { TimelineEvent } from '@shared/tickets/events'
import { ticketLimits } from '@shared/tickets/limits'
import type { Actor } from '@shared/tickets/people'
import { defaultPriorityMatrix } from '@shared/tickets/priority'
import { hashToken, newSessionToken } from '../auth/tokens'
import type { EnrolmentOfCode } from '../enrolment/repository'
import { findOrCreateContact, upsertDeviceFromSnapshot } from '../people/service'
import { keyedDigest } from '../storage/hubKey'
import type { Database, Queryable } from '../storage/db'
import { queueTicketMail } from '../mail/outbox'
import {
  appendEvents,
  findTicket,
  insertEvents,
  lockOrganisation,
  nextChangeSeq,
  nextTicketNumber,
  saveTicket,
} from '../tickets/repository'

/** Tickets from Get Help are made by no staff account; this actor stands for the client. */
const getHelpActor: Actor = { id: '00000000-0000-4000-8000-000000000001', name: 'Get Help', role: 'agent' }

export class GetHelpError extends Error {
  constructor(
    readonly code: 'invalid_snapshot' | 'snapshot_too_large' | 'unknown_ticket' | 'invalid_ticket',
    message: string,
  ) {
    super(message)
  }
}

interface CheckedUpload {
  upload: DiagnosticsUpload
  snapshot: Snapshot | null
}

/** Parses what arrived: a desktop snapshot must be the current version and within the size limit. */
function checkUpload(upload: DiagnosticsUpload): CheckedUpload {
  if (upload.kind === 'browser') return { upload, snapshot: null }
  if (JSON.stringify(upload.snapshot).length > MAX_SNAPSHOT_BYTES) {
    throw new GetHelpError('snapshot_too_large', `The diagnostics are larger than ${MAX_SNAPSHOT_BYTES / 1024} KiB.`)
  }
  const parsed = parseSnapshot(upload.snapshot)
  if (!parsed.ok) throw new GetHelpError('invalid_snapshot', parsed.error)
  return { upload: { kind: 'desktop', snapshot: parsed.value }, snapshot: parsed.value }
}

function summarise(checked: CheckedUpload, missingDevices: string | null): string {
  if (!checked.snapshot) return 'Browser information'
  const findings = findingsFor(checked.snapshot, missingDevices ? { missingDevices } : {})
  const text = findings.length === 0 ? 'No findings' : findings.map((f) => f.title.en).join('; ')
  return text.slice(0, ticketLimits.callSummary)
}

async function storeDiagnostics(
  tx: Queryable,
  organisationId: string,
  ticketId: string,
  checked: CheckedUpload,
  eventId: string,
  requester: string,
  summary: string,
  now: Date,
  id: string = randomUUID(),
  missingDevices: string | null = null,
): Promise<TimelineEvent> {
  const data = checked.upload.kind === 'desktop' ? checked.upload.snapshot : checked.upload.info
  await tx.query(
    'insert into diagnostics (id, organisation_id, ticket_id, kind, data, received_at) values ($1, $2, $3, $4, $5, $6)',
    [id, organisationId, ticketId, checked.upload.kind, JSON.stringify(data), now.toISOString()],
  )
  return {
    id: eventId,
    ticketId,
    type: 'diagnostics_attached',
    author: { kind: 'requester', name: requester },
    at: now.toISOString(),
    payload: { diagnosticsId: id, summary, ...(missingDevices ? { missingDevices } : {}) },
  }
}

/**
 * The follow-up secret of a submission, derived from its idempotency key with the installation's
 * key: a retry gets the same secret back, and only its hash is stored, as before.
 */
async function followUpTokenFor(db: Database, requestKey: string): Promise<string> {
  return (await keyedDigest(db, 'gethelp-follow-up', requestKey)).toString('base64url')
}

async function ticketOfRequest(
  tx: Queryable,
  organisationId: string,
  requestKey: string,
): Promise<{ ticketId: string; ticketNumber: number } | null> {
  const [row] = await tx.query<{ id: string; number: number }>(
    `select t.id, t.number from gethelp_followups f join tickets t on t.id = f.ticket_id
     where f.request_key = $1 and t.organisation_id = $2`,
    [requestKey, organisationId],
  )
  return row ? { ticketId: row.id, ticketNumber: row.number } : null
}

/**
 * A new ticket from Get Help, with its diagnostics, numbered and announced in one transaction, filed
 * under the enrolment's organisation and customer: the requester becomes (or is found as) a contact
 * of that customer when they gave an e-mail address, a desktop snapshot records its device, and the
 * ticket links all three. A repeated submission (same idempotency key) answers the ticket the first
 * one filed (`repeated`).
 */
export async function createGetHelpTicket(
  db: Database,
  request: GetHelpRequest,
  enrolment: Pick<EnrolmentOfCode, 'organisationId' | 'customerId'>,
  now = new Date(),
): Promise<GetHelpReceipt & { organisationId: string; repeated: boolean }> {
  const organisationId = enrolment.organisationId
  const checked = request.diagnostics ? checkUpload(request.diagnostics) : null
  const findingTags = checked?.snapshot
    ? findingsFor(checked.snapshot, request.missingDevices ? { missingDevices: request.missingDevices } : {}).flatMap(
        (f) => f.tags,
      )
    : []
  const device = checked?.snapshot?.groups.os.info.data?.hostname ?? null
  const commandId = randomUUID()
  const ticketId = randomUUID()
  const diagnosticsId = randomUUID()
  const firstLine = request.description.split('\n')[0]!.trim()
  const key = request.requestKey?.toLowerCase() ?? null
  const token = key ? await followUpTokenFor(db, key) : newSessionToken().token
  return db.transaction(async (tx) => {
    await lockOrganisation(tx, organisationId)
    // Under the organisation's lock, so of two copies sent at the same moment the later finds the first.
    const earlier = key ? await ticketOfRequest(tx, organisationId, key) : null
    if (earlier) return { ...earlier, followUpToken: token, organisationId, repeated: true }
    const contact = await findOrCreateContact(tx, organisationId, {
      name: request.requester.name,
      email: request.requester.email,
      customerId: enrolment.customerId,
    })
    // A known address of another customer's contact stays that contact; the enrolment decides the customer.
    const contactId = contact && contact.customer.id === enrolment.customerId ? contact.contact.id : null
    // The device row's snapshot is the diagnostics row stored below, in this same transaction.
    // Without a host name or serial number a device cannot be told from the next one: none is recorded.
    const identifiable =
      device !== null || (!checked?.snapshot?.masked.serials && checked?.snapshot?.groups.hardware.system.data?.serial)
    const linkedDevice =
      checked?.snapshot && identifiable
        ? await upsertDeviceFromSnapshot(tx, organisationId, {
            customerId: enrolment.customerId,
            contactId,
            snapshotId: diagnosticsId,
            snapshot: checked.snapshot,
            at: now,
          })
        : null
    const command = ticketCommandSchema.parse({
      type: 'create_ticket',
      commandId,
      ticketId,
      baseVersion: null,
      deviceTime: now.toISOString(),
      payload: {
        subject: firstLine.length > 120 ? `${firstLine.slice(0, 117)}…` : firstLine,
        description: request.description,
        channel: 'gethelp',
        requester: {
          name: request.requester.name,
          email: request.requester.email,
          phone: null,
          device: device ? String(device).slice(0, ticketLimits.device) : null,
        },
        type: 'incident',
        category: request.category ?? 'other',
        impact: 'medium',
        urgency: 'medium',
        tags: [...new Set(findingTags)].slice(0, ticketLimits.tagsPerTicket),
        links: { customerId: enrolment.customerId, contactId, deviceId: linkedDevice?.device.id ?? null },
      },
    })
    const ticketNumber = await nextTicketNumber(tx, organisationId)
    const outcome = applyCommand(null, command, {
      actor: getHelpActor,
      now: now.toISOString(),
      matrix: defaultPriorityMatrix,
      ticketNumber,
    })
    if (!outcome.ok)
      throw new GetHelpError('invalid_ticket', `The request could not become a ticket (${outcome.error.kind}).`)
    const events: TimelineEvent[] = outcome.events.map((event) => ({
      ...event,
      author: { kind: 'requester', name: request.requester.name },
    }))
    const seq = await nextChangeSeq(tx)
    await saveTicket(tx, organisationId, outcome.ticket, seq)
    if (checked) {
      events.push(
        await storeDiagnostics(
          tx,
          organisationId,
          ticketId,
          checked,
          `${commandId}:diagnostics`,
          request.requester.name,
          summarise(checked, request.missingDevices),
          now,
          diagnosticsId,
          request.missingDevices,
        ),
      )
    }
    await insertEvents(tx, organisationId, events, seq)
    await queueTicketMail(tx, organisationId, outcome.ticket, events)
    await tx.query('insert into gethelp_followups (ticket_id, token_hash, request_key) values ($1, $2, $3)', [
      ticketId,
      hashToken(token),
      key,
    ])
    return { ticketId, ticketNumber, followUpToken: token, organisationId, repeated: false }
  })
}

async function followUp(db: Queryable, ticketId: string, token: string): Promise<{ organisationId: string }> {
  const [row] = await db.query<{ organisation_id: string }>(
    `select t.organisation_id from gethelp_followups f join tickets t on t.id = f.ticket_id
     where f.ticket_id = $1 and f.token_hash = $2`,
    [ticketId, hashToken(token)],
  )
  if (!row) throw new GetHelpError('unknown_ticket', 'There is no such request, or this client may not follow it up.')
  return { organisationId: row.organisation_id }
}

export async function getHelpStatus(db: Database, ticketId: string, token: string): Promise<GetHelpStatus> {
  const { organisationId } = await followUp(db, ticketId, token)
  const ticket = (await findTicket(db, organisationId, ticketId))!
  const [row] = await db.query<{ requested: boolean }>(
    'select fresh_requested_at is not null as requested from gethelp_followups where ticket_id = $1',
    [ticketId],
  )
  return { ticketNumber: ticket.number!, status: ticket.status, freshDiagnosticsRequested: row?.requested ?? false }
}

/** Fresh diagnostics for an existing Get Help ticket; answers the agent's request for them. */
export async function addGetHelpDiagnostics(
  db: Database,
  ticketId: string,
  token: string,
  upload: DiagnosticsUpload,
  now = new Date(),
): Promise<{ organisationId: string }> {
  const checked = checkUpload(upload)
  const { organisationId } = await followUp(db, ticketId, token)
  return db.transaction(async (tx) => {
    await lockOrganisation(tx, organisationId)
    const ticket = (await findTicket(tx, organisationId, ticketId))!
    const event = await storeDiagnostics(
      tx,
      organisationId,
      ticketId,
      checked,
      `${randomUUID()}:diagnostics`,
      ticket.requester.name,
      summarise(checked, null),
      now,
    )
    await appendEvents(tx, organisationId, ticket, [event])
    await tx.query('update gethelp_followups set fresh_requested_at = null where ticket_id = $1', [ticketId])
    return { organisationId }
  })
}

export async function requestFreshDiagnostics(
  db: Database,
  organisationId: string,
  ticketId: string,
  now = new Date(),
): Promise<boolean> {
  const rows = await db.query(
    `update gethelp_followups f set fresh_requested_at = $3 from tickets t
     where f.ticket_id = t.id and t.id = $1 and t.organisation_id = $2 returning f.ticket_id`,
    [ticketId, organisationId, now.toISOString()],
  )
  return rows.length > 0
}

export async function listDiagnostics(
  db: Database,
  organisationId: string,
  ticketId: string,
): Promise<StoredDiagnostics[]> {
  const rows = await db.query<{
    id: string
    ticket_id: string
    kind: 'desktop' | 'browser'
    data: unknown
    received_at: Date | string
  }>(
    'select id, ticket_id, kind, data, received_at from diagnostics where organisation_id = $1 and ticket_id = $2 order by received_at, id',
    [organisationId, ticketId],
  )
  return rows.map((row) => {
    const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data
    return {
      id: row.id,
      ticketId: row.ticket_id,
      receivedAt: new Date(row.received_at).toISOString(),
      upload: row.kind === 'desktop' ? { kind: 'desktop', snapshot: data } : { kind: 'browser', info: data },
    }
  })
}
