import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { defaultBusinessCalendar, weekdays, type BusinessCalendar, type Weekday } from '@shared/tickets/calendar'
import { priorities, type Priority } from '@shared/tickets/priority'
import { defaultSlaPolicy, slaClockKinds, type SlaPolicy } from '@shared/tickets/slaPolicy'
import {
  contractInputSchema,
  remoteActions,
  type AllowedActions,
  type Contact,
  type ContractView,
  type SystemScope,
} from '@shared/people'
import { firstIssue, splitNames } from './parts'
import { usePeopleAction } from './usePeople'

type ClockKind = (typeof slaClockKinds)[number]
type SlaRow = { firstResponse: string; resolution: string; clock: ClockKind }
type ScopeForm = { all: boolean; groups: string; systems: string }

// Monday first, as calendars here are read.
const weekOrder: Weekday[] = [...weekdays.slice(1), weekdays[0]]

function today(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

/** The form shows one span of hours for every open day; the first open day's span stands for all. */
function hoursForm(calendar: BusinessCalendar) {
  const open = weekOrder.filter((day) => calendar.weeklyHours[day].length > 0)
  const first = open[0] ? calendar.weeklyHours[open[0]][0] : undefined
  return { timeZone: calendar.timeZone, days: open, from: first?.from ?? '08:00', to: first?.to ?? '17:00' }
}

function slaForm(policy: SlaPolicy): Record<Priority, SlaRow> {
  const rows = {} as Record<Priority, SlaRow>
  for (const priority of priorities) {
    const { firstResponse, resolution } = policy[priority]
    rows[priority] = {
      firstResponse: firstResponse ? String(firstResponse.minutes) : '',
      resolution: resolution ? String(resolution.minutes) : '',
      clock: firstResponse?.clock ?? resolution?.clock ?? 'business_hours',
    }
  }
  return rows
}

function readSla(rows: Record<Priority, SlaRow>): unknown {
  const target = (text: string, clock: ClockKind) => (text.trim() ? { minutes: Number(text), clock } : null)
  return Object.fromEntries(
    priorities.map((p) => [
      p,
      {
        firstResponse: target(rows[p].firstResponse, rows[p].clock),
        resolution: target(rows[p].resolution, rows[p].clock),
      },
    ]),
  )
}

const scopeForm = (scope: SystemScope | undefined): ScopeForm => ({
  all: scope?.all ?? false,
  groups: scope?.groups.join(', ') ?? '',
  systems: scope?.systems.join(', ') ?? '',
})
const readScope = (form: ScopeForm) => ({
  all: form.all,
  groups: splitNames(form.groups),
  systems: splitNames(form.systems),
})

/** A contract as an admin enters it: validity, service hours, SLA targets, access scope and technical contact. */
export function ContractForm(props: {
  customerId: string
  contacts: Contact[]
  initial: ContractView | null
  onDone(saved: boolean): void
}) {
  const { t } = useTranslation()
  const { run, busy, error, setError } = usePeopleAction()
  const initial = props.initial
  const id = useId()
  const [name, setName] = useState(initial?.name ?? '')
  const [validFrom, setValidFrom] = useState(initial?.validFrom ?? today())
  const [validUntil, setValidUntil] = useState(initial?.validUntil ?? '')
  const [hours, setHours] = useState(() => hoursForm(initial?.serviceHours ?? defaultBusinessCalendar))
  const [sla, setSla] = useState(() => slaForm(initial?.slaPolicy ?? defaultSlaPolicy))
  const [secondLevel, setSecondLevel] = useState(initial?.secondLevel ?? true)
  const [clients, setClients] = useState(() => scopeForm(initial?.scope.clients))
  const [servers, setServers] = useState(() => scopeForm(initial?.scope.servers))
  const [actions, setActions] = useState<AllowedActions>(
    initial?.scope.actions ?? { view: true, control: true, unattended: false },
  )
  const [technicalContactId, setTechnicalContactId] = useState(initial?.technicalContactId ?? '')
  const [notes, setNotes] = useState(initial?.notes ?? '')

  const fieldName = (path: string): string | null => {
    if (path.startsWith('name')) return t('console.people.contract.name')
    if (path.startsWith('validFrom')) return t('console.people.contract.validFrom')
    if (path.startsWith('validUntil')) return t('console.people.contract.validUntil')
    if (path.startsWith('serviceHours')) return t('console.people.contract.serviceHours')
    if (path.startsWith('slaPolicy')) return t('console.people.contract.sla')
    if (path.startsWith('scope.actions')) return t('console.people.contract.allowedActions')
    if (path.startsWith('scope.clients')) return t('console.people.contract.clients')
    if (path.startsWith('scope.servers')) return t('console.people.contract.servers')
    if (path.startsWith('technicalContactId')) return t('console.people.contract.technicalContact')
    return null
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const span = [{ from: hours.from, to: hours.to }]
    const input = contractInputSchema.safeParse({
      name,
      validFrom,
      validUntil: validUntil || null,
      serviceHours: {
        timeZone: hours.timeZone.trim(),
        weeklyHours: Object.fromEntries(weekdays.map((day) => [day, hours.days.includes(day) ? span : []])),
        holidays: initial?.serviceHours.holidays ?? [],
      },
      slaPolicy: readSla(sla),
      secondLevel,
      scope: { clients: readScope(clients), servers: readScope(servers), actions },
      technicalContactId: technicalContactId || null,
      notes,
    })
    if (!input.success) {
      setError(firstIssue(input.error, fieldName))
      return
    }
    const saved = await run((client) =>
      initial ? client.updateContract(initial.id, input.data) : client.createContract(props.customerId, input.data),
    )
    if (saved) props.onDone(true)
  }

  const heading = initial
    ? t('console.people.contract.editNamed', { name: initial.name })
    : t('console.people.contract.new')
  return (
    <form className="people-form contract-form" aria-label={heading} onSubmit={(e) => void save(e)}>
      <h4>{heading}</h4>
      <div className="form-row">
        <label className="wide">
          {t('console.people.contract.name')}
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('console.people.contract.validFrom')}
          <input type="date" required value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </label>
        <label>
          {t('console.people.contract.validUntil')}
          <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
        </label>
      </div>

      <fieldset>
        <legend>{t('console.people.contract.serviceHours')}</legend>
        <div className="weekdays">
          {weekOrder.map((day) => (
            <label key={day} className="check">
              <input
                type="checkbox"
                checked={hours.days.includes(day)}
                onChange={(e) =>
                  setHours({
                    ...hours,
                    days: e.target.checked ? [...hours.days, day] : hours.days.filter((d) => d !== day),
                  })
                }
              />
              {t(`console.people.weekdays.${day}`)}
            </label>
          ))}
        </div>
        <div className="form-row">
          <label>
            {t('console.people.contract.hoursFrom')}
            <input
              type="time"
              required
              value={hours.from}
              onChange={(e) => setHours({ ...hours, from: e.target.value })}
            />
          </label>
          <label>
            {t('console.people.contract.hoursTo')}
            <input type="time" required value={hours.to} onChange={(e) => setHours({ ...hours, to: e.target.value })} />
          </label>
          <label className="wide">
            {t('console.people.contract.timeZone')}
            <input value={hours.timeZone} onChange={(e) => setHours({ ...hours, timeZone: e.target.value })} />
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('console.people.contract.sla')}</legend>
        <table className="sla-table">
          <thead>
            <tr>
              <th scope="col">{t('console.ticket.priority')}</th>
              <th scope="col">{t('console.people.contract.firstResponse')}</th>
              <th scope="col">{t('console.people.contract.resolution')}</th>
              <th scope="col">{t('console.people.contract.clock')}</th>
            </tr>
          </thead>
          <tbody>
            {priorities.map((priority) => {
              const row = sla[priority]
              const change = (patch: Partial<SlaRow>) => setSla({ ...sla, [priority]: { ...row, ...patch } })
              return (
                <tr key={priority}>
                  <th scope="row">{priority}</th>
                  <td>
                    <input
                      type="number"
                      min={1}
                      step={1}
                      inputMode="numeric"
                      aria-label={t('console.people.contract.firstResponseOf', { priority })}
                      value={row.firstResponse}
                      onChange={(e) => change({ firstResponse: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      step={1}
                      inputMode="numeric"
                      aria-label={t('console.people.contract.resolutionOf', { priority })}
                      value={row.resolution}
                      onChange={(e) => change({ resolution: e.target.value })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={t('console.people.contract.clockOf', { priority })}
                      value={row.clock}
                      onChange={(e) => change({ clock: e.target.value as ClockKind })}
                    >
                      {slaClockKinds.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`console.people.contract.clocks.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <p className="muted hint">{t('console.people.contract.slaHint')}</p>
      </fieldset>

      <fieldset>
        <legend>{t('console.people.contract.scope')}</legend>
        <label className="check">
          <input type="checkbox" checked={secondLevel} onChange={(e) => setSecondLevel(e.target.checked)} />
          {t('console.people.contract.coversSecondLevel')}
        </label>
        <ScopeFields kind="clients" value={clients} onChange={setClients} />
        <ScopeFields kind="servers" value={servers} onChange={setServers} />
        <fieldset className="actions">
          <legend>{t('console.people.contract.allowedActions')}</legend>
          {remoteActions.map((action) => (
            <label key={action} className="check">
              <input
                type="checkbox"
                checked={actions[action]}
                onChange={(e) => setActions({ ...actions, [action]: e.target.checked })}
              />
              {t(`console.people.contract.actions.${action}`)}
            </label>
          ))}
        </fieldset>
      </fieldset>

      <div className="labelled">
        <label htmlFor={`${id}-technical`}>{t('console.people.contract.technicalContact')}</label>
        <select
          id={`${id}-technical`}
          aria-describedby={`${id}-technical-hint`}
          value={technicalContactId}
          onChange={(e) => setTechnicalContactId(e.target.value)}
        >
          <option value="">{t('console.people.contract.chooseContact')}</option>
          {props.contacts.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {contact.jobTitle ? `${contact.name} (${contact.jobTitle})` : contact.name}
            </option>
          ))}
        </select>
        <span id={`${id}-technical-hint`} className="muted hint">
          {t('console.people.contract.technicalContactHint')}
        </span>
      </div>
      <label>
        {t('console.people.notes')}
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {initial ? t('console.people.save') : t('console.people.contract.create')}
        </button>
        <button type="button" className="secondary" onClick={() => props.onDone(false)}>
          {t('console.people.cancel')}
        </button>
      </div>
    </form>
  )
}

function ScopeFields(props: { kind: 'clients' | 'servers'; value: ScopeForm; onChange(value: ScopeForm): void }) {
  const { t } = useTranslation()
  const { value, onChange } = props
  return (
    <fieldset className="scope">
      <legend>{t(`console.people.contract.${props.kind}`)}</legend>
      <label className="check">
        <input type="checkbox" checked={value.all} onChange={(e) => onChange({ ...value, all: e.target.checked })} />
        {t(`console.people.contract.all.${props.kind}`)}
      </label>
      <div className="form-row">
        <label>
          {t('console.people.contract.deviceGroups')}
          <input
            value={value.groups}
            disabled={value.all}
            onChange={(e) => onChange({ ...value, groups: e.target.value })}
          />
        </label>
        <label>
          {t('console.people.contract.namedSystems')}
          <input
            value={value.systems}
            disabled={value.all}
            onChange={(e) => onChange({ ...value, systems: e.target.value })}
          />
        </label>
      </div>
    </fieldset>
  )
}
