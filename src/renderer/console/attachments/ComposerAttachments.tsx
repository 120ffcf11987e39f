import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Attachment } from '@shared/attachments/schema'
import { formatSize } from './formatSize'

interface Props {
  pending: Attachment[]
  uploading: boolean
  error: string | null
  onFiles: (files: { blob: Blob; name: string }[]) => void
  onRemove: (id: string) => void
}

/** The composer's "Attach file" button and the chips of files the next reply or note carries. */
export function ComposerAttachments({ pending, uploading, error, onFiles, onRemove }: Props) {
  const { t, i18n } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  return (
    <div className="composer-attachments">
      <button type="button" className="secondary" onClick={() => input.current?.click()}>
        {t('console.attachments.attach')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []).map((file) => ({ blob: file, name: file.name }))
          e.target.value = ''
          onFiles(files)
        }}
      />
      {uploading && (
        <span role="status" className="muted">
          {t('console.attachments.uploading')}
        </span>
      )}
      {pending.length > 0 && (
        <ul className="attachment-chips" aria-label={t('console.attachments.pendingLabel')}>
          {pending.map((attachment) => (
            <li key={attachment.id} className="attachment-chip">
              <span className="attachment-name" title={attachment.fileName}>
                {attachment.fileName}
              </span>
              <span className="muted">{formatSize(attachment.size, i18n.language)}</span>
              <button
                type="button"
                className="link-button"
                aria-label={t('console.attachments.remove', { name: attachment.fileName })}
                onClick={() => onRemove(attachment.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  )
}
