import { useLiveQuery } from 'dexie-react-hooks'
import { findingsFor } from '@shared/diagnostics/findings'
import { findingsInputOf } from '@shared/gethelp'
import type { TimelineEvent } from '@shared/tickets/events'
import { parseSnapshot } from '@shared/diagnostics/snapshot'
import type { ConsoleDb } from '../data/db'
import type { TicketFindings } from './handoffDraft'

/** The findings of the ticket's newest desktop snapshot in the local cache, or null without one. */
export function useTicketFindings(
  db: ConsoleDb,
  ticketId: string,
  events: readonly TimelineEvent[],
): TicketFindings | null {
  const missingDevices = findingsInputOf(events).missingDevices
  return (
    useLiveQuery(async () => {
      const stored = await db.diagnostics.where('ticketId').equals(ticketId).sortBy('receivedAt')
      const newest = stored.filter((d) => d.upload.kind === 'desktop').at(-1)
      if (!newest || newest.upload.kind !== 'desktop') return null
      const parsed = parseSnapshot(newest.upload.snapshot)
      return parsed.ok
        ? { diagnosticsId: newest.id, findings: findingsFor(parsed.value, missingDevices ? { missingDevices } : {}) }
        : null
    }, [db, ticketId, missingDevices]) ?? null
  )
}
