import { useTranslation } from 'react-i18next'
import { useConsoleStore } from './store'

export function StatusBar() {
  const { t } = useTranslation()
  const connection = useConsoleStore((s) => s.connection)
  return (
    <footer className="status-bar">
      <p role="status" aria-label={t('console.status.label')} data-state={connection}>
        <span className={`dot dot-${connection}`} aria-hidden="true" />
        {t(`console.status.${connection}`)}
      </p>
    </footer>
  )
}
