import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ContractRefusalDetail } from '@shared/session/protocol'

/** A contract's calendar day in the reader's way of writing dates. */
function day(date: string | undefined, language: string): string {
  if (!date) return ''
  const time = Date.parse(`${date}T00:00:00Z`)
  return Number.isNaN(time)
    ? date
    : new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(time))
}

/** Why the contract refused, in the UI language, from the hub's code and parameters (never its English reason). */
export function contractRefusalText(t: TFunction, language: string, refusal: ContractRefusalDetail): string {
  const { params } = refusal
  const kind = params.kind ?? 'client'
  return t(`console.session.contract.${refusal.code}`, {
    customer: params.customer,
    date: day(params.date, language),
    system: params.system ?? t('console.session.contract.someDevice'),
    kind: t(`console.session.contract.kind.${kind}`),
    kinds: t(`console.session.contract.kinds.${kind}`),
    action: t(`console.session.contract.actions.${params.action ?? 'view'}`),
  })
}

/** The refusal where the agent or specialist acted. */
export function ContractRefusal({ refusal }: { refusal: ContractRefusalDetail }) {
  const { t, i18n } = useTranslation()
  return (
    <p role="alert" className="error contract-refusal">
      <strong>{t('console.session.contract.heading')}:</strong> {contractRefusalText(t, i18n.language, refusal)}
    </p>
  )
}
