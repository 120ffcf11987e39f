import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeZodError } from '@shared/errors'
import type { TimelineEvent } from '@shared/tickets/events'
import { handoffSchema } from '@shared/tickets/handoff'
import { levels } from '@shared/tickets/priority'
import { EnumSelect } from '../../ui/EnumSelect'
import type { CachedTicket } from '../data/db'
import { HandoffCustomer } from '../people/HandoffCustomer'
import { useConsoleStore } from '../store'
import { useSubmit } from '../useSubmit'
import { draftHandoff, handoffFromForm, type HandoffForm } from './handoffDraft'
import { useGroupName } from './useGroupName'
import { useTicketFindings } from './ticketFindings'

/**
 * The escalation form: every handoff field, drafted from what the ticket already knows and
 * completed by the agent. Nothing is sent until the handoff is complete.
 */
export function EscalateDialog(props: {
  ticket: CachedTicket
  events: readonly TimelineEvent[]
  open: boolean
  /** `escalated` tells whether the handoff went out, so the caller can put focus where work goes on. */
  onClose: (escalated: boolean) => void
}) {
  const { ticket, events, open, onClose } = props
  const { t, i18n } = useTranslation()
  const db = useConsoleStore((s) => s.db)!
  const groups = useConsoleStore((s) => s.groups?.groups) ?? []
  const groupName = useGroupName()
  const findings = useTicketFindings(db, ticket.id, events)
  const dialog = useRef<HTMLDialogElement>(null)
  const { edit, error } = useSubmit()
  const [form, setForm] = useState<HandoffForm | null>(null)
  const [invalid, setInvalid] = useState<string | null>(null)
  const draft = draftHandoff(ticket, events, findings, groups)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      setForm(draft.form)
      setInvalid(null)
      element.showModal()
    }
    if (!open && element.open) element.close()
    // The draft is taken when the dialog opens; later ticket changes must not wipe what the agent typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const current = form ?? draft.form
  const set = (patch: Partial<HandoffForm>) => setForm({ ...current, ...patch })
  const language = i18n.language === 'de' ? 'de' : 'en'
  const suggestion = draft.suggestion

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = handoffSchema.safeParse(handoffFromForm(current))
    if (!parsed.success) {
      setInvalid(describeZodError(parsed.error))
      return
    }
    const latest = (await db.tickets.get(ticket.id)) ?? ticket
    // Impact and urgency changed in the handoff are a reclassification first, so the priority follows.
    if (latest.impact !== current.impact || latest.urgency !== current.urgency) {
      const { type, category } = latest
      await edit(latest.id, latest.version, {
        type: 'classify',
        payload: { type, category, impact: current.impact, urgency: current.urgency },
      })
    }
    const base = (await db.tickets.get(ticket.id)) ?? latest
    if (await edit(base.id, base.version, { type: 'escalate', payload: { handoff: parsed.data } })) onClose(true)
  }

  const text = (key: keyof HandoffForm, label: string, rows = 0) => (
    <label>
      {label}
      {rows > 0 ? (
        <textarea
          required
          rows={rows}
          value={current[key] as string}
          onChange={(e) => set({ [key]: e.target.value })}
        />
      ) : (
        <input required value={current[key] as string} onChange={(e) => set({ [key]: e.target.value })} />
      )}
    </label>
  )

  return (
    <dialog ref={dialog} aria-labelledby="escalate-heading" className="escalate-dialog" onClose={() => onClose(false)}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="escalate-heading">{t('console.escalation.dialogHeading')}</h2>
        {text('symptoms', t('console.escalation.symptoms'), 3)}
        <div className="row">
          <EnumSelect
            label={t('console.ticket.impact')}
            value={current.impact}
            values={levels}
            text={(v) => t(`enums.level.${v}`)}
            onChange={(impact) => set({ impact })}
          />
          <EnumSelect
            label={t('console.ticket.urgency')}
            value={current.urgency}
            values={levels}
            text={(v) => t(`enums.level.${v}`)}
            onChange={(urgency) => set({ urgency })}
          />
        </div>
        {text('impactReason', t('console.escalation.impactReason'))}
        {text('stepsTried', t('console.escalation.stepsTried'), 3)}
        <fieldset>
          <legend>{t('console.escalation.articlesTried')}</legend>
          {current.articlesTried.length === 0 ? (
            <p className="muted">{t('console.escalation.noArticles')}</p>
          ) : (
            <ul>
              {current.articlesTried.map((a) => (
                <li key={a.id}>{a.title}</li>
              ))}
            </ul>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('console.escalation.diagnostics')}</legend>
          {!current.diagnostics ? (
            <p className="muted">{t('console.escalation.noDiagnostics')}</p>
          ) : current.diagnostics.findings.length === 0 ? (
            <p className="muted">{t('console.escalation.noFindings')}</p>
          ) : (
            <ul>
              {(findings?.findings ?? []).map((f) => (
                <li key={f.id}>{f.title[language]}</li>
              ))}
            </ul>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('console.escalation.session')}</legend>
          <p className="muted">{current.session?.summary ?? t('console.escalation.noSession')}</p>
        </fieldset>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={current.workaroundApplied}
            onChange={(e) => set({ workaroundApplied: e.target.checked })}
          />
          <span>{t('console.escalation.workaroundApplied')}</span>
        </label>
        {current.workaroundApplied && text('workaround', t('console.escalation.workaround'), 2)}
        {text('reachability', t('console.escalation.reachability'))}
        <label>
          {t('console.escalation.targetGroup')}
          <select required value={current.targetGroup} onChange={(e) => set({ targetGroup: e.target.value })}>
            <option value="">{t('console.escalation.chooseGroup')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {groupName(g.id)}
              </option>
            ))}
          </select>
        </label>
        {suggestion && (
          <p className="muted" data-testid="group-suggestion">
            {t('console.escalation.suggested', {
              group: groupName(suggestion.group),
              why: [
                suggestion.because.findingTags.length > 0
                  ? t('console.escalation.suggestedByFindings', { tags: suggestion.because.findingTags.join(', ') })
                  : null,
                suggestion.because.words.length > 0
                  ? t('console.escalation.suggestedByWords', { words: suggestion.because.words.join(', ') })
                  : null,
                suggestion.because.category ? t('console.escalation.suggestedByCategory') : null,
              ]
                .filter(Boolean)
                .join(', '),
            })}
          </p>
        )}
        <HandoffCustomer requester={ticket.requester} links={ticket.links} headingLevel={3} preview />
        {(invalid ?? error) && (
          <p role="alert" className="error">
            {invalid ?? t('console.ticket.refused', { reason: error })}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit">{t('console.escalation.submit')}</button>
          <button type="button" className="secondary" onClick={() => onClose(false)}>
            {t('console.escalation.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
