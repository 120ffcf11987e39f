import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  changeKinds,
  changeRisks,
  offeredActions,
  type Change,
  type ChangeKind,
  type ChangeRisk,
} from '@shared/records/change'
import { formatRecordNumber, isSpecialistRole } from '@shared/records/common'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { EnumSelect } from '../../ui/EnumSelect'
import { useConsoleStore } from '../store'
import { ErrorText, RecordManagement, TitleFields, useShortTime, useTicketNumbers } from './parts'
import { RecordDialog } from './RecordDialog'
import { ChangeLine } from './TicketChanges'
import { useHubData, useRecordAction } from './useRecords'

/** Change management: record changes, take them through approval, start and finish them. */
export function ChangeRecordsDialog() {
  const { t } = useTranslation()
  return (
    <RecordDialog which="changes" heading={t('console.records.changes.heading')}>
      <ChangeManagement />
    </RecordDialog>
  )
}

function ChangeManagement() {
  const { t } = useTranslation()
  return (
    <RecordManagement
      records={useHubData('changes', (client) => client.changes())}
      listLabel={t('console.records.changes.list')}
      noneText={t('console.records.changes.none')}
      newForm={(onCreated) => <NewChangeForm onCreated={onCreated} />}
      summary={(change) =>
        `${formatRecordNumber('CHG', change.number)} · ${change.title} · ${t(`console.records.changeState.${change.state}`)}`
      }
      detail={(change) => <ChangeDetail key={change.id} change={change} />}
    />
  )
}

/** `datetime-local` gives local wall time without a zone; the hub stores instants. */
const toInstant = (local: string): string | null => (local ? new Date(local).toISOString() : null)

function NewChangeForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)
  const selectedTicketId = useConsoleStore((s) => s.selectedTicketId)
  const { run, busy, error } = useRecordAction()
  const numbers = useTicketNumbers()
  const [id, setId] = useState(() => crypto.randomUUID())
  const blank = { title: '', description: '', plannedStart: '', plannedEnd: '', tickets: '' }
  const [form, setForm] = useState(blank)
  const [kind, setKind] = useState<ChangeKind>('normal')
  const [risk, setRisk] = useState<ChangeRisk>('medium')
  const prefillOpenTicket = async () => {
    const ticket = selectedTicketId && db ? await db.tickets.get(selectedTicketId) : undefined
    if (ticket?.number) setForm((f) => ({ ...f, tickets: formatTicketNumber(ticket.number!) }))
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const ticketIds = await numbers.read(form.tickets)
    if (!ticketIds) return
    const created = await run((client) =>
      client.createChange({
        id,
        kind,
        risk,
        title: form.title,
        description: form.description,
        plannedStart: toInstant(form.plannedStart),
        plannedEnd: toInstant(form.plannedEnd),
        ticketIds,
      }),
    )
    if (!created) return
    setForm(blank)
    setId(crypto.randomUUID())
    onCreated(created.id)
  }
  return (
    <form className="records-form" aria-label={t('console.records.changes.new')} onSubmit={(e) => void submit(e)}>
      <h3>{t('console.records.changes.new')}</h3>
      <div className="records-grid">
        <EnumSelect
          label={t('console.records.changes.kind')}
          value={kind}
          values={changeKinds}
          text={(v) => t(`console.records.changeKind.${v}`)}
          onChange={setKind}
        />
        <EnumSelect
          label={t('console.records.changes.risk')}
          value={risk}
          values={changeRisks}
          text={(v) => t(`console.records.risk.${v}`)}
          onChange={setRisk}
        />
      </div>
      <TitleFields value={form} onChange={(patch) => setForm({ ...form, ...patch })} />
      <div className="records-grid">
        <label>
          {t('console.records.changes.plannedStart')}
          <input
            type="datetime-local"
            value={form.plannedStart}
            onChange={(e) => setForm({ ...form, plannedStart: e.target.value })}
          />
        </label>
        <label>
          {t('console.records.changes.plannedEnd')}
          <input
            type="datetime-local"
            value={form.plannedEnd}
            onChange={(e) => setForm({ ...form, plannedEnd: e.target.value })}
          />
        </label>
      </div>
      <label>
        {t('console.records.changes.tickets')}
        <input value={form.tickets} onChange={(e) => setForm({ ...form, tickets: e.target.value })} />
      </label>
      {selectedTicketId && (
        <button type="button" className="secondary" onClick={() => void prefillOpenTicket()}>
          {t('console.records.changes.useOpenTicket')}
        </button>
      )}
      <ErrorText error={numbers.error ?? error} />
      <button type="submit" disabled={busy}>
        {t('console.records.changes.create')}
      </button>
    </form>
  )
}

