import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentOutcome } from '@shared/records/api'
import { formatRecordNumber } from '@shared/records/common'
import { incidentFollowUps, problemRefusal, type IncidentFollowUp, type Problem } from '@shared/records/problem'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { useConsoleStore } from '../store'
import { ErrorText, RecordManagement, TitleFields, useTicketNumbers } from './parts'
import { RecordDialog } from './RecordDialog'
import { useHubData, useRecordAction } from './useRecords'

/** Problem management: record problems, link their incidents, publish a known error, resolve. */
export function ProblemRecordsDialog() {
  const { t } = useTranslation()
  return (
    <RecordDialog which="problems" heading={t('console.records.problems.heading')}>
      <ProblemManagement />
    </RecordDialog>
  )
}

function ProblemManagement() {
  const { t } = useTranslation()
  return (
    <RecordManagement
      records={useHubData('problems', (client) => client.problems())}
      listLabel={t('console.records.problems.list')}
      noneText={t('console.records.problems.none')}
      newForm={(onCreated) => <NewProblemForm onCreated={onCreated} />}
      summary={(problem) =>
        `${formatRecordNumber('PRB', problem.number)} · ${problem.title} · ${t(`console.records.problemStatus.${problem.status}`)}`
      }
      detail={(problem) => <ProblemDetail key={problem.id} problem={problem} />}
    />
  )
}

function NewProblemForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation()
  const { run, busy, error } = useRecordAction()
  const numbers = useTicketNumbers()
  const [id, setId] = useState(() => crypto.randomUUID())
  const blank = { title: '', description: '', incidents: '' }
  const [form, setForm] = useState(blank)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const ticketIds = await numbers.read(form.incidents)
    if (!ticketIds) return
    const created = await run((client) =>
      client.createProblem({ id, title: form.title, description: form.description, ticketIds }),
    )
    if (!created) return
    setForm(blank)
    setId(crypto.randomUUID())
    onCreated(created.id)
  }
  return (
    <form className="records-form" aria-label={t('console.records.problems.new')} onSubmit={(e) => void submit(e)}>
      <h3>{t('console.records.problems.new')}</h3>
      <TitleFields value={form} onChange={(patch) => setForm({ ...form, ...patch })} />
      <label>
        {t('console.records.problems.incidents')}
        <input value={form.incidents} onChange={(e) => setForm({ ...form, incidents: e.target.value })} />
      </label>
      <ErrorText error={numbers.error ?? error} />
      <button type="submit" disabled={busy}>
        {t('console.records.problems.create')}
      </button>
    </form>
  )
}

function ProblemDetail({ problem }: { problem: Problem }) {
  const { t } = useTranslation()
  const role = useConsoleStore((s) => s.account?.role ?? 'agent')
  const { run, busy, error } = useRecordAction()
  const [known, setKnown] = useState({ rootCause: problem.rootCause, workaround: problem.workaround })
  const [resolution, setResolution] = useState('')
  const [followUp, setFollowUp] = useState<IncidentFollowUp>('resolve')
  const [outcomes, setOutcomes] = useState<IncidentOutcome[] | null>(null)
  const editable = problemRefusal(role, 'resolve', problem.status) === null
  const canUnlink = problemRefusal(role, 'unlink', problem.status) === null
  const number = formatRecordNumber('PRB', problem.number)
  const count = (outcome: IncidentOutcome['outcome']) => outcomes?.filter((o) => o.outcome === outcome).length ?? 0
  const resolve = async () => {
    const answer = await run((client) => client.resolveProblem(problem.id, { resolution, incidents: followUp }))
    if (answer) setOutcomes(answer.incidents)
  }
  return (
    <article className="record-detail" aria-labelledby={`problem-${problem.id}`}>
      <h3 id={`problem-${problem.id}`}>
        {number} · {problem.title}
      </h3>
      <p>
        {t(`console.records.problemStatus.${problem.status}`)} · {problem.author.name}
      </p>
      {problem.description && <p className="record-text">{problem.description}</p>}
      {problem.workaround && (
        <p className="workaround">{t('console.records.problem.workaround', { text: problem.workaround })}</p>
      )}
      {problem.resolution && <p>{t('console.records.problem.resolution', { text: problem.resolution })}</p>}
      <h4>{t('console.records.problems.linked', { count: problem.incidents.length })}</h4>
      <ul className="record-links" aria-label={t('console.records.problems.linkedList', { problem: number })}>
        {problem.incidents.map((incident) => (
          <li key={incident.ticketId}>
            {formatTicketNumber(incident.number)} · {incident.subject} ·{' '}
            {t(`enums.status.${incident.status}`, { defaultValue: incident.status })}
            {canUnlink && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void run((client) => client.unlinkIncident(problem.id, incident.ticketId))}
              >
                {t('console.records.problems.unlink', { ticket: formatTicketNumber(incident.number) })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <div className="records-form">
          <label>
            {t('console.records.problems.rootCause')}
            <textarea
              rows={2}
              value={known.rootCause}
              onChange={(e) => setKnown({ ...known, rootCause: e.target.value })}
            />
          </label>
          <label>
            {t('console.records.problems.workaround')}
            <textarea
              rows={2}
              value={known.workaround}
              onChange={(e) => setKnown({ ...known, workaround: e.target.value })}
            />
          </label>
          <button
            type="button"
            disabled={busy || !known.workaround.trim()}
            onClick={() => void run((client) => client.markKnownError(problem.id, known))}
          >
            {t('console.records.problems.markKnownError')}
          </button>
          <label>
            {t('console.records.problems.resolution')}
            <textarea rows={2} value={resolution} onChange={(e) => setResolution(e.target.value)} />
          </label>
          <fieldset>
            <legend>{t('console.records.problems.followUp')}</legend>
            {incidentFollowUps.map((value) => (
              <label key={value} className="radio">
                <input
                  type="radio"
                  name={`follow-up-${problem.id}`}
                  value={value}
                  checked={followUp === value}
                  onChange={() => setFollowUp(value)}
                />
                {t(`console.records.problems.followUps.${value}`)}
              </label>
            ))}
          </fieldset>
          <button type="button" disabled={busy || !resolution.trim()} onClick={() => void resolve()}>
            {t('console.records.problems.resolve')}
          </button>
        </div>
      )}
      {outcomes && (
        <p role="status">
          {t('console.records.problems.outcome', {
            resolved: count('resolved'),
            notified: count('notified'),
            unchanged: count('unchanged') + count('refused'),
          })}
        </p>
      )}
      <ErrorText error={error} />
    </article>
  )
}
