import { useLiveQuery } from 'dexie-react-hooks'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { findingsInputOf } from '@shared/gethelp'
import { defaultCategories, ticketTypes } from '@shared/tickets/classification'
import { levels, priorities, type Priority } from '@shared/tickets/priority'
import { slaConfigFor } from '@shared/people/sla'
import { computeSla, type SlaClock } from '@shared/tickets/sla'
import { allowedTransitions } from '@shared/tickets/status'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { formatRelative } from '../ui/relativeTime'
import { EnumSelect } from '../ui/EnumSelect'
import { useNow } from '../ui/useNow'
import type { CachedTicket } from './data/db'
import { ticketSlaRules } from './data/slaRules'
import { ComposerAttachments } from './attachments/ComposerAttachments'
import { pastedImages, useAttachmentUpload } from './attachments/useAttachmentUpload'
import { DiagnosticsReport } from './DiagnosticsReport'
import { KbPanel } from './KbPanel'
import { KbReview } from './KbReview'
import { SessionCode } from './session/SessionCode'
import { EscalationPanel } from './escalation/EscalationPanel'
import { TicketRecordsPanel } from './records/TicketRecordsPanel'
import { TicketCustomer } from './people/TicketCustomer'
import { SlaRulesLine } from './SlaRules'
import { Timeline } from './Timeline'
import { useConsoleStore } from './store'
import { useSubmit } from './useSubmit'

/** The later of now and the newest event's time. */
function latest(now: Date, events: readonly { at: string }[]): Date {
  const newest = Math.max(Date.now(), now.getTime(), ...events.map((e) => Date.parse(e.at)))
  return new Date(newest)
}

function ClockLine({ label, clock, now }: { label: string; clock: SlaClock | null; now: Date }) {
  const { t, i18n } = useTranslation()
  const text = !clock
    ? t('console.ticket.sla.none')
    : clock.state === 'met'
      ? t('console.ticket.sla.met')
      : clock.state === 'paused'
        ? t('console.ticket.sla.paused')
        : clock.state === 'breached'
          ? t('console.ticket.sla.breached', { time: formatRelative(clock.dueAt ?? now, now, i18n.language) })
          : t('console.ticket.sla.dueIn', { time: formatRelative(clock.dueAt!, now, i18n.language) })
  return (
    <li className={clock?.warning ? `sla-warning-${clock.warning}` : undefined}>
      {label}: {text}
    </li>
  )
}

export function TicketView() {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)
  const selectedId = useConsoleStore((s) => s.selectedTicketId)
  const ticket = useLiveQuery(() => (db && selectedId ? db.tickets.get(selectedId) : undefined), [db, selectedId])
  if (!ticket) {
    return (
      <main className="ticket-pane" aria-labelledby="ticket-heading">
        <h2 id="ticket-heading">{t('console.ticket.heading')}</h2>
        <p className="muted">{t('console.ticket.none')}</p>
        <KbReview />
      </main>
    )
  }
  return <TicketDetails key={ticket.id} ticket={ticket} />
}

