import { finishedStatuses } from '@shared/tickets/status'
import { samePhone, ticketSummarySchema, type TicketSummary } from '@shared/people'
import type { Queryable } from '../storage/db'

export interface PersonKeys {
  emails: readonly string[]
  /** Normalised with the shared `phoneDigits`. */
  phoneDigits: readonly string[]
}

export interface PersonTicket extends TicketSummary {
  requesterEmail: string | null
  requesterPhone: string | null
}

/** Tickets considered at most per lookup; the newest changed come first. */
const ticketScanLimit = 500

/**
 * Tickets whose requester has one of these e-mail addresses or phone numbers (any way of writing
 * it), or that were filed with one of these diagnostics snapshots, or that are linked to the device;
 * newest changed first. With a device, a person's tickets linked to another device are left out.
 * The requester's phone is normalised in SQL exactly as `phoneDigits` does.
 */
export async function ticketsOfPeople(
  db: Queryable,
  organisationId: string,
  keys: PersonKeys & { snapshotIds?: readonly string[]; deviceId?: string },
): Promise<PersonTicket[]> {
  const phones = keys.phoneDigits.filter((digits) => digits.length >= 6)
  if (keys.emails.length === 0 && phones.length === 0 && !keys.snapshotIds?.length && !keys.deviceId) return []
  const rows = await db.query<{
    id: string
    number: number | null
    status: string
    priority: string
    data: {
      subject: string
      createdAt: string
      updatedAt: string
      requester: { email: string | null; phone: string | null }
    }
  }>(
    `with t as (
       select id, number, status, priority, data, change_seq,
              lower(data->'requester'->>'email') as email,
              regexp_replace(regexp_replace(coalesce(data->'requester'->>'phone', ''), '[^0-9]', '', 'g'), '^0+', '') as digits,
              data->'links'->>'deviceId' as device_id
         from tickets where organisation_id = $1)
     select id, number, status, priority, data from t
      where ((email = any($2::text[])
              or (length(digits) >= 6 and exists (
                    select 1 from unnest($3::text[]) p where digits like '%' || p or p like '%' || digits)))
             and ($5::text is null or device_id is null or device_id = $5::text))
         or id in (select d.ticket_id from diagnostics d where d.organisation_id = $1 and d.id = any($4::uuid[]))
         or ($5::text is not null and device_id = $5::text)
      order by change_seq desc limit ${ticketScanLimit}`,
    [organisationId, keys.emails, phones, keys.snapshotIds ?? [], keys.deviceId ?? null],
  )
  return rows.map((row) => ({
    ...ticketSummarySchema.parse({
      id: row.id,
      number: row.number,
      subject: row.data.subject,
      status: row.status,
      priority: row.priority,
      createdAt: row.data.createdAt,
      updatedAt: row.data.updatedAt,
    }),
    requesterEmail: row.data.requester.email?.toLowerCase() ?? null,
    requesterPhone: row.data.requester.phone,
  }))
}

/** Whether the ticket's requester is this person (same address, or the same number written another way). */
export function isPersonsTicket(ticket: PersonTicket, person: { email: string | null; phone: string | null }): boolean {
  if (person.email && ticket.requesterEmail === person.email.toLowerCase()) return true
  return person.phone !== null && ticket.requesterPhone !== null && samePhone(person.phone, ticket.requesterPhone)
}

export const isOpen = (ticket: TicketSummary) => !finishedStatuses.includes(ticket.status)

export function summary({ requesterEmail: _e, requesterPhone: _p, ...ticket }: PersonTicket): TicketSummary {
  return ticket
}
