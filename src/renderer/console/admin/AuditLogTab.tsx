import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { auditTargetKinds, type AuditEntry, type AuditTargetKind } from '@shared/admin/audit'
import { adminClient } from '../../platform/adminClient'
import { useConsoleStore } from '../store'

const pageSize = 50

/** The admin audit log: newest first, filtered by kind of thing changed and by action, paged back in time. */
export function AuditLogTab() {
  const { t, i18n } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const [targetKind, setTargetKind] = useState<AuditTargetKind | ''>('')
  const [entries, setEntries] = useState<AuditEntry[]>([])
  const [hasMore, setHasMore] = useState(false)
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading')

  const load = useCallback(
    async (before?: number) => {
      setState('loading')
      try {
        const page = await adminClient(hubUrl, token).audit({
          limit: pageSize,
          ...(targetKind ? { targetKind } : {}),
          ...(before ? { before } : {}),
        })
        setEntries((shown) => (before ? [...shown, ...page.entries] : page.entries))
        setHasMore(page.hasMore)
        setState('ready')
      } catch {
        setState('error')
      }
    },
    [hubUrl, token, targetKind],
  )
  useEffect(() => {
    void load()
  }, [load])

  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' })
  return (
    <div className="audit-log">
      <label>
        {t('console.admin.audit.filter')}
        <select value={targetKind} onChange={(event) => setTargetKind(event.target.value as AuditTargetKind | '')}>
          <option value="">{t('console.admin.audit.everything')}</option>
          {auditTargetKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`console.admin.audit.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      {state === 'error' && <p role="alert">{t('console.admin.audit.failed')}</p>}
      {state === 'ready' && entries.length === 0 && <p className="muted">{t('console.admin.audit.none')}</p>}
      {entries.length > 0 && (
        <table>
          <caption className="visually-hidden">{t('console.admin.audit.tab')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.admin.audit.when')}</th>
              <th scope="col">{t('console.admin.audit.who')}</th>
              <th scope="col">{t('console.admin.audit.what')}</th>
              <th scope="col">{t('console.admin.audit.target')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{when.format(new Date(entry.at))}</td>
                <td>{entry.actor.name}</td>
                <td>{t(`console.admin.audit.actions.${entry.action}`, { defaultValue: entry.action })}</td>
                <td>
                  {t(`console.admin.audit.kinds.${entry.target.kind}`)}
                  {entry.target.name ? `: ${entry.target.name}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore && (
        <button
          type="button"
          className="secondary"
          disabled={state === 'loading'}
          onClick={() => void load(entries.at(-1)?.seq)}
        >
          {t('console.admin.audit.older')}
        </button>
      )}
    </div>
  )
}
