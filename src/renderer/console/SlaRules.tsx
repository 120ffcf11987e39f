import { useTranslation } from 'react-i18next'
import type { ResolvedSla } from '@shared/people/sla'
import { describeHours } from './people/hoursText'

/** The line under a ticket's SLA clocks that says whose targets and business hours they count by. */
export function SlaRulesLine({ rules }: { rules: ResolvedSla }) {
  const { t, i18n } = useTranslation()
  const { source, config } = rules
  const hours = describeHours(config.calendar, i18n.language)
  const customer = source.customer?.name
  const text = source.contract
    ? t('console.ticket.sla.rules.contract', { customer, contract: source.contract.name, hours })
    : source.hoursFrom === 'customer'
      ? t('console.ticket.sla.rules.customerHours', { customer, hours })
      : customer
        ? t('console.ticket.sla.rules.standardFor', { customer, hours })
        : t('console.ticket.sla.rules.standard', { hours })
  return (
    <p className="muted sla-rules" data-testid="sla-rules">
      {text}
    </p>
  )
}
