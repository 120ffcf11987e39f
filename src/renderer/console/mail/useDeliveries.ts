import { useCallback, useEffect, useState } from 'react'
import type { Delivery } from '@shared/mail/delivery'
import { deliveryClient } from '../../platform/mailClient'
import { useConsoleStore } from '../store'

/** How often the timeline asks again while a mail is still on its way. */
const pendingRefreshMs = 5000

/**
 * The ticket's mails to its requester, fetched from the hub when the timeline changes (`eventsKey`:
 * its events as the hub confirmed them) and again
 * while one is queued or sending. Offline it answers none: the badges are live state, not cache.
 */
export function useDeliveries(ticketId: string | null, eventsKey: string) {
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)
  const [deliveries, setDeliveries] = useState<Delivery[]>([])
  const [tick, setTick] = useState(0)

  useEffect(() => {
    if (!ticketId || !token) return
    let stale = false
    deliveryClient(hubUrl, token)
      .list(ticketId)
      .then((list) => {
        if (!stale) setDeliveries(list)
      })
      .catch(() => undefined)
    return () => {
      stale = true
    }
  }, [hubUrl, token, ticketId, eventsKey, tick])

  const pending = deliveries.some((d) => d.state === 'queued' || d.state === 'sending')
  useEffect(() => {
    if (!pending) return
    const timer = setTimeout(() => setTick((n) => n + 1), pendingRefreshMs)
    return () => clearTimeout(timer)
  }, [pending, deliveries])

  const retry = useCallback(
    async (id: string) => {
      if (!token) return
      const updated = await deliveryClient(hubUrl, token).retry(id)
      setDeliveries((list) => list.map((d) => (d.id === id ? updated : d)))
    },
    [hubUrl, token],
  )
  return { deliveries, retry }
}
