import { useTranslation } from 'react-i18next'
import type { TimelineEvent } from '@shared/tickets/events'
import { formatRelative } from '../ui/relativeTime'
import { useGroupName } from './escalation/useGroupName'

function authorName(event: TimelineEvent): string {
  return event.author.kind === 'system' ? 'Firstline' : event.author.name
}

export function Timeline({ events, now }: { events: TimelineEvent[]; now: Date }) {
  const { t, i18n } = useTranslation()
  const groupName = useGroupName()
  const describe = (event: TimelineEvent): string => {
    switch (event.type) {
      case 'status_changed':
        return t('console.ticket.events.status_changed', {
          from: t(`enums.status.${event.payload.from}`),
          to: t(`enums.status.${event.payload.to}`),
        })
      case 'field_changed':
        return t('console.ticket.events.field_changed', { field: t(`console.fields.${event.payload.field}`) })
      case 'escalated':
        return t('console.ticket.events.escalated', { group: groupName(event.payload.handoff.targetGroup) })
      case 'major_incident':
        return t(`console.ticket.events.${event.payload.major ? 'major_incident_on' : 'major_incident_off'}`)
      case 'call_logged':
        return t('console.ticket.events.call_logged', {
          minutes: Math.max(1, Math.round(event.payload.durationSeconds / 60)),
        })
      default:
        return t(`console.ticket.events.${event.type}`)
    }
  }
  const body = (event: TimelineEvent): string | null => {
    switch (event.type) {
      case 'public_reply':
      case 'internal_note':
      case 'handed_back':
        return 'body' in event.payload ? event.payload.body : event.payload.note
      case 'call_logged':
        return event.payload.summary
      case 'status_changed':
        return event.payload.note
      case 'major_incident':
        return event.payload.reason
      default:
        return null
    }
  }
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t('console.ticket.timeline')}</h3>
      <ol className="timeline">
        {[...events].reverse().map((event) => (
          <li key={event.id} className={`timeline-${event.type}`}>
            <span>
              <strong>{authorName(event)}</strong> {describe(event)}{' '}
              <time className="muted" dateTime={event.at}>
                {formatRelative(event.at, now, i18n.language)}
              </time>
            </span>
            {body(event) && <p>{body(event)}</p>}
          </li>
        ))}
      </ol>
    </section>
  )
}
