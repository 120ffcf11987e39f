import { useTranslation } from 'react-i18next'
import { approvalOutstanding, type Change } from '@shared/records/change'
import { formatRecordNumber } from '@shared/records/common'

/** One line per change: what, its state, and whether it still lacks its approval. */
export function ChangeLine({ change }: { change: Change }) {
  const { t } = useTranslation()
  const approval = change.approval
    ? t('console.records.change.approvedBy', { name: change.approval.by.name })
    : change.kind === 'standard'
      ? t('console.records.change.preApproved')
      : approvalOutstanding(change)
        ? t('console.records.change.approvalOutstanding')
        : null
  return (
    <>
      <strong>
        {formatRecordNumber('CHG', change.number)} · {change.title}
      </strong>{' '}
      ·{' '}
      <span className={`change-state change-${change.state}`}>{t(`console.records.changeState.${change.state}`)}</span>
      {' · '}
      {t(`console.records.changeKind.${change.kind}`)},{' '}
      {t('console.records.change.risk', { risk: t(`console.records.risk.${change.risk}`) })}
      {approval && ` · ${approval}`}
    </>
  )
}

export function TicketChanges({ changes }: { changes: Change[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="ticket-changes-heading" className="records-section">
      <h3 id="ticket-changes-heading">{t('console.records.change.heading')}</h3>
      {changes.length === 0 ? (
        <p className="muted">{t('console.records.change.none')}</p>
      ) : (
        <ul aria-labelledby="ticket-changes-heading">
          {changes.map((change) => (
            <li key={change.id}>
              <ChangeLine change={change} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
