import { useLiveQuery } from 'dexie-react-hooks'
import { useTranslation } from 'react-i18next'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { useConsoleStore } from '../store'

/**
 * Hierarchical escalation made visible: every open major incident, on every Console, above the
 * work. Leads (admins) and specialists act on it; agents know not to open duplicates.
 */
export function MajorIncidentBanner() {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)
  const selectTicket = useConsoleStore((s) => s.selectTicket)
  const open = useLiveQuery(() => (db ? db.tickets.where('major').equals(1).toArray() : []), [db]) ?? []
  if (open.length === 0) return null
  return (
    <section className="major-banner" role="alert" aria-label={t('console.escalation.majorBannerHeading')}>
      <ul>
        {open.map((ticket) => (
          <li key={ticket.id}>
            <button type="button" className="link" onClick={() => selectTicket(ticket.id)}>
              {t('console.escalation.majorBanner', {
                number: ticket.number ? formatTicketNumber(ticket.number) : '—',
                reason: ticket.majorIncident?.reason ?? '',
                name: ticket.majorIncident?.declaredBy ?? '',
              })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
