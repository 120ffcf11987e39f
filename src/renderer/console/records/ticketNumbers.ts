import { parseTicketNumber } from '@shared/tickets/ticketNumber'
import type { ConsoleDb } from '../data/db'

/**
 * Reads "T-000012, 13 T14" into ticket ids from the local cache. Returns the ids, or the words
 * that name no known ticket so the form can say which.
 */
export async function ticketIdsFromNumbers(
  db: ConsoleDb,
  text: string,
): Promise<{ ok: true; ids: string[] } | { ok: false; unknown: string[] }> {
  const words = text.split(/[\s,;]+/).filter(Boolean)
  const ids: string[] = []
  const unknown: string[] = []
  for (const word of words) {
    const number = parseTicketNumber(word)
    const ticket = number === null ? undefined : await db.tickets.where('number').equals(number).first()
    if (ticket) ids.push(ticket.id)
    else unknown.push(word)
  }
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, ids: [...new Set(ids)] }
}
