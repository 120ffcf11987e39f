import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isSpecialistRole } from '@shared/records/common'
import {
  logVendorEntryRefusal,
  openVendorCaseRefusal,
  suggestedVendors,
  type VendorCase,
  type VendorDirection,
} from '@shared/records/vendorCase'
import type { Role } from '@shared/auth'
import type { Status } from '@shared/tickets/status'
import { ErrorText, useShortTime } from './parts'
import { useRecordAction } from './useRecords'

/** The vendor cases of one ticket: 2nd level opens them and logs the exchange; 1st level reads along. */
export function VendorCases(props: { ticketId: string; ticketStatus: Status; role: Role; cases: VendorCase[] }) {
  const { t } = useTranslation()
  const [opening, setOpening] = useState(false)
  const canOpen = openVendorCaseRefusal(props.role, props.ticketStatus) === null
  return (
    <section aria-labelledby="vendor-cases-heading" className="records-section">
      <h3 id="vendor-cases-heading">{t('console.records.vendor.heading')}</h3>
      {props.cases.length === 0 && <p className="muted">{t('console.records.vendor.none')}</p>}
      {props.cases.map((vendorCase) => (
        <VendorCaseView key={vendorCase.id} vendorCase={vendorCase} role={props.role} />
      ))}
      {!isSpecialistRole(props.role) && <p className="muted">{t('console.records.vendor.onlySpecialists')}</p>}
      {canOpen && !opening && (
        <button type="button" className="secondary" onClick={() => setOpening(true)}>
          {t('console.records.vendor.open')}
        </button>
      )}
      {canOpen && opening && <OpenVendorCaseForm ticketId={props.ticketId} onDone={() => setOpening(false)} />}
    </section>
  )
}

function OpenVendorCaseForm({ ticketId, onDone }: { ticketId: string; onDone: () => void }) {
  const { t } = useTranslation()
  const { run, busy, error } = useRecordAction()
  // Chosen once per form, so sending again after a lost answer opens the same case, not a second one.
  const [id] = useState(() => crypto.randomUUID())
  const [form, setForm] = useState({ vendor: '', caseNumber: '', nextContactOn: '', message: '' })
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const opened = await run((client) =>
      client.openVendorCase(ticketId, {
        id,
        vendor: form.vendor,
        caseNumber: form.caseNumber,
        nextContactOn: form.nextContactOn || null,
        message: form.message,
      }),
    )
    if (opened) onDone()
  }
  return (
    <form className="records-form" aria-label={t('console.records.vendor.open')} onSubmit={(e) => void submit(e)}>
      <label>
        {t('console.records.vendor.vendor')}
        <input
          list="vendor-suggestions"
          required
          value={form.vendor}
          onChange={(e) => setForm({ ...form, vendor: e.target.value })}
        />
      </label>
      <datalist id="vendor-suggestions">
        {suggestedVendors.map((vendor) => (
          <option key={vendor} value={vendor} />
        ))}
      </datalist>
      <label>
        {t('console.records.vendor.caseNumber')}
        <input required value={form.caseNumber} onChange={(e) => setForm({ ...form, caseNumber: e.target.value })} />
      </label>
      <label>
        {t('console.records.vendor.nextContact')}
        <input
          type="date"
          value={form.nextContactOn}
          onChange={(e) => setForm({ ...form, nextContactOn: e.target.value })}
        />
      </label>
      <label>
        {t('console.records.vendor.firstMessage')}
        <textarea rows={2} value={form.message} onChange={(e) => setForm({ ...form, message: e.target.value })} />
      </label>
      <ErrorText error={error} />
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t('console.records.vendor.create')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('console.records.cancel')}
        </button>
      </div>
    </form>
  )
}

function VendorCaseView({ vendorCase, role }: { vendorCase: VendorCase; role: Role }) {
  const { t, i18n } = useTranslation()
  const { run, busy, error } = useRecordAction()
  const [body, setBody] = useState('')
  const [entryId, setEntryId] = useState(() => crypto.randomUUID())
  const [nextContact, setNextContact] = useState(vendorCase.nextContactOn ?? '')
  const canLog = logVendorEntryRefusal(role, vendorCase) === null
  const headingId = `vendor-case-${vendorCase.id}`
  const log = async (direction: VendorDirection) => {
    if (await run((client) => client.logVendorEntry(vendorCase.id, { id: entryId, direction, body }))) {
      setBody('')
      setEntryId(crypto.randomUUID())
    }
  }
  const when = useShortTime()
  return (
    <article className="vendor-case" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {t('console.records.vendor.summary', { vendor: vendorCase.vendor, caseNumber: vendorCase.caseNumber })}
      </h4>
      <p>
        <strong>{t(`console.records.vendor.status.${vendorCase.status}`)}</strong>
        {vendorCase.nextContactOn &&
          ` · ${t('console.records.vendor.nextContactOn', {
            date: new Date(`${vendorCase.nextContactOn}T12:00:00`).toLocaleDateString(i18n.language),
          })}`}
      </p>
      {vendorCase.entries.length > 0 && (
        <ol className="vendor-log" aria-label={t('console.records.vendor.log', { vendor: vendorCase.vendor })}>
          {vendorCase.entries.map((entry) => (
            <li key={entry.id} className={`vendor-${entry.direction}`}>
              <span className="muted">
                {t(`console.records.vendor.direction.${entry.direction}`)} · {entry.author.name} · {when(entry.at)}
              </span>
              <p>{entry.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canLog && (
        <div className="records-form">
          <label>
            {t('console.records.vendor.entry', { vendor: vendorCase.vendor })}
            <textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
          </label>
          <div className="dialog-buttons">
            <button type="button" disabled={busy || !body.trim()} onClick={() => void log('to_vendor')}>
              {t('console.records.vendor.logToVendor')}
            </button>
            <button type="button" disabled={busy || !body.trim()} onClick={() => void log('from_vendor')}>
              {t('console.records.vendor.logFromVendor')}
            </button>
          </div>
          <div className="records-inline">
            <label>
              {t('console.records.vendor.nextContact')}
              <input type="date" value={nextContact} onChange={(e) => setNextContact(e.target.value)} />
            </label>
            <button
              type="button"
              className="secondary"
              disabled={busy || nextContact === (vendorCase.nextContactOn ?? '')}
              onClick={() =>
                void run((client) => client.updateVendorCase(vendorCase.id, { nextContactOn: nextContact || null }))
              }
            >
              {t('console.records.vendor.saveNextContact')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void run((client) => client.updateVendorCase(vendorCase.id, { status: 'closed' }))}
            >
              {t('console.records.vendor.close')}
            </button>
          </div>
        </div>
      )}
      <ErrorText error={error} />
    </article>
  )
}
