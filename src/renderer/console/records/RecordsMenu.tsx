import { useTranslation } from 'react-i18next'
import { ChangeRecordsDialog } from './ChangeRecordsDialog'
import { ProblemRecordsDialog } from './ProblemRecordsDialog'
import { useRecordsStore } from './recordsStore'

/** The workspace header's way into problem and change management, with their dialogs. */
export function RecordsMenu() {
  const { t } = useTranslation()
  const setDialog = useRecordsStore((s) => s.setDialog)
  return (
    <>
      <button type="button" className="secondary" onClick={() => setDialog('problems')}>
        {t('console.records.problems.open')}
      </button>
      <button type="button" className="secondary" onClick={() => setDialog('changes')}>
        {t('console.records.changes.open')}
      </button>
      <ProblemRecordsDialog />
      <ChangeRecordsDialog />
    </>
  )
}
