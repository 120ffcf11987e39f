import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { defaultCategories, ticketTypes, type TicketType } from '@shared/tickets/classification'
import { levels, type Impact, type Urgency } from '@shared/tickets/priority'
import { EnumSelect } from '../ui/EnumSelect'
import type { ContactMatch } from '@shared/people'
import { KbSuggestions } from './KbSuggestions'
import { CallerLookup } from './people/CallerLookup'
import { linkOf, stillSamePerson, ticketLinksOf, type CallerLink } from './people/callerLink'
import { useNow } from '../ui/useNow'
import { useConsoleStore } from './store'
import { useSubmit } from './useSubmit'

function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
}

/** Phone intake: a running call timer and a form that becomes a ticket (with the call logged) in one step. */
export function NewCallDialog() {
  const { t } = useTranslation()
  const open = useConsoleStore((s) => s.intakeOpen)
  const setOpen = useConsoleStore((s) => s.setIntakeOpen)
  const selectTicket = useConsoleStore((s) => s.selectTicket)
  const dialog = useRef<HTMLDialogElement>(null)
  const [startedAt, setStartedAt] = useState(() => Date.now())
  const now = useNow(1000)
  const { submit, error } = useSubmit()
  const [form, setForm] = useState({ name: '', phone: '', email: '', device: '', subject: '', description: '' })
  // What the agent last typed into name, phone or e-mail: the caller is looked up by it.
  const [lookupQuery, setLookupQuery] = useState('')
  // The caller picked from the lookup: the ticket is linked to their customer, contact and device.
  const [link, setLink] = useState<CallerLink | null>(null)
  const [classification, setClassification] = useState({
    type: 'incident' as TicketType,
    category: 'hardware',
    impact: 'medium' as Impact,
    urgency: 'medium' as Urgency,
  })

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      setStartedAt(Date.now())
      element.showModal()
    }
    if (!open && element.open) element.close()
  }, [open])

  const seconds = Math.max(0, Math.floor((now.getTime() - startedAt) / 1000))
  const field = (key: keyof typeof form, label: string, type = 'text', required = false) => (
    <label>
      {label}
      <input
        type={type}
        required={required}
        value={form[key]}
        onChange={(e) => {
          const next = { ...form, [key]: e.target.value }
          setForm(next)
          if (key === 'name' || key === 'phone' || key === 'email') {
            setLookupQuery(e.target.value)
            if (link && !stillSamePerson(link, next)) setLink(null)
          }
          // Typing another device name means the call is not about the linked one.
          if (key === 'device' && link?.deviceId) {
            const linked = link.devices.find((d) => d.id === link.deviceId)
            if (linked?.name !== e.target.value.trim()) setLink({ ...link, deviceId: null })
          }
        }}
      />
    </label>
  )

  const pickCaller = (match: ContactMatch) => {
    const { contact, devices } = match
    const picked = linkOf(match)
    const only = devices.find((d) => d.id === picked.deviceId)
    setForm({
      ...form,
      name: contact.name,
      phone: contact.phone ?? form.phone,
      email: contact.email ?? form.email,
      device: only?.name ?? form.device,
    })
    setLink(picked)
    setLookupQuery('')
  }

  const pickDevice = (deviceId: string) => {
    if (!link) return
    const device = link.devices.find((d) => d.id === deviceId)
    setLink({ ...link, deviceId: device?.id ?? null })
    if (device) setForm({ ...form, device: device.name })
  }

  const create = async (event: FormEvent) => {
    event.preventDefault()
    const ticketId = crypto.randomUUID()
    const deviceTime = new Date().toISOString()
    const blank = (v: string) => (v.trim() ? v.trim() : null)
    const created = await submit({
      type: 'create_ticket',
      commandId: crypto.randomUUID(),
      ticketId,
      baseVersion: null,
      deviceTime,
      payload: {
        subject: form.subject,
        description: form.description,
        channel: 'phone',
        requester: { name: form.name, email: blank(form.email), phone: blank(form.phone), device: blank(form.device) },
        links: ticketLinksOf(link),
        ...classification,
      },
    })
    if (!created) return
    await submit({
      type: 'log_call',
      commandId: crypto.randomUUID(),
      ticketId,
      baseVersion: 1,
      deviceTime,
      payload: {
        direction: 'inbound',
        durationSeconds: seconds,
        summary: t('console.intake.callSummary', { subject: form.subject }),
      },
    })
    setForm({ name: '', phone: '', email: '', device: '', subject: '', description: '' })
    setLookupQuery('')
    setLink(null)
    selectTicket(ticketId)
    setOpen(false)
  }

  return (
    <dialog ref={dialog} aria-labelledby="intake-heading" onClose={() => setOpen(false)} className="intake">
      <form onSubmit={(e) => void create(e)}>
        <h2 id="intake-heading">{t('console.intake.heading')}</h2>
        <p role="timer" aria-label={t('console.intake.timer')}>
          {t('console.intake.timer')}: {formatDuration(seconds)}
        </p>
        {field('name', t('console.intake.requesterName'), 'text', true)}
        {field('phone', t('console.intake.phone'), 'tel')}
        {field('email', t('console.intake.email'), 'email')}
        <CallerLookup query={lookupQuery} onPick={pickCaller} />
        {link && (
          <div className="caller-link" role="group" aria-label={t('console.people.link.heading')}>
            <p role="status">
              {t('console.people.link.linked', { contact: link.contact.name, customer: link.customer.name })}
            </p>
            {link.devices.length > 0 && (
              <label>
                {t('console.people.link.device')}
                <select value={link.deviceId ?? ''} onChange={(e) => pickDevice(e.target.value)}>
                  <option value="">{t('console.people.link.noDevice')}</option>
                  {link.devices.map((device) => (
                    <option key={device.id} value={device.id}>
                      {device.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" className="secondary" onClick={() => setLink(null)}>
              {t('console.people.link.remove')}
            </button>
          </div>
        )}
        {field('device', t('console.intake.device'))}
        {field('subject', t('console.intake.subject'), 'text', true)}
        <label>
          {t('console.intake.description')}
          <textarea
            rows={3}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </label>
        <KbSuggestions text={`${form.subject}\n${form.description}`} category={classification.category} />
        <div className="intake-classification">
          <EnumSelect
            label={t('console.ticket.type')}
            value={classification.type}
            values={ticketTypes}
            text={(v) => t(`enums.type.${v}`)}
            onChange={(type) => setClassification({ ...classification, type })}
          />
          <EnumSelect
            label={t('console.ticket.category')}
            value={classification.category}
            values={defaultCategories}
            text={(v) => t(`enums.category.${v}`)}
            onChange={(category) => setClassification({ ...classification, category })}
          />
          <EnumSelect
            label={t('console.ticket.impact')}
            value={classification.impact}
            values={levels}
            text={(v) => t(`enums.level.${v}`)}
            onChange={(impact) => setClassification({ ...classification, impact })}
          />
          <EnumSelect
            label={t('console.ticket.urgency')}
            value={classification.urgency}
            values={levels}
            text={(v) => t(`enums.level.${v}`)}
            onChange={(urgency) => setClassification({ ...classification, urgency })}
          />
        </div>
        {error && (
          <p role="alert" className="error">
            {t('console.ticket.refused', { reason: error })}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit">{t('console.intake.create')}</button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            {t('console.intake.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
