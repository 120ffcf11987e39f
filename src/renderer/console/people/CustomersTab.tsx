import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ContractStateBadge } from './parts'
import { CustomerDetailView } from './CustomerDetailView'
import { CustomerForm } from './CustomerForm'
import { usePeopleData } from './usePeople'

/** Administration → Customers: the customer list beside the chosen customer, or a new one being entered. */
export function CustomersTab() {
  const { t } = useTranslation()
  const list = usePeopleData('customers', (client) => client.customers())
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const customers = list.data?.customers ?? []
  return (
    <div className="customers">
      <div className="customer-list-pane">
        <button
          type="button"
          onClick={() => {
            setCreating(true)
            setSelectedId(null)
          }}
        >
          {t('console.people.customer.new')}
        </button>
        {list.error && <p className="muted">{list.error}</p>}
        {list.data && customers.length === 0 && <p className="muted">{t('console.people.customer.none')}</p>}
        <ul className="customer-list" aria-label={t('console.people.customer.list')}>
          {customers.map((customer) => (
            <li key={customer.id}>
              <button
                type="button"
                className={customer.id === selectedId ? '' : 'secondary'}
                aria-current={customer.id === selectedId ? 'true' : undefined}
                onClick={() => {
                  setSelectedId(customer.id)
                  setCreating(false)
                }}
              >
                <span className="customer-name">{customer.name}</span>
                <span className="customer-facts">
                  {customer.contractState ? (
                    <ContractStateBadge state={customer.contractState} />
                  ) : (
                    <span className="contract-state">{t('console.people.contract.noContract')}</span>
                  )}{' '}
                  {t('console.people.customer.contactCount', { count: customer.contactCount })}
                  {' · '}
                  {t('console.people.customer.deviceCount', { count: customer.deviceCount })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="customer-detail-pane">
        {creating ? (
          <CustomerForm
            initial={null}
            onCancel={() => setCreating(false)}
            onSaved={(customer) => {
              list.reload()
              setCreating(false)
              setSelectedId(customer.id)
            }}
          />
        ) : selectedId ? (
          <CustomerDetailView key={selectedId} id={selectedId} onChanged={list.reload} />
        ) : (
          <p className="muted">{t('console.people.customer.pick')}</p>
        )}
      </div>
    </div>
  )
}
