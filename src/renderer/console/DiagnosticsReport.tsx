import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { findingsFor, type FindingsInput } from '@shared/diagnostics/findings'
import { parseSnapshot, probeGroups, type Snapshot } from '@shared/diagnostics/snapshot'
import type { StoredDiagnostics } from '@shared/gethelp'
import { askForFreshDiagnostics, fetchTicketDiagnostics } from '../platform/hubClient'
import { formatRelative } from '../ui/relativeTime'
import { compareSnapshots, evidenceValues } from './diagnosticsView'
import { useConsoleStore } from './store'

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

function SnapshotReport({ snapshot, input }: { snapshot: Snapshot; input: FindingsInput }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language === 'de' ? 'de' : 'en'
  const findings = findingsFor(snapshot, input)
  return (
    <>
      <h4>{t('console.diagnostics.findings')}</h4>
      {findings.length === 0 && <p className="muted">{t('console.diagnostics.noFindings')}</p>}
      <ul className="findings">
        {findings.map((finding) => (
          <li key={finding.id} className={`finding finding-${finding.severity}`}>
            <strong>
              {t(`console.diagnostics.severity.${finding.severity}`)} ·{' '}
              {t(`console.diagnostics.group.${finding.group}`)}: {finding.title[language]}
            </strong>
            <p>{finding.explanation[language]}</p>
            <details>
              <summary>{t('console.diagnostics.evidence')}</summary>
              <dl>
                {evidenceValues(snapshot, finding.evidence).map(([path, value]) => (
                  <div key={path}>
                    <dt>{path}</dt>
                    <dd>{show(value)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </li>
        ))}
      </ul>
      {probeGroups.map((group) => (
        <details key={group}>
          <summary>{t(`console.diagnostics.group.${group}`)}</summary>
          <pre>{JSON.stringify(snapshot.groups[group], null, 2)}</pre>
        </details>
      ))}
    </>
  )
}

/**
 * The ticket's diagnostics as a readable report: findings first, each with the raw values behind
 * it, then the groups. Loaded from the hub once and kept in the local cache for offline reading.
 */
export function DiagnosticsReport({
  ticketId,
  version,
  input,
}: {
  ticketId: string
  version: number
  /** What the requester told Get Help besides the snapshot (the device they miss). */
  input: FindingsInput
}) {
  const { t, i18n } = useTranslation()
  const db = useConsoleStore((s) => s.db)!
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const stored = useLiveQuery(
    () => db.diagnostics.where('ticketId').equals(ticketId).sortBy('receivedAt'),
    [db, ticketId],
  )
  const [failed, setFailed] = useState(false)
  const [asked, setAsked] = useState(false)
  const [selected, setSelected] = useState<string | null>(null)
  const [compareWith, setCompareWith] = useState<string>('')

  useEffect(() => {
    fetchTicketDiagnostics(hubUrl, token, ticketId).then(
      (list) => void db.diagnostics.bulkPut(list),
      () => setFailed(true),
    )
  }, [db, hubUrl, token, ticketId, version])

  if (stored === undefined) return <p className="muted">{t('console.diagnostics.loading')}</p>
  const list: StoredDiagnostics[] = stored
  const current = list.find((d) => d.id === selected) ?? list.at(-1)
  const snapshotOf = (d: StoredDiagnostics | undefined) => {
    if (d?.upload.kind !== 'desktop') return null
    const parsed = parseSnapshot(d.upload.snapshot)
    return parsed.ok ? parsed.value : null
  }
  const snapshot = snapshotOf(current)
  const earlier = snapshotOf(list.find((d) => d.id === compareWith))
  const changes = snapshot && earlier ? compareSnapshots(earlier, snapshot) : []
  const label = (d: StoredDiagnostics) =>
    t('console.diagnostics.receivedAt', { time: formatRelative(d.receivedAt, new Date(), i18n.language) })

  return (
    <section aria-labelledby="diagnostics-heading" className="diagnostics">
      <h3 id="diagnostics-heading">{t('console.diagnostics.heading')}</h3>
      {list.length === 0 && (
        <p className="muted">{failed ? t('console.diagnostics.unavailable') : t('console.diagnostics.none')}</p>
      )}
      {list.length > 1 && (
        <div className="diagnostics-pickers">
          <label>
            {t('console.diagnostics.snapshot')}
            <select value={current?.id} onChange={(e) => setSelected(e.target.value)}>
              {list.map((d) => (
                <option key={d.id} value={d.id}>
                  {label(d)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('console.diagnostics.compare')}
            <select value={compareWith} onChange={(e) => setCompareWith(e.target.value)}>
              <option value="">{t('console.diagnostics.noCompare')}</option>
              {list
                .filter((d) => d.id !== current?.id)
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {label(d)}
                  </option>
                ))}
            </select>
          </label>
        </div>
      )}
      {snapshot && earlier && (
        <section aria-labelledby="changes-heading">
          <h4 id="changes-heading">{t('console.diagnostics.changes')}</h4>
          <table className="changes">
            <tbody>
              {changes.slice(0, 200).map((c) => (
                <tr key={c.path}>
                  <th scope="row">{c.path}</th>
                  <td>{show(c.before)}</td>
                  <td>{show(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {changes.length === 0 && <p className="muted">{t('console.diagnostics.noChanges')}</p>}
        </section>
      )}
      {current?.upload.kind === 'browser' && (
        <>
          <p className="muted">{t('console.diagnostics.browser')}</p>
          <pre>{JSON.stringify(current.upload.info, null, 2)}</pre>
        </>
      )}
      {snapshot && <SnapshotReport snapshot={snapshot} input={input} />}
      <button
        type="button"
        className="secondary"
        disabled={asked}
        onClick={() =>
          askForFreshDiagnostics(hubUrl, token, ticketId).then(
            () => setAsked(true),
            () => setFailed(true),
          )
        }
      >
        {t('console.diagnostics.askFresh')}
      </button>
      {asked && <p role="status">{t('console.diagnostics.asked')}</p>}
    </section>
  )
}
