import { useEffect, useState } from 'react'
import type { Attachment } from '@shared/attachments/schema'
import { attachmentClient } from '../../platform/attachmentClient'
import { useConsoleStore } from '../store'

/**
 * The ticket's files as the hub lists them, fetched again when the timeline changes (`eventsKey`).
 * Offline it answers none: files are not cached, the timeline says so where entries carry some.
 */
export function useTicketAttachments(ticketId: string | null, eventsKey: string): Attachment[] {
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)
  const [attachments, setAttachments] = useState<Attachment[]>([])
  useEffect(() => {
    if (!ticketId || !token) return
    let stale = false
    attachmentClient(hubUrl, token)
      .list(ticketId)
      .then((list) => {
        if (!stale) setAttachments(list)
      })
      .catch(() => undefined)
    return () => {
      stale = true
    }
  }, [hubUrl, token, ticketId, eventsKey])
  return attachments
}
