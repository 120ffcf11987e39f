import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { level1Timebox, reassignmentCount } from '@shared/tickets/escalation'
import type { TimelineEvent, TimelineEventOf } from '@shared/tickets/events'
import { formatRelative } from '../../ui/relativeTime'
import type { CachedTicket } from '../data/db'
import { HandoffCustomer } from '../people/HandoffCustomer'
import { useConsoleStore } from '../store'
import { useSubmit } from '../useSubmit'
import { EscalateDialog } from './EscalateDialog'
import { focusTicketHeading } from '../focusAfter'
import { useGroupName } from './useGroupName'

function HandoffSummary({ event, ticket }: { event: TimelineEventOf<'escalated'>; ticket: CachedTicket }) {
  const { t, i18n } = useTranslation()
  const groupName = useGroupName()
  const { handoff } = event.payload
  const by = event.author.kind === 'staff' ? event.author.name : '—'
  const row = (label: string, value: string) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
  return (
    <section className="handoff" aria-labelledby="handoff-heading">
      <h3 id="handoff-heading">{t('console.escalation.handoffHeading')}</h3>
      <p className="muted">
        {t('console.escalation.handoffBy', {
          name: by,
          group: groupName(handoff.targetGroup),
          time: formatRelative(event.at, new Date(), i18n.language),
        })}
      </p>
      <dl>
        {row(t('console.escalation.symptoms'), handoff.symptoms)}
        {row(
          `${t('console.ticket.impact')} / ${t('console.ticket.urgency')}`,
          `${t(`enums.level.${handoff.impact}`)} / ${t(`enums.level.${handoff.urgency}`)} — ${handoff.impactReason}`,
        )}
        {row(t('console.escalation.stepsTried'), handoff.stepsTried)}
        {row(
          t('console.escalation.articlesTried'),
          handoff.articlesTried.map((a) => a.title).join('; ') || t('console.escalation.noArticles'),
        )}
        {row(
          t('console.escalation.diagnostics'),
          handoff.diagnostics
            ? handoff.diagnostics.findings.map((f) => f.title).join('; ') || t('console.escalation.noFindings')
            : t('console.escalation.noDiagnostics'),
        )}
        {row(t('console.escalation.session'), handoff.session?.summary ?? t('console.escalation.noSession'))}
        {row(
          t('console.escalation.workaround'),
          handoff.workaround.applied ? handoff.workaround.description : t('console.escalation.workaroundNone'),
        )}
        {row(t('console.escalation.reachability'), handoff.reachability)}
        {row(t('console.escalation.targetGroup'), groupName(handoff.targetGroup))}
      </dl>
      <HandoffCustomer requester={ticket.requester} links={ticket.links} headingLevel={4} />
    </section>
  )
}

/**
 * Escalation on the ticket: the 1st-level timebox and the way to 2nd level for agents; the handoff,
 * hand-back and reassignment count for specialists; and the major-incident flag for everyone.
 */
