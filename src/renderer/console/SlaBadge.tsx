import { useTranslation } from 'react-i18next'
import { formatRelative } from '../ui/relativeTime'
import { atRiskWindowMs } from './data/queue'
import { noDeadline } from './data/db'

/** "due in 12 minutes" / "breached 3 minutes ago", coloured by how close the deadline is. */
export function SlaBadge({ dueAt, now }: { dueAt: string; now: Date }) {
  const { t, i18n } = useTranslation()
  if (dueAt === noDeadline) return null
  const left = new Date(dueAt).getTime() - now.getTime()
  const time = formatRelative(dueAt, now, i18n.language)
  const tone = left < 0 ? 'breached' : left < atRiskWindowMs ? 'at-risk' : 'ok'
  return (
    <span className={`sla sla-${tone}`}>
      {left < 0 ? t('console.ticket.sla.breached', { time }) : t('console.ticket.sla.dueIn', { time })}
    </span>
  )
}
