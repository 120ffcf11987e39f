import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { deviceInputSchema, deviceKinds, type Contact, type Device, type DeviceKind } from '@shared/people'
import { EnumSelect } from '../../ui/EnumSelect'
import { OpenDeviceButton } from './DeviceView'
import { firstIssue } from './parts'
import { usePeopleAction } from './usePeople'

/** The customer's systems: those Get Help enrolled, and servers an admin names for contract scopes. */
export function DevicesSection(props: {
  customerId: string
  devices: Device[]
  contacts: Contact[]
  onChanged(): void
}) {
  const { t, i18n } = useTranslation()
  const [adding, setAdding] = useState(false)
  const contactName = (id: string | null) => props.contacts.find((c) => c.id === id)?.name ?? '—'
  const when = (at: string | null) =>
    at ? new Date(at).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) : '—'
  return (
    <section className="people-section" aria-labelledby="devices-heading">
      <div className="section-header">
        <h4 id="devices-heading">{t('console.people.device.heading')}</h4>
        <button type="button" className="secondary" onClick={() => setAdding(true)}>
          {t('console.people.device.new')}
        </button>
      </div>
      {props.devices.length === 0 ? (
        <p className="muted">{t('console.people.device.none')}</p>
      ) : (
        <table className="people-table">
          <caption className="visually-hidden">{t('console.people.device.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.people.device.name')}</th>
              <th scope="col">{t('console.people.device.kind')}</th>
              <th scope="col">{t('console.people.device.group')}</th>
              <th scope="col">{t('console.people.device.user')}</th>
              <th scope="col">{t('console.people.device.os')}</th>
              <th scope="col">{t('console.people.device.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {props.devices.map((device) => (
              <tr key={device.id}>
                <td>
                  <OpenDeviceButton deviceId={device.id} name={device.name} bare />
                  {device.model && <span className="muted device-model">{device.model}</span>}
                </td>
                <td>{t(`console.people.device.kinds.${device.kind}`)}</td>
                <td>{device.group ?? '—'}</td>
                <td>{contactName(device.contactId)}</td>
                <td>{device.os ?? '—'}</td>
                <td>{when(device.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {adding && (
        <DeviceForm
          customerId={props.customerId}
          contacts={props.contacts}
          onDone={(saved) => {
            setAdding(false)
            if (saved) props.onChanged()
          }}
        />
      )}
    </section>
  )
}

function DeviceForm(props: { customerId: string; contacts: Contact[]; onDone(saved: boolean): void }) {
  const { t } = useTranslation()
  const { run, busy, error, setError } = usePeopleAction()
  const [name, setName] = useState('')
  const [kind, setKind] = useState<DeviceKind>('client')
  const [group, setGroup] = useState('')
  const [contactId, setContactId] = useState('')
  const save = async (event: FormEvent) => {
    event.preventDefault()
    const input = deviceInputSchema.safeParse({
      name,
      kind,
      group: group.trim() || null,
      contactId: contactId || null,
      model: null,
      serial: null,
      os: null,
    })
    if (!input.success) {
      setError(firstIssue(input.error))
      return
    }
    if (await run((client) => client.createDevice(props.customerId, input.data))) props.onDone(true)
  }
  return (
    <form className="people-form" aria-label={t('console.people.device.new')} onSubmit={(e) => void save(e)}>
      <div className="form-row">
        <label>
          {t('console.people.device.name')}
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <EnumSelect
          label={t('console.people.device.kind')}
          value={kind}
          values={deviceKinds}
          text={(value) => t(`console.people.device.kinds.${value}`)}
          onChange={setKind}
        />
        <label>
          {t('console.people.device.group')}
          <input value={group} onChange={(e) => setGroup(e.target.value)} />
        </label>
        <label>
          {t('console.people.device.user')}
          <select value={contactId} onChange={(e) => setContactId(e.target.value)}>
            <option value="">—</option>
            {props.contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t('console.people.device.create')}
        </button>
        <button type="button" className="secondary" onClick={() => props.onDone(false)}>
          {t('console.people.cancel')}
        </button>
      </div>
    </form>
  )
}