export function EscalationPanel({ ticket, events, now }: { ticket: CachedTicket; events: TimelineEvent[]; now: Date }) {
  const { t } = useTranslation()
  const role = useConsoleStore((s) => s.account?.role ?? 'agent')
  const { edit, error } = useSubmit()
  const [escalating, setEscalating] = useState(false)
  const escalateButton = useRef<HTMLButtonElement>(null)
  const focusAfterClose = useRef<'heading' | 'button' | null>(null)
  // Once the modal dialog is gone (while it is open, the rest of the page takes no focus): the
  // Escalate button leaves with the 1st level, so after an escalation focus goes to the ticket's
  // heading; after a cancel, back to the button.
  useEffect(() => {
    if (escalating || !focusAfterClose.current) return
    const target = focusAfterClose.current
    focusAfterClose.current = null
    if (target === 'heading') focusTicketHeading()
    else escalateButton.current?.focus()
  }, [escalating])
  const [handingBack, setHandingBack] = useState(false)
  const [note, setNote] = useState('')
  const [declaring, setDeclaring] = useState(false)
  const [reason, setReason] = useState('')
  const timebox = level1Timebox(ticket, events, now)
  const lastEscalation = events.filter((e): e is TimelineEventOf<'escalated'> => e.type === 'escalated').at(-1)
  const lastHandBack = events.filter((e): e is TimelineEventOf<'handed_back'> => e.type === 'handed_back').at(-1)
  const reassignments = reassignmentCount(events)
  const staff = role === 'specialist' || role === 'admin'
  const members = useConsoleStore((s) => s.groups?.groups.find((g) => g.id === ticket.group)?.members) ?? []

  return (
    <section className="escalation" aria-label={t('console.escalation.dialogHeading')}>
      {ticket.majorIncident && (
        <p role="alert" className="major-incident">
          {t('console.escalation.major')}: {ticket.majorIncident.reason}
        </p>
      )}
      {timebox && (
        <p className={timebox.elapsedMs >= timebox.timeboxMs ? 'timebox-over' : 'muted'} role="status">
          {timebox.elapsedMs >= timebox.timeboxMs
            ? t('console.escalation.timeboxOver')
            : t('console.escalation.timebox', {
                used: Math.floor(timebox.elapsedMs / 60_000),
                limit: Math.round(timebox.timeboxMs / 60_000),
              })}
        </p>
      )}
      {lastHandBack && ticket.level === 1 && (
        <p className="muted">
          {t('console.escalation.handedBack', {
            name: lastHandBack.author.kind === 'staff' ? lastHandBack.author.name : '—',
            note: lastHandBack.payload.note,
          })}
        </p>
      )}
      {ticket.level >= 2 && lastEscalation && <HandoffSummary event={lastEscalation} ticket={ticket} />}
      {reassignments > 0 && <p className="muted">{t('console.escalation.reassignments', { count: reassignments })}</p>}
      {error && (
        <p role="alert" className="error">
          {t('console.ticket.refused', { reason: error })}
        </p>
      )}
      <div className="escalation-buttons">
        {ticket.level === 1 && (
          <button ref={escalateButton} type="button" onClick={() => setEscalating(true)}>
            {t('console.escalation.escalate')}
          </button>
        )}
        {ticket.level >= 2 && staff && members.length > 0 && (
          <label>
            {t('console.escalation.assignMember')}
            <select
              value={ticket.assignee?.id ?? ''}
              onChange={(e) => {
                const member = members.find((m) => m.id === e.target.value)
                void edit(ticket.id, ticket.version, {
                  type: 'assign',
                  payload: {
                    level: ticket.level,
                    group: ticket.group,
                    assignee: member ? { id: member.id, name: member.name } : null,
                  },
                })
              }}
            >
              <option value="">{t('console.queue.unassigned')}</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {ticket.level >= 2 && staff && (
          <button type="button" className="secondary" onClick={() => setHandingBack(!handingBack)}>
            {t('console.escalation.handBack')}
          </button>
        )}
        {!ticket.majorIncident && (
          <button type="button" className="secondary" onClick={() => setDeclaring(!declaring)}>
            {t('console.escalation.declareMajor')}
          </button>
        )}
        {ticket.majorIncident && staff && (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void edit(ticket.id, ticket.version, { type: 'set_major_incident', payload: { major: false } })
            }
          >
            {t('console.escalation.endMajor')}
          </button>
        )}
      </div>
      {handingBack && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void edit(ticket.id, ticket.version, { type: 'hand_back', payload: { note } }).then((ok) => {
              if (ok) {
                setHandingBack(false)
                setNote('')
              }
            })
          }}
        >
          <label>
            {t('console.escalation.handBackNote')}
            <textarea required rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit">{t('console.escalation.handBackSubmit')}</button>
        </form>
      )}
      {declaring && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void edit(ticket.id, ticket.version, {
              type: 'set_major_incident',
              payload: { major: true, reason },
            }).then((ok) => {
              if (ok) {
                setDeclaring(false)
                setReason('')
              }
            })
          }}
        >
          <label>
            {t('console.escalation.majorReason')}
            <input required value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit">{t('console.escalation.declare')}</button>
        </form>
      )}
      {escalating && (
        <EscalateDialog
          ticket={ticket}
          events={events}
          open={escalating}
          onClose={(escalated) => {
            focusAfterClose.current = escalated ? 'heading' : 'button'
            setEscalating(false)
          }}
        />
      )}
    </section>
  )
}
