import type { TFunction } from 'i18next'
import { passwordLimits } from '@shared/accounts/passwordPolicy'
import { HubRequestError } from '../../platform/hubClient'

/** What went wrong with an account request, in the user's language; the hub's own words as a last resort. */
export function accountErrorText(t: TFunction, error: unknown): string {
  if (!(error instanceof HubRequestError)) return String(error)
  const failure = error.failure
  if (failure.kind === 'unreachable') return t('console.account.errors.unreachable')
  if (failure.kind !== 'rejected') return failure.message
  const known = `console.account.errors.${failure.error}`
  return t(known, { defaultValue: failure.message, min: passwordLimits.min, max: passwordLimits.max })
}
