import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Contact, ContractView } from '@shared/people'
import { ContractForm } from './ContractForm'
import { ContactLinks, ContractStateBadge } from './parts'
import { actionsText, systemScopeText } from './scopeText'

/** The customer's contracts: validity, what 2nd level may reach, and whom to work with there. */
export function ContractsSection(props: {
  customerId: string
  contracts: ContractView[]
  contacts: Contact[]
  onChanged(): void
}) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<string | null>(null)
  const done = (saved: boolean) => {
    setEditing(null)
    if (saved) props.onChanged()
  }
  return (
    <section className="people-section" aria-labelledby="contracts-heading">
      <div className="section-header">
        <h4 id="contracts-heading">{t('console.people.contract.heading')}</h4>
        <button type="button" className="secondary" onClick={() => setEditing('new')}>
          {t('console.people.contract.new')}
        </button>
      </div>
      {props.contracts.length === 0 && <p className="muted">{t('console.people.contract.none')}</p>}
      <ul className="people-list" aria-label={t('console.people.contract.heading')}>
        {props.contracts.map((contract) =>
          editing === contract.id ? (
            <li key={contract.id}>
              <ContractForm customerId={props.customerId} contacts={props.contacts} initial={contract} onDone={done} />
            </li>
          ) : (
            <li key={contract.id} className="people-item">
              <ContractSummary contract={contract} />
              <button
                type="button"
                className="link-button"
                aria-label={t('console.people.contract.editNamed', { name: contract.name })}
                onClick={() => setEditing(contract.id)}
              >
                {t('console.people.change')}
              </button>
            </li>
          ),
        )}
      </ul>
      {editing === 'new' && (
        <ContractForm customerId={props.customerId} contacts={props.contacts} initial={null} onDone={done} />
      )}
    </section>
  )
}

/** A contract as agents and admins read it. */
export function ContractSummary({ contract }: { contract: ContractView }) {
  const { t, i18n } = useTranslation()
  const day = (date: string) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' })
  return (
    <div className={`contract contract-is-${contract.state}`}>
      <p className="contract-title">
        <strong>{contract.name}</strong> <ContractStateBadge state={contract.state} />{' '}
        <span className="muted">
          {contract.validUntil
            ? t('console.people.contract.validFromTo', {
                from: day(contract.validFrom),
                until: day(contract.validUntil),
              })
            : t('console.people.contract.validFromOpen', { from: day(contract.validFrom) })}
        </span>
      </p>
      {contract.state === 'expired' && (
        <p className="contract-expired-note">{t('console.people.contract.expiredNote')}</p>
      )}
      <dl className="facts">
        <dt>{t('console.people.contract.technicalContact')}</dt>
        <dd>
          {contract.technicalContact ? (
            <ContactLinks contact={contract.technicalContact} />
          ) : (
            t('console.people.contract.noTechnicalContact')
          )}
        </dd>
        <dt>{t('console.people.contract.clients')}</dt>
        <dd>{systemScopeText(t, contract.scope.clients)}</dd>
        <dt>{t('console.people.contract.servers')}</dt>
        <dd>{systemScopeText(t, contract.scope.servers)}</dd>
        <dt>{t('console.people.contract.allowedActions')}</dt>
        <dd>{actionsText(t, contract.scope)}</dd>
        <dt>{t('console.people.contract.secondLevel')}</dt>
        <dd>{contract.secondLevel ? t('console.people.yes') : t('console.people.no')}</dd>
      </dl>
    </div>
  )
}
