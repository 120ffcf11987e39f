import type { TFunction } from 'i18next'
import { HubRequestError } from '../platform/hubClient'

/** A failed knowledge-base call in the agent's words: offline, or the hub's own reason. */
export function describeKbError(error: unknown, t: TFunction): string {
  if (error instanceof HubRequestError && error.failure.kind === 'unreachable') return t('console.kb.unreachable')
  return t('console.kb.failed', { reason: error instanceof Error ? error.message : String(error) })
}