function TicketDetails({ ticket }: { ticket: CachedTicket }) {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)!
  const account = useConsoleStore((s) => s.account)!
  const now = useNow()
  const events = useLiveQuery(() => db.events.where('ticketId').equals(ticket.id).sortBy('at'), [db, ticket.id]) ?? []
  // The customer's contract and hours, as cached for offline use: the same rules as the queue's due date.
  const rules =
    useLiveQuery(() => ticketSlaRules(db, ticket), [db, ticket.links?.customerId, ticket.createdAt]) ??
    slaConfigFor(null, ticket.createdAt)
  // A device clock a little behind the hub's must not hide the hub's newest events from the SLA.
  const sla = computeSla(events, latest(now, events), rules.config)
  const { edit, error } = useSubmit()
  const [message, setMessage] = useState('')
  const messageBox = useRef<HTMLTextAreaElement>(null)
  // A pick belongs to the priority it was made against: once reclassification moves the
  // priority, the select shows the new one again instead of a stale pick.
  const [overridePick, setOverridePick] = useState<{ from: Priority; to: Priority } | null>(null)
  const override = overridePick?.from === ticket.priority ? overridePick.to : ticket.priority
  const [overrideNote, setOverrideNote] = useState('')
  const number = ticket.number ? formatTicketNumber(ticket.number) : t('console.ticket.draftNumber')
  // Reads the stored ticket at the moment of the change, so quick successive picks build on each other.
  const classify = async (patch: Partial<Pick<CachedTicket, 'type' | 'category' | 'impact' | 'urgency'>>) => {
    const latest = (await db.tickets.get(ticket.id)) ?? ticket
    await edit(latest.id, latest.version, {
      type: 'classify',
      payload: {
        type: latest.type,
        category: latest.category,
        impact: latest.impact,
        urgency: latest.urgency,
        ...patch,
      },
    })
  }
  const files = useAttachmentUpload(ticket.id)
  const sendNote = async (visibility: 'public' | 'internal') => {
    const attachmentIds = files.pending.map((a) => a.id)
    const payload = { visibility, body: message, ...(attachmentIds.length ? { attachmentIds } : {}) }
    if (await edit(ticket.id, ticket.version, { type: 'add_note', payload })) {
      setMessage('')
      files.clear()
      // The send buttons are disabled with an empty message; the next thing to write goes here.
      messageBox.current?.focus()
    }
  }

  return (
    <main className="ticket-pane" aria-labelledby="ticket-heading">
      <h2 id="ticket-heading" tabIndex={-1}>
        {number} · {ticket.subject}
      </h2>
      <p className="muted">
        {t('console.ticket.requester')}: {ticket.requester.name}
        {ticket.requester.phone ? ` · ${ticket.requester.phone}` : ''}
        {ticket.requester.email ? ` · ${ticket.requester.email}` : ''}
        {' · '}
        {t(`enums.channel.${ticket.channel}`)} · {t('console.ticket.level', { level: ticket.level })}
      </p>
      <TicketCustomer requester={ticket.requester} links={ticket.links} />
      {ticket.description && <p className="ticket-description">{ticket.description}</p>}
      {error && (
        <p role="alert" className="error">
          {t('console.ticket.refused', { reason: error })}
        </p>
      )}
      <EscalationPanel ticket={ticket} events={events} now={now} />
      <ul className="sla-clocks">
        <ClockLine label={t('console.ticket.sla.firstResponse')} clock={sla?.firstResponse ?? null} now={now} />
        <ClockLine label={t('console.ticket.sla.resolution')} clock={sla?.resolution ?? null} now={now} />
      </ul>
      <SlaRulesLine rules={rules} />

      <fieldset className="classification">
        <legend>{t('console.ticket.classification')}</legend>
        <EnumSelect
          label={t('console.ticket.type')}
          value={ticket.type}
          values={ticketTypes}
          text={(v) => t(`enums.type.${v}`)}
          onChange={(type) => void classify({ type })}
        />
        <EnumSelect
          label={t('console.ticket.category')}
          value={ticket.category}
          values={defaultCategories}
          text={(v) => t(`enums.category.${v}`)}
          onChange={(category) => void classify({ category })}
        />
        <EnumSelect
          label={t('console.ticket.impact')}
          value={ticket.impact}
          values={levels}
          text={(v) => t(`enums.level.${v}`)}
          onChange={(impact) => void classify({ impact })}
        />
        <EnumSelect
          label={t('console.ticket.urgency')}
          value={ticket.urgency}
          values={levels}
          text={(v) => t(`enums.level.${v}`)}
          onChange={(urgency) => void classify({ urgency })}
        />
        <p>
          {t('console.ticket.priority')}:{' '}
          <strong data-testid="priority">
            {ticket.priorityOverride
              ? t('console.ticket.priorityOverridden', {
                  priority: ticket.priority,
                  note: ticket.priorityOverride.note,
                })
              : t('console.ticket.priorityFromMatrix', { priority: ticket.priority })}
          </strong>
        </p>
        <div className="override">
          <label>
            {t('console.ticket.overridePriority')}
            <select
              value={override}
              onChange={(e) => setOverridePick({ from: ticket.priority, to: e.target.value as Priority })}
            >
              {priorities.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('console.ticket.overrideReason')}
            <input value={overrideNote} onChange={(e) => setOverrideNote(e.target.value)} />
          </label>
          <button
            type="button"
            onClick={() =>
              void edit(ticket.id, ticket.version, {
                type: 'change_priority',
                payload: { priority: override, note: overrideNote },
              })
            }
          >
            {t('console.ticket.override')}
          </button>
        </div>
      </fieldset>

      <div className="ticket-actions">
        <label>
          {t('console.ticket.status')}
          <select
            value={ticket.status}
            onChange={(e) =>
              void edit(ticket.id, ticket.version, { type: 'change_status', payload: { status: e.target.value } })
            }
          >
            <option value={ticket.status}>{t(`enums.status.${ticket.status}`)}</option>
            {allowedTransitions[ticket.status].map((s) => (
              <option key={s} value={s}>
                {t(`enums.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <span>
          {t('console.ticket.assignee')}: {ticket.assignee?.name ?? t('console.queue.unassigned')}
        </span>
        {ticket.assignee?.id !== account.id && (
          <button
            type="button"
            onClick={() =>
              void edit(ticket.id, ticket.version, {
                type: 'assign',
                payload: {
                  level: ticket.level,
                  group: ticket.group,
                  assignee: { id: account.id, name: account.displayName },
                },
              })
            }
          >
            {t('console.ticket.assignToMe')}
          </button>
        )}
      </div>
      <SessionCode ticketId={ticket.id} />

      <div className="composer">
        <label>
          {t('console.ticket.message')}
          <textarea
            ref={messageBox}
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            onPaste={(e) => {
              const images = pastedImages(e.clipboardData)
              if (images.length === 0) return
              e.preventDefault()
              void files.upload(images)
            }}
          />
        </label>
        <ComposerAttachments
          pending={files.pending}
          uploading={files.uploading}
          error={files.error}
          onFiles={(picked) => void files.upload(picked)}
          onRemove={files.remove}
        />
        <div className="composer-buttons">
          <button type="button" disabled={!message.trim() || files.uploading} onClick={() => void sendNote('public')}>
            {t('console.ticket.sendReply')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!message.trim() || files.uploading}
            onClick={() => void sendNote('internal')}
          >
            {t('console.ticket.addNote')}
          </button>
        </div>
      </div>
      <KbPanel
        ticket={ticket}
        events={events}
        draft={message}
        onInsert={(steps) => setMessage((current) => (current.trim() ? `${current}\n\n${steps}` : steps))}
      />
      {(ticket.channel === 'gethelp' || events.some((e) => e.type === 'diagnostics_attached')) && (
        <DiagnosticsReport
          ticketId={ticket.id}
          version={events.filter((e) => e.type === 'diagnostics_attached').length}
          input={findingsInputOf(events)}
        />
      )}
      {ticket.number !== null && <TicketRecordsPanel ticket={ticket} />}
      <Timeline events={events} now={now} />
    </main>
  )
}
