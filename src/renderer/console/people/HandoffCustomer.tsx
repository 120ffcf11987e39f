import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Requester, TicketLinks } from '@shared/tickets/people'
import { ContractSummary } from './ContractsSection'
import { currentContract, LinkedDevice, useRequesterCustomer } from './TicketCustomer'

/**
 * The customer and its current contract as the escalation handoff carries them: what 2nd level may
 * reach and the technical contact with phone and e-mail one click away. Read-only; shows nothing
 * for a requester who is no known contact or while the hub is out of reach.
 */
export function HandoffCustomer({
  requester,
  links = null,
  headingLevel,
  preview = false,
}: {
  requester: Requester
  /** The ticket's links: its customer and the device it is about. */
  links?: TicketLinks | null
  headingLevel: 3 | 4
  /** In the escalation dialog: says that this is what the specialist will get. */
  preview?: boolean
}) {
  const { t } = useTranslation()
  const headingId = useId()
  const detail = useRequesterCustomer(requester, links)
  if (!detail) return null
  const contract = currentContract(detail.contracts)
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <section className="handoff-customer" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('console.people.handoff.heading')}</Heading>
      {preview && <p className="muted">{t('console.people.handoff.preview')}</p>}
      <p>
        {t('console.people.handoff.customer')}: <strong>{detail.customer.name}</strong>
      </p>
      <LinkedDevice detail={detail} deviceId={links?.deviceId ?? null} />
      {contract ? (
        <ContractSummary contract={contract} />
      ) : (
        <p className="muted">{t('console.people.handoff.noContract')}</p>
      )}
    </section>
  )
}