function ChangeDetail({ change }: { change: Change }) {
  const { t } = useTranslation()
  const account = useConsoleStore((s) => s.account)!
  const { run, busy, error } = useRecordAction()
  const [note, setNote] = useState('')
  const actions = offeredActions({ ...change, authorId: change.author.id }, account)
  const when = useShortTime()
  return (
    <article className="record-detail" aria-labelledby={`change-${change.id}`}>
      <h3 id={`change-${change.id}`}>
        {formatRecordNumber('CHG', change.number)} · {change.title}
      </h3>
      <p data-testid="change-summary">
        <ChangeLine change={change} />
      </p>
      <p className="muted">
        {t('console.records.changes.author', { name: change.author.name })}
        {change.plannedStart && ` · ${t('console.records.changes.from', { time: when(change.plannedStart) })}`}
        {change.plannedEnd && ` · ${t('console.records.changes.until', { time: when(change.plannedEnd) })}`}
      </p>
      {change.description && <p className="record-text">{change.description}</p>}
      {change.rejection && (
        <p>
          {t('console.records.changes.rejectedBy', { name: change.rejection.by.name, note: change.rejection.note })}
        </p>
      )}
      {change.tickets.length > 0 && (
        <ul aria-label={t('console.records.changes.linkedTickets')}>
          {change.tickets.map((ticket) => (
            <li key={ticket.ticketId}>
              {formatTicketNumber(ticket.number)} · {ticket.subject}
            </li>
          ))}
        </ul>
      )}
      {isSpecialistRole(account.role) && <AddTicketsForm change={change} />}
      <ol className="change-history" aria-label={t('console.records.changes.history')}>
        {change.history.map((entry, index) => (
          <li key={index}>
            {t(`console.records.changeState.${entry.to}`)} · {entry.by.name} · {when(entry.at)}
            {entry.note && ` — ${entry.note}`}
          </li>
        ))}
      </ol>
      {actions.length > 0 && (
        <div className="records-form">
          <label>
            {t('console.records.changes.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="dialog-buttons">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'reject' || action === 'cancel' ? 'secondary' : ''}
                disabled={busy}
                onClick={() =>
                  void run((client) => client.actOnChange(change.id, { action, note })).then((done) => {
                    if (done) setNote('')
                  })
                }
              >
                {t(`console.records.changes.actions.${action}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      <ErrorText error={error} />
    </article>
  )
}

/** Links tickets that already exist to the change, by the numbers an agent reads off them. */
function AddTicketsForm({ change }: { change: Change }) {
  const { t } = useTranslation()
  const { run, busy, error } = useRecordAction()
  const numbers = useTicketNumbers()
  const [text, setText] = useState('')
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const ticketIds = await numbers.read(text)
    if (!ticketIds) return
    // One link per request; linking is idempotent, so sending again after a failure is safe.
    const linked = await run(async (client) => {
      for (const ticketId of ticketIds) await client.linkTicketToChange(change.id, ticketId)
      return true
    })
    if (linked) setText('')
  }
  return (
    <form className="records-inline" aria-label={t('console.records.changes.add')} onSubmit={(e) => void submit(e)}>
      <label>
        {t('console.records.changes.addTickets')}
        <input required value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" className="secondary" disabled={busy}>
        {t('console.records.changes.add')}
      </button>
      <ErrorText error={numbers.error ?? error} />
    </form>
  )
}
