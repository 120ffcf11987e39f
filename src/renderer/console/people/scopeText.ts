import type { TFunction } from 'i18next'
import { remoteActions, scopeIsEmpty, type AccessScope, type SystemScope } from '@shared/people'

/** One kind of system in a contract's scope, in a line: all, the named groups and systems, or not covered. */
export function systemScopeText(t: TFunction, scope: SystemScope): string {
  if (scope.all) return t('console.people.contract.scopeAll')
  if (scopeIsEmpty(scope)) return t('console.people.contract.scopeNone')
  const parts: string[] = []
  if (scope.groups.length) parts.push(t('console.people.contract.scopeGroups', { groups: scope.groups.join(', ') }))
  if (scope.systems.length) parts.push(t('console.people.contract.scopeSystems', { systems: scope.systems.join(', ') }))
  return parts.join('; ')
}

/** The remote actions a contract allows, in a line ("none" when it allows none). */
export function actionsText(t: TFunction, scope: AccessScope): string {
  const allowed = remoteActions.filter((action) => scope.actions[action])
  return allowed.length
    ? allowed.map((action) => t(`console.people.contract.actions.${action}`)).join(', ')
    : t('console.people.contract.noActions')
}
