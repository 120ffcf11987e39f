import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Attachment } from '@shared/attachments/schema'
import { attachmentClient } from '../../platform/attachmentClient'
import { useConsoleStore } from '../store'
import { formatSize } from './formatSize'

/** A timeline entry's files: raster images as thumbnails, each with a download button. */
export function TimelineAttachments({ attachments }: { attachments: Attachment[] }) {
  const { t } = useTranslation()
  if (attachments.length === 0) return null
  return (
    <ul className="timeline-attachments" aria-label={t('console.attachments.listLabel')}>
      {attachments.map((attachment) => (
        <AttachmentItem key={attachment.id} attachment={attachment} />
      ))}
    </ul>
  )
}

function AttachmentItem({ attachment }: { attachment: Attachment }) {
  const { t, i18n } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)
  const [thumbnail, setThumbnail] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    if (!attachment.previewable || !token) return
    let url: string | null = null
    let stale = false
    attachmentClient(hubUrl, token)
      .preview(attachment.id)
      .then((blob) => {
        if (stale) return
        url = URL.createObjectURL(blob)
        setThumbnail(url)
      })
      .catch(() => undefined)
    return () => {
      stale = true
      if (url) URL.revokeObjectURL(url)
    }
  }, [hubUrl, token, attachment.id, attachment.previewable])

  // The download needs the sign-in token, so the file is fetched and handed to the browser as a blob.
  const download = async () => {
    if (!token) return
    setFailed(false)
    try {
      const blob = await attachmentClient(hubUrl, token).content(attachment.id)
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = attachment.fileName
      link.click()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
    } catch {
      setFailed(true)
    }
  }

  return (
    <li className="timeline-attachment">
      {thumbnail && <img src={thumbnail} alt={attachment.fileName} className="attachment-thumbnail" />}
      <span className="attachment-name" title={attachment.fileName}>
        {attachment.fileName}
      </span>
      <span className="attachment-meta">
        <span className="muted">{formatSize(attachment.size, i18n.language)}</span>
        <button
          type="button"
          className="link-button"
          aria-label={t('console.attachments.download', { name: attachment.fileName })}
          onClick={() => void download()}
        >
          {t('console.attachments.downloadShort')}
        </button>
      </span>
      {failed && (
        <span role="alert" className="error">
          {t('console.attachments.downloadFailed')}
        </span>
      )}
    </li>
  )
}
