import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Attachment } from '@shared/attachments/schema'
import { attachmentClient } from '../../platform/attachmentClient'
import { HubRequestError } from '../../platform/hubClient'
import { useConsoleStore } from '../store'

/**
 * Files for the reply or note being written. Each is uploaded to the hub at once (upload first):
 * the command that names it is sent only after the hub has it, so nothing waits in the outbox for
 * a file. Offline, attaching is refused with a message; the text itself can still be sent.
 */
export function useAttachmentUpload(ticketId: string) {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)
  const [pending, setPending] = useState<Attachment[]>([])
  const [uploading, setUploading] = useState(0)
  const [error, setError] = useState<string | null>(null)

  const explain = useCallback(
    (name: string, failure: unknown): string => {
      if (!(failure instanceof HubRequestError) || failure.failure.kind === 'unreachable') {
        return t('console.attachments.offline', { name })
      }
      if (failure.failure.kind !== 'rejected') return t('console.attachments.failed', { name })
      // A body over the hub's limit is refused before any handler reads it: only the status tells.
      if (failure.failure.status === 413) return t('console.attachments.tooLarge', { name })
      switch (failure.failure.error) {
        case 'too_large':
          return t('console.attachments.tooLarge', { name })
        case 'ticket_full':
          return t('console.attachments.ticketFull', { name })
        case 'empty':
          return t('console.attachments.empty', { name })
        case 'not_found':
          return t('console.attachments.notOnHub', { name })
        default:
          return t('console.attachments.failed', { name })
      }
    },
    [t],
  )

  const upload = useCallback(
    async (files: readonly { blob: Blob; name: string }[]) => {
      if (!token || files.length === 0) return
      setError(null)
      setUploading((n) => n + files.length)
      const client = attachmentClient(hubUrl, token)
      for (const file of files) {
        try {
          const stored = await client.upload(ticketId, file.blob, file.name)
          setPending((list) => [...list, stored])
        } catch (failure) {
          setError(explain(file.name, failure))
        } finally {
          setUploading((n) => n - 1)
        }
      }
    },
    [hubUrl, token, ticketId, explain],
  )

  const remove = useCallback(
    (id: string) => {
      setPending((list) => list.filter((a) => a.id !== id))
      // The hub drops the unused upload; if that fails it is only an unused file on the ticket.
      if (token)
        void attachmentClient(hubUrl, token)
          .remove(id)
          .catch(() => undefined)
    },
    [hubUrl, token],
  )

  const clear = useCallback(() => setPending([]), [])
  return { pending, uploading: uploading > 0, error, upload, remove, clear }
}

/** Images on the clipboard (a pasted screenshot), named by when they were pasted. */
export function pastedImages(data: DataTransfer, now = new Date()): { blob: Blob; name: string }[] {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
  return Array.from(data.items)
    .filter((item) => item.kind === 'file' && item.type.startsWith('image/'))
    .flatMap((item, index) => {
      const file = item.getAsFile()
      if (!file) return []
      const extension = item.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png'
      const suffix = index > 0 ? `-${index + 1}` : ''
      return [{ blob: file, name: `screenshot-${stamp}${suffix}.${extension}` }]
    })
}
