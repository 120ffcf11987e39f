import { useTranslation } from 'react-i18next'
import type { Ticket } from '@shared/tickets/model'
import { useConsoleStore } from '../store'
import { TicketChanges } from './TicketChanges'
import { TicketProblem } from './TicketProblem'
import { useHubData } from './useRecords'
import { VendorCases } from './VendorCases'

/**
 * Vendor cases, the problem and the changes of the ticket on screen. They are fetched from the
 * hub (not cached offline); when the ticket changes or the hub announces record changes, again.
 */
export function TicketRecordsPanel({ ticket }: { ticket: Pick<Ticket, 'id' | 'version' | 'status' | 'type'> }) {
  const { t } = useTranslation()
  const role = useConsoleStore((s) => s.account?.role ?? 'agent')
  const records = useHubData(`${ticket.id}:${ticket.version}`, (client) => client.ticketRecords(ticket.id))
  return (
    <section className="ticket-records" aria-labelledby="ticket-records-heading" aria-busy={records.loading}>
      <h2 id="ticket-records-heading">{t('console.records.panel.heading')}</h2>
      {records.error && (
        <p role="status" className="muted">
          {records.error}
        </p>
      )}
      {!records.data && records.loading && <p className="muted">{t('console.records.panel.loading')}</p>}
      {records.data && (
        <>
          <VendorCases ticketId={ticket.id} ticketStatus={ticket.status} role={role} cases={records.data.vendorCases} />
          <TicketProblem ticketId={ticket.id} isIncident={ticket.type === 'incident'} problem={records.data.problem} />
          <TicketChanges changes={records.data.changes} />
        </>
      )}
    </section>
  )
}
