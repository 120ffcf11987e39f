import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useModalDialog } from '../../ui/useModalDialog'
import { useRecordsStore, type RecordsDialog } from './recordsStore'

/** A modal for one records list; its content mounts only while open, so a closed list fetches nothing. */
export function RecordDialog(props: { which: Exclude<RecordsDialog, null>; heading: string; children: ReactNode }) {
  const { t } = useTranslation()
  const open = useRecordsStore((s) => s.dialog === props.which)
  const setDialog = useRecordsStore((s) => s.setDialog)
  const dialog = useModalDialog(open)
  const headingId = `${props.which}-records-heading`
  return (
    <dialog ref={dialog} className="records-dialog" aria-labelledby={headingId} onClose={() => setDialog(null)}>
      <h2 id={headingId}>{props.heading}</h2>
      {open && props.children}
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={() => setDialog(null)}>
          {t('console.records.close')}
        </button>
      </div>
    </dialog>
  )
}
