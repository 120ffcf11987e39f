import { z } from 'zod'
import { businessCalendarSchema } from '../tickets/calendar'
import { defaultSlaConfig, slaPolicySchema, type SlaConfig } from '../tickets/slaPolicy'
import { contractDateSchema, contractStateAt } from './contract'

/** What the SLA clocks need of one contract: when it is in force, its service hours and its targets. */
export const slaContractSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  validFrom: contractDateSchema,
  validUntil: contractDateSchema.nullable(),
  serviceHours: businessCalendarSchema,
  slaPolicy: slaPolicySchema,
})
export type SlaContract = z.infer<typeof slaContractSchema>

/** One customer's clock rules: its own business hours (`null`: the organisation's) and its contracts. */
export const slaCustomerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  calendar: businessCalendarSchema.nullable(),
  contracts: z.array(slaContractSchema),
})
export type SlaCustomer = z.infer<typeof slaCustomerSchema>

/** `GET /api/sla/customers`: every customer of the organisation with its clock rules, by name. */
export const slaCustomersResponseSchema = z.object({ customers: z.array(slaCustomerSchema) })
export type SlaCustomersResponse = z.infer<typeof slaCustomersResponseSchema>

/** Where a ticket's clock rules come from, for the line under its SLA clocks. */
export type SlaSource = {
  customer: { id: string; name: string } | null
  /** The contract whose targets apply; `null`: the organisation's default targets. */
  contract: { id: string; name: string } | null
  /** Whose business hours the business-hours targets count in. */
  hoursFrom: 'contract' | 'customer' | 'organisation'
}

export type ResolvedSla = { config: SlaConfig; source: SlaSource }

/**
 * The contract in force on the day of `at`; when several overlap, the one that started last (it was
 * agreed most recently), then the one listed first.
 */
export function contractInForce<C extends Pick<SlaContract, 'validFrom' | 'validUntil' | 'serviceHours'>>(
  contracts: readonly C[],
  at: Date | number,
): C | null {
  let found: C | null = null
  for (const contract of contracts) {
    if (contractStateAt(contract, at) !== 'active') continue
    if (!found || contract.validFrom > found.validFrom) found = contract
  }
  return found
}

/**
 * The SLA clocks of a ticket for this customer, created at `at`. The targets are those of the
 * contract in force when the ticket was created, and they count in that contract's service hours:
 * those are the hours the desk has agreed to work for the customer. Without a contract in force the
 * organisation's targets count in the customer's business hours, and without those in the
 * organisation's. A ticket of no known customer gets the organisation's defaults.
 */
export function slaConfigFor(
  customer: SlaCustomer | null | undefined,
  at: Date | number | string,
  fallback: SlaConfig = defaultSlaConfig,
): ResolvedSla {
  if (!customer) {
    return { config: fallback, source: { customer: null, contract: null, hoursFrom: 'organisation' } }
  }
  const when = typeof at === 'string' ? Date.parse(at) : at
  const ref = { id: customer.id, name: customer.name }
  const contract = contractInForce(customer.contracts, when)
  if (contract) {
    return {
      config: { policy: contract.slaPolicy, calendar: contract.serviceHours },
      source: { customer: ref, contract: { id: contract.id, name: contract.name }, hoursFrom: 'contract' },
    }
  }
  if (customer.calendar) {
    return {
      config: { policy: fallback.policy, calendar: customer.calendar },
      source: { customer: ref, contract: null, hoursFrom: 'customer' },
    }
  }
  return { config: fallback, source: { customer: ref, contract: null, hoursFrom: 'organisation' } }
}
