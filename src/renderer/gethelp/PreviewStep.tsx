import { useTranslation } from 'react-i18next'
import { findingsFor } from '@shared/diagnostics/findings'
import {
  parseSnapshot,
  probeGroups,
  type ProbeGroup,
  type ProbeStatus,
  type Snapshot,
} from '@shared/diagnostics/snapshot'
import { SendErrorLine } from './steps'
import { useGetHelpStore } from './store'

function GroupPreview({ snapshot, group }: { snapshot: Snapshot; group: ProbeGroup }) {
  const { t } = useTranslation()
  const excluded = useGetHelpStore((s) => s.excluded.includes(group))
  const toggleGroup = useGetHelpStore((s) => s.toggleGroup)
  const probes = Object.entries(snapshot.groups[group]) as Array<[string, { status: ProbeStatus; data?: unknown }]>
  const label = t('gethelp.preview.include', { group: t(`gethelp.groups.${group}`) })
  return (
    <section className={`preview-group${excluded ? ' excluded' : ''}`} aria-label={t(`gethelp.groups.${group}`)}>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={!excluded}
          aria-checked={!excluded}
          onChange={() => toggleGroup(group)}
        />
        <span>{label}</span>
      </label>
      <ul>
        {probes.map(([name, result]) => (
          <li key={name}>
            {name}: {t(`gethelp.preview.status.${excluded ? 'withheld' : result.status}`)}
          </li>
        ))}
      </ul>
      {!excluded && (
        <details>
          <summary>{t('gethelp.preview.showData')}</summary>
          <pre>
            {JSON.stringify(Object.fromEntries(probes.map(([name, result]) => [name, result.data ?? null])), null, 2)}
          </pre>
        </details>
      )}
    </section>
  )
}

/** Exactly what will leave the computer, group by group, before anything is sent. */
export function PreviewStep() {
  const { t, i18n } = useTranslation()
  const upload = useGetHelpStore((s) => s.upload)
  const redaction = useGetHelpStore((s) => s.redaction)
  const sending = useGetHelpStore((s) => s.sending)
  const error = useGetHelpStore((s) => s.error)
  const missing = useGetHelpStore((s) => s.form.missingDevices)
  const { setRedaction, send, goTo } = useGetHelpStore.getState()
  if (!upload) return null
  const snapshot = upload.kind === 'desktop' ? parseSnapshot(upload.snapshot) : null
  const findings = snapshot?.ok ? findingsFor(snapshot.value, missing ? { missingDevices: missing } : {}) : []
  const language = i18n.language === 'de' ? 'de' : 'en'

  return (
    <section aria-labelledby="preview-heading" className="preview">
      <h1 id="preview-heading">{t('gethelp.preview.heading')}</h1>
      <p>{t('gethelp.preview.intro')}</p>
      {upload.kind === 'browser' && (
        <>
          <p className="notice">{t('gethelp.preview.browserOnly')}</p>
          <pre>{JSON.stringify(upload.info, null, 2)}</pre>
        </>
      )}
      {findings.length > 0 && (
        <section aria-labelledby="findings-heading">
          <h2 id="findings-heading">{t('gethelp.preview.findings')}</h2>
          <ul>
            {findings.map((f) => (
              <li key={f.id}>{f.title[language]}</li>
            ))}
          </ul>
        </section>
      )}
      {snapshot?.ok && (
        <>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={redaction.includeUserNames}
              onChange={(e) => void setRedaction({ includeUserNames: e.target.checked })}
            />
            <span>{t('gethelp.preview.userNames')}</span>
          </label>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={redaction.includeSerials}
              onChange={(e) => void setRedaction({ includeSerials: e.target.checked })}
            />
            <span>{t('gethelp.preview.serials')}</span>
          </label>
          {probeGroups.map((group) => (
            <GroupPreview key={group} snapshot={snapshot.value} group={group} />
          ))}
        </>
      )}
      <SendErrorLine error={error} />
      <div className="dialog-buttons">
        <button type="button" disabled={sending} onClick={() => void send()}>
          {sending ? t('gethelp.preview.sending') : t('gethelp.preview.send')}
        </button>
        <button type="button" className="secondary" onClick={() => goTo('describe')}>
          {t('gethelp.describe.back')}
        </button>
      </div>
    </section>
  )
}
