import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { customerInputSchema, type Customer, type Location } from '@shared/people'
import { firstIssue, splitList } from './parts'
import { usePeopleAction } from './usePeople'

/** Locations are typed one per line as "name: address". */
function readLocations(text: string): Location[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':')
      return colon < 0
        ? { name: line, address: '' }
        : { name: line.slice(0, colon).trim(), address: line.slice(colon + 1).trim() }
    })
}

/** Creates a customer (`initial: null`) or changes one; the hub's answer replaces what is shown. */
export function CustomerForm(props: { initial: Customer | null; onSaved(customer: Customer): void; onCancel(): void }) {
  const { t } = useTranslation()
  const { run, busy, error, setError } = usePeopleAction()
  const [name, setName] = useState(props.initial?.name ?? '')
  const [domains, setDomains] = useState(props.initial?.domains.join(', ') ?? '')
  const [locations, setLocations] = useState(
    props.initial?.locations.map((l) => (l.address ? `${l.name}: ${l.address}` : l.name)).join('\n') ?? '',
  )
  const [notes, setNotes] = useState(props.initial?.notes ?? '')
  const hintId = useId()
  const fieldName = (path: string) =>
    path.startsWith('name')
      ? t('console.people.customer.name')
      : path.startsWith('domains')
        ? t('console.people.customer.domains')
        : path.startsWith('locations')
          ? t('console.people.customer.locations')
          : null

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const input = customerInputSchema.safeParse({
      name,
      domains: splitList(domains),
      locations: readLocations(locations),
      // Business hours are kept as they are; a new customer uses the organisation's calendar.
      calendar: props.initial?.calendar ?? null,
      notes,
    })
    if (!input.success) {
      setError(firstIssue(input.error, fieldName))
      return
    }
    const initial = props.initial
    const saved = await run((client) =>
      initial
        ? client.updateCustomer(initial.id, input.data).then((detail) => detail.customer)
        : client.createCustomer(input.data),
    )
    if (saved) props.onSaved(saved)
  }

  const heading = props.initial ? t('console.people.customer.edit') : t('console.people.customer.new')
  return (
    <form className="people-form" aria-label={heading} onSubmit={(e) => void save(e)}>
      <h3>{heading}</h3>
      <label>
        {t('console.people.customer.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('console.people.customer.domains')}
        <input
          aria-describedby={`${hintId}-domains`}
          value={domains}
          placeholder="mueller.example, mueller-gmbh.example"
          onChange={(e) => setDomains(e.target.value)}
        />
      </label>
      <span id={`${hintId}-domains`} className="muted hint">
        {t('console.people.customer.domainsHint')}
      </span>
      <label>
        {t('console.people.customer.locations')}
        <textarea
          rows={2}
          aria-describedby={`${hintId}-locations`}
          value={locations}
          onChange={(e) => setLocations(e.target.value)}
        />
      </label>
      <span id={`${hintId}-locations`} className="muted hint">
        {t('console.people.customer.locationsHint')}
      </span>
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
          {props.initial ? t('console.people.save') : t('console.people.customer.create')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('console.people.cancel')}
        </button>
      </div>
    </form>
  )
}
