import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContactMatch, TicketSummary } from '@shared/people'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { HubRequestError } from '../../platform/hubClient'
import { useConsoleStore } from '../store'
import { usePeopleClient, usePeopleFailureText } from './usePeople'

const typingDelayMs = 300
const minQueryLength = 2

type Lookup =
  | { state: 'idle' }
  | { state: 'searching'; matches: ContactMatch[] }
  | { state: 'done'; matches: ContactMatch[] }
  | { state: 'failed'; message: string }

/**
 * Looks the caller up on the hub while the agent types a name, number or address. Online only:
 * offline it says so and the call is taken as before, from what the agent types.
 */
export function CallerLookup({ query, onPick }: { query: string; onPick(match: ContactMatch): void }) {
  const { t } = useTranslation()
  const online = useConsoleStore((s) => s.connection === 'online')
  const client = usePeopleClient()
  const describe = usePeopleFailureText('load')
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' })
  const text = query.trim()
  const searchable = online && text.length >= minQueryLength

  useEffect(() => {
    if (!searchable) {
      setLookup({ state: 'idle' })
      return
    }
    const abort = new AbortController()
    setLookup((last) => ({ state: 'searching', matches: 'matches' in last ? last.matches : [] }))
    const timer = setTimeout(() => {
      client.lookupContacts(text, abort.signal).then(
        (result) => setLookup({ state: 'done', matches: result.matches }),
        (error: unknown) => {
          if (abort.signal.aborted) return
          const unreachable = error instanceof HubRequestError && error.failure.kind === 'unreachable'
          setLookup({ state: 'failed', message: unreachable ? t('console.people.lookup.offline') : describe(error) })
        },
      )
    }, typingDelayMs)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [searchable, text, client, describe, t])

  if (!online) {
    return text ? <p className="muted caller-lookup-note">{t('console.people.lookup.offline')}</p> : null
  }
  if (lookup.state === 'idle') return null
  if (lookup.state === 'failed') return <p className="muted caller-lookup-note">{lookup.message}</p>
  return (
    <section
      className="caller-lookup"
      aria-label={t('console.people.lookup.heading')}
      aria-busy={lookup.state === 'searching'}
    >
      <h3>{t('console.people.lookup.heading')}</h3>
      {lookup.state === 'searching' && lookup.matches.length === 0 && (
        <p className="muted">{t('console.people.lookup.searching')}</p>
      )}
      {lookup.state === 'done' && lookup.matches.length === 0 && (
        <p className="muted">{t('console.people.lookup.none', { query: text })}</p>
      )}
      <ul className="caller-matches">
        {lookup.matches.map((match) => (
          <CallerMatch key={match.contact.id} match={match} onPick={onPick} />
        ))}
      </ul>
    </section>
  )
}

function CallerMatch({ match, onPick }: { match: ContactMatch; onPick(match: ContactMatch): void }) {
  const { t } = useTranslation()
  const { contact, customer, openTickets, recentTickets, devices } = match
  return (
    <li className="caller-match" aria-label={`${contact.name}, ${customer.name}`}>
      <div className="caller-match-head">
        <span>
          <strong>{contact.name}</strong> · {customer.name}
          <span className="muted">
            {contact.phone ? ` · ${contact.phone}` : ''}
            {contact.email ? ` · ${contact.email}` : ''}
          </span>
        </span>
        <button type="button" onClick={() => onPick(match)}>
          {t('console.people.lookup.use', { name: contact.name })}
        </button>
      </div>
      <TicketLines label={t('console.people.lookup.openTickets')} tickets={openTickets} />
      <TicketLines label={t('console.people.lookup.recentTickets')} tickets={recentTickets} />
      {devices.length > 0 && (
        <p className="caller-devices">
          {t('console.people.lookup.devices')}: {devices.map((device) => device.name).join(', ')}
        </p>
      )}
    </li>
  )
}

function TicketLines({ label, tickets }: { label: string; tickets: TicketSummary[] }) {
  const { t } = useTranslation()
  if (tickets.length === 0) return null
  return (
    <ul className="caller-tickets" aria-label={label}>
      {tickets.map((ticket) => (
        <li key={ticket.id}>
          {ticket.number ? formatTicketNumber(ticket.number) : '—'} · {ticket.subject}{' '}
          <span className="muted">
            ({t(`enums.status.${ticket.status}`)}, {ticket.priority})
          </span>
        </li>
      ))}
    </ul>
  )
}
