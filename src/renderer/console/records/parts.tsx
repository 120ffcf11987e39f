import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isSpecialistRole } from '@shared/records/common'
import { useConsoleStore } from '../store'
import { ticketIdsFromNumbers } from './ticketNumbers'
import type { Fetched } from './useRecords'

/** The hub's refusal or a form's complaint, announced to screen readers as it appears. */
export function ErrorText({ error }: { error: string | null }) {
  if (!error) return null
  return (
    <p role="alert" className="error">
      {error}
    </p>
  )
}

/**
 * The body of a records dialog: 2nd level records new ones on top, then the list, and under it
 * the record chosen from the list (a newly recorded one is chosen at once).
 */
export function RecordManagement<T extends { id: string }>(props: {
  records: Fetched<T[]>
  listLabel: string
  noneText: string
  newForm: (onCreated: (id: string) => void) => ReactNode
  summary: (record: T) => string
  detail: (record: T) => ReactNode
}) {
  const role = useConsoleStore((s) => s.account?.role ?? 'agent')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const { data, error } = props.records
  const selected = data?.find((record) => record.id === selectedId) ?? null
  return (
    <div className="records-management">
      {isSpecialistRole(role) && props.newForm(setSelectedId)}
      {error && <p className="muted">{error}</p>}
      {data?.length === 0 && <p className="muted">{props.noneText}</p>}
      <ul className="records-list" aria-label={props.listLabel}>
        {data?.map((record) => (
          <li key={record.id}>
            <button
              type="button"
              className={record.id === selectedId ? '' : 'secondary'}
              aria-expanded={record.id === selectedId}
              onClick={() => setSelectedId(record.id === selectedId ? null : record.id)}
            >
              {props.summary(record)}
            </button>
          </li>
        ))}
      </ul>
      {selected && props.detail(selected)}
    </div>
  )
}

/** A moment as records show it: short date and time in the Console's language. */
export function useShortTime(): (at: string) => string {
  const { i18n } = useTranslation()
  return (at) => new Date(at).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' })
}

export type TitleAndDescription = { title: string; description: string }

/** The title and description every new problem and change starts with. */
export function TitleFields(props: {
  value: TitleAndDescription
  onChange: (patch: Partial<TitleAndDescription>) => void
}) {
  const { t } = useTranslation()
  return (
    <>
      <label>
        {t('console.records.title')}
        <input required value={props.value.title} onChange={(e) => props.onChange({ title: e.target.value })} />
      </label>
      <label>
        {t('console.records.description')}
        <textarea
          rows={2}
          value={props.value.description}
          onChange={(e) => props.onChange({ description: e.target.value })}
        />
      </label>
    </>
  )
}

/**
 * Reads typed ticket numbers into ticket ids from the local cache; when a number names no known
 * ticket, `read` answers null and `error` says which numbers.
 */
export function useTicketNumbers() {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)
  const [error, setError] = useState<string | null>(null)
  const read = async (text: string): Promise<string[] | null> => {
    if (!db) return null
    const tickets = await ticketIdsFromNumbers(db, text)
    if (!tickets.ok) {
      setError(t('console.records.unknownNumbers', { numbers: tickets.unknown.join(', ') }))
      return null
    }
    setError(null)
    return tickets.ids
  }
  return { read, error }
}
