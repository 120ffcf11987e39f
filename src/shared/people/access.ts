import type { Contract, RemoteAction, SystemScope } from './contract'
import { contractStateAt } from './contract'
import type { Device } from './device'

/** Why the hub refuses to let someone reach a device; `reason` reads well on its own, `code` lets a UI say it in its language. */
export const accessRefusalCodes = [
  'no_contract',
  'other_customer',
  'not_yet_valid',
  'expired',
  'kind_not_covered',
  'system_not_covered',
  'action_not_allowed',
  /** The session reaches the customer, but not a device the hub knows: only a scope covering all clients covers it. */
  'unknown_device',
] as const
export type AccessRefusalCode = (typeof accessRefusalCodes)[number]

export type ContractAccess =
  | { ok: true; contract: Contract }
  | {
      ok: false
      code: AccessRefusalCode
      reason: string
      /** What the reason names, for a translated message. */
      params: { customer: string; date?: string; kind?: Device['kind']; system?: string; action?: RemoteAction }
    }

export interface ContractAccessRequest {
  /** The contract to check; `null` when the customer has none. */
  contract: Contract | null
  /** The customer the contract is with (its name goes into the reason). */
  customer: { id: string; name: string }
  /**
   * The device reached. `name: null` is a device the hub does not know (a session whose customer is
   * known from the enrolment or ticket, but not its computer): checked as a client without a name or
   * group, so only a scope that covers all clients covers it.
   */
  device: Pick<Device, 'customerId' | 'kind' | 'group'> & { name: string | null }
  action: RemoteAction
  now: Date | number
}

const kindWords = { client: 'clients', server: 'servers' } as const
const actionWords: Record<RemoteAction, string> = {
  view: 'viewing the screen',
  control: 'control',
  unattended: 'unattended access',
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0

export function scopeIsEmpty(scope: SystemScope): boolean {
  return !scope.all && scope.groups.length === 0 && scope.systems.length === 0
}

export function scopeCovers(scope: SystemScope, device: Pick<Device, 'name' | 'group'>): boolean {
  if (scope.all) return true
  if (device.group !== null && scope.groups.some((group) => sameName(group, device.group!))) return true
  return scope.systems.some((system) => sameName(system, device.name))
}

/**
 * Whether a contract lets 2nd level reach a device for an action now. Checked in the order a person
 * would ask: is it this customer's device, is the contract in force, does it cover this kind of
 * system and this system, does it allow this action. Pure, so the hub decides and tests can tell.
 */
export function checkContractAccess({
  contract,
  customer,
  device,
  action,
  now,
}: ContractAccessRequest): ContractAccess {
  const refuse = (
    code: AccessRefusalCode,
    reason: string,
    params: Omit<Extract<ContractAccess, { ok: false }>['params'], 'customer'> = {},
  ): ContractAccess => ({ ok: false, code, reason, params: { customer: customer.name, ...params } })
  const theContract = `the contract with ${customer.name}`

  if (device.customerId !== customer.id) {
    const name = device.name ?? 'reached'
    return refuse('other_customer', `the device ${name} does not belong to ${customer.name}`, { system: name })
  }
  if (!contract || contract.customerId !== customer.id) {
    return refuse('no_contract', `${customer.name} has no contract that covers remote access`)
  }
  const state = contractStateAt(contract, now)
  if (state === 'upcoming') {
    return refuse('not_yet_valid', `${theContract} starts on ${contract.validFrom}`, { date: contract.validFrom })
  }
  if (state === 'expired') {
    return refuse('expired', `${theContract} expired on ${contract.validUntil}`, { date: contract.validUntil! })
  }
  const scope = device.kind === 'server' ? contract.scope.servers : contract.scope.clients
  if (scopeIsEmpty(scope)) {
    return refuse('kind_not_covered', `${theContract} does not cover ${kindWords[device.kind]}`, { kind: device.kind })
  }
  if (device.name === null && !scope.all) {
    return refuse(
      'unknown_device',
      `${theContract} covers only some clients, and the hub does not know which computer this session reaches`,
      { kind: device.kind },
    )
  }
  if (!scopeCovers(scope, { name: device.name ?? '', group: device.group })) {
    return refuse('system_not_covered', `${theContract} does not cover the ${device.kind} ${device.name}`, {
      kind: device.kind,
      system: device.name ?? undefined,
    })
  }
  if (!contract.scope.actions[action]) {
    return refuse('action_not_allowed', `${theContract} does not allow ${actionWords[action]}`, { action })
  }
  return { ok: true, contract }
}

const refusalRank: Record<AccessRefusalCode, number> = {
  action_not_allowed: 0,
  system_not_covered: 1,
  unknown_device: 1,
  kind_not_covered: 2,
  expired: 3,
  not_yet_valid: 4,
  no_contract: 5,
  other_customer: 6,
}

/**
 * The same check over all of a customer's contracts: allowed when any one allows it; otherwise the
 * refusal closest to an answer (a contract in force that lacks the action says more than an
 * expired one).
 */
export function checkCustomerAccess(
  request: Omit<ContractAccessRequest, 'contract'> & { contracts: readonly Contract[] },
): ContractAccess {
  const { contracts, ...rest } = request
  if (contracts.length === 0) return checkContractAccess({ ...rest, contract: null })
  let best: ContractAccess | null = null
  for (const contract of contracts) {
    const result = checkContractAccess({ ...rest, contract })
    if (result.ok) return result
    if (!best || (!best.ok && refusalRank[result.code] < refusalRank[best.code])) best = result
  }
  return best!
}
