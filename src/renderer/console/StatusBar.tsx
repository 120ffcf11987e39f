import { useLiveQuery } from 'dexie-react-hooks'
import { useTranslation } from 'react-i18next'
import { useConsoleStore } from './store'

export function StatusBar() {
  const { t } = useTranslation()
  const connection = useConsoleStore((s) => s.connection)
  const syncState = useConsoleStore((s) => s.syncState)
  const received = useConsoleStore((s) => s.syncReceived)
  const db = useConsoleStore((s) => s.db)
  const setProblemsOpen = useConsoleStore((s) => s.setProblemsOpen)
  const pending = useLiveQuery(() => db?.outbox.count() ?? 0, [db]) ?? 0
  const problems = useLiveQuery(() => db?.problems.count() ?? 0, [db]) ?? 0
  const syncText =
    syncState === 'syncing'
      ? received > 0
        ? t('console.status.syncingCount', { count: received })
        : t('console.status.syncing')
      : syncState === 'offline'
        ? t('console.status.syncOffline')
        : t('console.status.synced')
  return (
    <footer className="status-bar">
      <p role="status" aria-label={t('console.status.label')} data-state={connection}>
        <span className={`dot dot-${connection}`} aria-hidden="true" />
        {t(`console.status.${connection}`)}
      </p>
      <p role="status" aria-label={t('console.status.sync')} data-state={syncState}>
        {syncText}
      </p>
      {pending > 0 && <p className="pending">{t('console.status.pending', { count: pending })}</p>}
      {problems > 0 && (
        <button type="button" className="warning" onClick={() => setProblemsOpen(true)}>
          {t('console.problems.open', { count: problems })}
        </button>
      )}
    </footer>
  )
}
