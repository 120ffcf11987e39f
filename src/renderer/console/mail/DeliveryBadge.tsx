import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { retryableStates, type Delivery } from '@shared/mail/delivery'

/** A mail's state under the event it told the requester about; failed ones with the server's reason. */
export function DeliveryBadge({ delivery, onRetry }: { delivery: Delivery; onRetry(): Promise<void> }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <p className={`delivery delivery-${delivery.state}`}>
      <span className="badge">{t(`console.ticket.delivery.${delivery.state}`, { to: delivery.to })}</span>
      {delivery.lastError && delivery.state !== 'sent' && (
        <span className="muted"> {t('console.ticket.delivery.reason', { reason: delivery.lastError })}</span>
      )}
      {retryableStates.includes(delivery.state) && (
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true)
            setProblem(null)
            onRetry()
              .catch((error: unknown) => setProblem(String(error instanceof Error ? error.message : error)))
              .finally(() => setBusy(false))
          }}
        >
          {t('console.ticket.delivery.retry')}
        </button>
      )}
      {problem && <span role="alert"> {problem}</span>}
    </p>
  )
}
