import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatRecordNumber } from '@shared/records/common'
import type { Problem } from '@shared/records/problem'
import { ErrorText } from './parts'
import { useHubData, useRecordAction } from './useRecords'

/** The problem an incident belongs to, with the workaround agents hand out while it is a known error. */
export function TicketProblem(props: { ticketId: string; isIncident: boolean; problem: Problem | null }) {
  const { t } = useTranslation()
  const { problem } = props
  return (
    <section aria-labelledby="ticket-problem-heading" className="records-section">
      <h3 id="ticket-problem-heading">{t('console.records.problem.heading')}</h3>
      {problem ? (
        <div className={`ticket-problem problem-${problem.status}`}>
          <p>
            <strong>
              {formatRecordNumber('PRB', problem.number)} · {problem.title}
            </strong>{' '}
            · {t(`console.records.problemStatus.${problem.status}`)}
          </p>
          {problem.workaround && (
            <p className="workaround">{t('console.records.problem.workaround', { text: problem.workaround })}</p>
          )}
          {problem.rootCause && <p>{t('console.records.problem.rootCause', { text: problem.rootCause })}</p>}
          {problem.resolution && <p>{t('console.records.problem.resolution', { text: problem.resolution })}</p>}
        </div>
      ) : (
        <>
          <p className="muted">{t('console.records.problem.none')}</p>
          {props.isIncident && <LinkToProblem ticketId={props.ticketId} />}
        </>
      )}
    </section>
  )
}

function LinkToProblem({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation()
  const problems = useHubData('problems', (client) => client.problems())
  const open = (problems.data ?? []).filter((p) => p.status !== 'resolved')
  const [chosen, setChosen] = useState('')
  const { run, busy, error } = useRecordAction()
  if (open.length === 0) return null
  return (
    <div className="records-inline">
      <label>
        {t('console.records.problem.choose')}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">—</option>
          {open.map((problem) => (
            <option key={problem.id} value={problem.id}>
              {formatRecordNumber('PRB', problem.number)} · {problem.title}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="secondary"
        disabled={busy || !chosen}
        onClick={() => void run((client) => client.linkIncident(chosen, ticketId))}
      >
        {t('console.records.problem.link')}
      </button>
      <ErrorText error={error} />
    </div>
  )
}
