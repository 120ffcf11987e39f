import { useTranslation } from 'react-i18next'
import { samePhone, type ContractView, type CustomerDetail } from '@shared/people'
import type { Requester, TicketLinks } from '@shared/tickets/people'
import { useConsoleStore } from '../store'
import { ContractSummary } from './ContractsSection'
import { OpenDeviceButton } from './DeviceView'
import { ContactLinks, ContractStateBadge } from './parts'
import { usePeopleData } from './usePeople'

const stateOrder = { active: 0, upcoming: 1, expired: 2 } as const

/** The contract that speaks for the customer now: one in force, else the next to start, else the last to end. */
export function currentContract(contracts: readonly ContractView[]): ContractView | null {
  return (
    [...contracts].sort(
      (a, b) =>
        stateOrder[a.state] - stateOrder[b.state] || (b.validUntil ?? '9999').localeCompare(a.validUntil ?? '9999'),
    )[0] ?? null
  )
}

/**
 * The ticket's customer: the one it is linked to, else (older tickets) the one found on the hub by
 * the requester's e-mail address or phone number. Online only; null for a requester who is no known
 * contact (and while the answer is on its way).
 */
export function useRequesterCustomer(requester: Requester, links?: TicketLinks | null): CustomerDetail | null {
  const online = useConsoleStore((s) => s.connection === 'online')
  const linked = links?.customerId ?? null
  const query = requester.email ?? requester.phone
  const key = !online
    ? null
    : linked
      ? `customer:${linked}`
      : query
        ? `${requester.email ?? ''}|${requester.phone ?? ''}`
        : null
  const found = usePeopleData<CustomerDetail | null>(key, async (client) => {
    if (linked) return client.customer(linked)
    const { matches } = await client.lookupContacts(query!)
    const match = matches.find(
      ({ contact }) =>
        (requester.email && contact.email?.toLowerCase() === requester.email.toLowerCase()) ||
        (requester.phone && contact.phone && samePhone(contact.phone, requester.phone)),
    )
    return match ? client.customer(match.customer.id) : null
  })
  return key ? found.data : null
}

/**
 * The requester's customer and contract on the ticket, with the technical contact one click away.
 * Shows nothing for a requester who is no known contact.
 */
export function TicketCustomer({ requester, links }: { requester: Requester; links?: TicketLinks | null }) {
  const detail = useRequesterCustomer(requester, links)
  return detail ? <CustomerCard detail={detail} deviceId={links?.deviceId ?? null} /> : null
}

/** The ticket's linked device, one click from its device view. */
export function LinkedDevice({ detail, deviceId }: { detail: CustomerDetail; deviceId: string | null }) {
  const { t } = useTranslation()
  const device = detail.devices.find((candidate) => candidate.id === deviceId)
  if (!device) return null
  return (
    <p>
      {t('console.people.ticket.device')}: <OpenDeviceButton deviceId={device.id} name={device.name} />
    </p>
  )
}

/** A customer with its current contract and technical contact; also the remote session's view of its customer. */
export function CustomerCard({ detail, deviceId = null }: { detail: CustomerDetail; deviceId?: string | null }) {
  const { t } = useTranslation()
  const contract = currentContract(detail.contracts)
  return (
    <section className="ticket-customer" aria-label={t('console.people.ticket.heading')}>
      <p>
        {t('console.people.ticket.customer')}: <strong>{detail.customer.name}</strong>
        {' · '}
        {contract ? (
          <>
            {t('console.people.ticket.contract')}: {contract.name} <ContractStateBadge state={contract.state} />
          </>
        ) : (
          t('console.people.contract.noContract')
        )}
      </p>
      <LinkedDevice detail={detail} deviceId={deviceId} />
      {contract?.technicalContact && (
        <p>
          {t('console.people.contract.technicalContact')}: <ContactLinks contact={contract.technicalContact} />
        </p>
      )}
      {contract && (
        <details>
          <summary>{t('console.people.ticket.scope')}</summary>
          <ContractSummary contract={contract} />
        </details>
      )}
    </section>
  )
}
