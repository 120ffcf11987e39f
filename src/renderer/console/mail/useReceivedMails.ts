import { useEffect, useState } from 'react'
import type { TimelineEvent } from '@shared/tickets/events'
import { receivedMailClient } from '../../platform/mailboxClient'
import { useConsoleStore } from '../store'

/** Entries a received mail may have made: an e-mail ticket's description, the requester's replies. */
const mayBeMail = (event: TimelineEvent) =>
  (event.type === 'created' && event.payload.channel === 'email') ||
  (event.type === 'public_reply' && event.author.kind === 'requester')

/**
 * Which of the ticket's timeline entries came from a received mail, asked of the hub when the
 * timeline changes and only when an entry may have. Offline it answers none: the full message
 * lives on the hub only.
 */
export function useReceivedMails(events: TimelineEvent[]): Set<string> {
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)
  const [eventIds, setEventIds] = useState<Set<string>>(new Set())
  const ticketId = events[0]?.ticketId ?? null
  const candidates = events
    .filter(mayBeMail)
    .map((event) => `${event.id}@${event.at}`)
    .join('|')

  useEffect(() => {
    if (!ticketId || !token || !candidates) return
    let stale = false
    receivedMailClient(hubUrl, token)
      .eventIds(ticketId)
      .then((ids) => {
        if (!stale) setEventIds(new Set(ids))
      })
      .catch(() => undefined)
    return () => {
      stale = true
    }
  }, [hubUrl, token, ticketId, candidates])
  return eventIds
}
