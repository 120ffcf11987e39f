import { useTranslation } from 'react-i18next'
import type { TimelineEvent, TimelineEventOf } from '@shared/tickets/events'
import { formatDuration } from '../ui/duration'
import { formatRelative } from '../ui/relativeTime'
import { useGroupName } from './escalation/useGroupName'
import { TimelineAttachments } from './attachments/TimelineAttachments'
import { useTicketAttachments } from './attachments/useTicketAttachments'
import { DeliveryBadge } from './mail/DeliveryBadge'
import { FullMessageButton } from './mail/FullMessage'
import { useDeliveries } from './mail/useDeliveries'
import { useReceivedMails } from './mail/useReceivedMails'

function authorName(event: TimelineEvent): string {
  return event.author.kind === 'system' ? 'Firstline' : event.author.name
}

export function Timeline({ events, now }: { events: TimelineEvent[]; now: Date }) {
  const { t, i18n } = useTranslation()
  const groupName = useGroupName()
  const receivedMails = useReceivedMails(events)
  // Each event's time changes when the hub's copy replaces the optimistic one: ask for mails again then.
  const eventsKey = events.map((e) => e.at).join('|')
  const { deliveries, retry } = useDeliveries(events[0]?.ticketId ?? null, eventsKey)
  const attachments = useTicketAttachments(events[0]?.ticketId ?? null, eventsKey)
  /** Files the entry names but the hub has not listed (offline, or not yet confirmed). */
  const unlisted = (event: TimelineEvent): number =>
    event.type === 'public_reply' || event.type === 'internal_note'
      ? (event.payload.attachmentIds ?? []).filter((id) => !attachments.some((a) => a.id === id)).length
      : 0
  const describe = (event: TimelineEvent): string => {
    switch (event.type) {
      case 'status_changed':
        return t('console.ticket.events.status_changed', {
          from: t(`enums.status.${event.payload.from}`),
          to: t(`enums.status.${event.payload.to}`),
        })
      case 'field_changed':
        return t('console.ticket.events.field_changed', { field: t(`console.fields.${event.payload.field}`) })
      case 'article_linked':
        return t('console.ticket.events.article_linked', { title: event.payload.title })
      case 'article_rated':
        return t(`console.ticket.events.article_rated_${event.payload.verdict}`, { title: event.payload.title })
      case 'escalated':
        return t('console.ticket.events.escalated', { group: groupName(event.payload.handoff.targetGroup) })
      case 'major_incident':
        return t(`console.ticket.events.${event.payload.major ? 'major_incident_on' : 'major_incident_off'}`)
      case 'call_logged':
        return t('console.ticket.events.call_logged', {
          duration: formatDuration(event.payload.durationSeconds, i18n.language),
        })
      case 'session_summary':
        return t('console.ticket.events.session_summary_duration', {
          duration: formatDuration(
            event.payload.durationSeconds ??
              (Date.parse(event.payload.endedAt) - Date.parse(event.payload.startedAt)) / 1000,
            i18n.language,
          ),
        })
      case 'session_chat':
        return t('console.ticket.events.session_chat', { count: event.payload.messages.length })
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
            {receivedMails.has(event.id) && <FullMessageButton ticketId={event.ticketId} eventId={event.id} />}
            <TimelineAttachments attachments={attachments.filter((a) => a.eventId === event.id)} />
            {unlisted(event) > 0 && (
              <p className="muted">{t('console.attachments.unlisted', { count: unlisted(event) })}</p>
            )}
            {deliveries
              .filter((delivery) => delivery.eventId === event.id)
              .map((delivery) => (
                <DeliveryBadge key={delivery.id} delivery={delivery} onRetry={() => retry(delivery.id)} />
              ))}
            {event.type === 'session_summary' && <SessionSummaryDetails event={event} />}
            {event.type === 'session_chat' && <SessionChatDetails event={event} />}
          </li>
        ))}
      </ol>
    </section>
  )
}

function useClock(): (iso: string) => string {
  const { i18n } = useTranslation()
  return (iso) => new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })
}

/** Who took part, what the user allowed whom and when, control hand-overs and how the peers connected. */
function SessionSummaryDetails({ event }: { event: TimelineEventOf<'session_summary'> }) {
  const { t } = useTranslation()
  const clock = useClock()
  const p = event.payload
  const role = (value: string) =>
    value === 'end_user' || value === 'agent' || value === 'specialist'
      ? t(`console.ticket.sessionRole.${value}`)
      : value
  return (
    <ul className="timeline-session">
      <li>{t('console.ticket.sessionTime', { start: clock(p.startedAt), end: clock(p.endedAt) })}</li>
      <li>
        {t('console.ticket.sessionParticipants', {
          names: p.participants.map((x) => `${x.name} (${role(x.role)})`).join(', '),
        })}
      </li>
      {p.grants.length === 0 && p.permissions.length === 0 && <li>{t('console.ticket.sessionNoGrants')}</li>}
      {p.grants.length === 0 && p.permissions.length > 0 && (
        <li>
          {t('console.ticket.sessionAllowed', {
            permissions: p.permissions.map((x) => t(`console.ticket.sessionPermission.${x}`)).join(', '),
          })}
        </li>
      )}
      {p.grants.map((grant) => (
        <li key={`${grant.name}-${grant.permission}-${grant.grantedAt}`}>
          {t('console.ticket.sessionGrant', {
            name: grant.name,
            permission: t(`console.ticket.sessionPermission.${grant.permission}`),
            from: clock(grant.grantedAt),
            to: grant.revokedAt ? clock(grant.revokedAt) : '…',
          })}
        </li>
      ))}
      {p.controlHandovers.map((handover) => (
        <li key={`${handover.to}-${handover.at}`}>
          {t('console.ticket.sessionHandover', { to: handover.to, at: clock(handover.at) })}
        </li>
      ))}
      <li>
        {t('console.ticket.sessionConnection', { type: t(`console.ticket.sessionConnectionType.${p.connection}`) })}
      </li>
    </ul>
  )
}

/** The session's chat, as it was written, in order. */
function SessionChatDetails({ event }: { event: TimelineEventOf<'session_chat'> }) {
  const { t } = useTranslation()
  const clock = useClock()
  return (
    <>
      <ol className="timeline-chat" aria-label={t('console.ticket.sessionChatLabel')}>
        {event.payload.messages.map((message, index) => (
          <li key={index}>
            <time className="muted" dateTime={message.at}>
              {clock(message.at)}
            </time>{' '}
            <strong>{message.from}:</strong> {message.text}
          </li>
        ))}
      </ol>
      {event.payload.omitted > 0 && (
        <p className="muted">{t('console.ticket.sessionChatOmitted', { count: event.payload.omitted })}</p>
      )}
    </>
  )
}
