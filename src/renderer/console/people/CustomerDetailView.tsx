import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ContactsSection } from './ContactsSection'
import { ContractsSection } from './ContractsSection'
import { CustomerForm } from './CustomerForm'
import { DevicesSection } from './DevicesSection'
import { EnrolmentSection } from './EnrolmentSection'
import { usePeopleData } from './usePeople'

/** One customer as an admin keeps it: its details, contacts, contracts, devices and Get Help enrolments. */
export function CustomerDetailView({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t } = useTranslation()
  const detail = usePeopleData(id, (client) => client.customer(id))
  const [editing, setEditing] = useState(false)
  if (!detail.data) return <p className="muted">{detail.error ?? t('console.people.loading')}</p>
  const { customer, contacts, contracts, devices } = detail.data
  const changed = () => {
    detail.reload()
    onChanged()
  }
  return (
    <article className="customer-detail" aria-labelledby="customer-heading">
      {detail.error && <p className="muted">{detail.error}</p>}
      {editing ? (
        <CustomerForm
          initial={customer}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            changed()
          }}
        />
      ) : (
        <header className="customer-header">
          <h3 id="customer-heading">{customer.name}</h3>
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            {t('console.people.customer.editButton')}
          </button>
          <dl className="facts">
            <dt>{t('console.people.customer.domains')}</dt>
            <dd>{customer.domains.length ? customer.domains.join(', ') : '—'}</dd>
            {customer.locations.length > 0 && (
              <>
                <dt>{t('console.people.customer.locations')}</dt>
                <dd>{customer.locations.map((l) => (l.address ? `${l.name}: ${l.address}` : l.name)).join('; ')}</dd>
              </>
            )}
            {customer.notes && (
              <>
                <dt>{t('console.people.notes')}</dt>
                <dd className="record-text">{customer.notes}</dd>
              </>
            )}
          </dl>
        </header>
      )}
      <ContactsSection customerId={customer.id} contacts={contacts} onChanged={changed} />
      <ContractsSection customerId={customer.id} contracts={contracts} contacts={contacts} onChanged={changed} />
      <DevicesSection customerId={customer.id} devices={devices} contacts={contacts} onChanged={changed} />
      <EnrolmentSection customerId={customer.id} customerName={customer.name} />
    </article>
  )
}
