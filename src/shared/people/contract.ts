import { z } from 'zod'
import { businessCalendarSchema } from '../tickets/calendar'
import { slaPolicySchema } from '../tickets/slaPolicy'
import { formatLocalDate, localDateAt } from '../tickets/zonedTime'
import { contactRefSchema } from './contact'
import { peopleLimits } from './limits'

/** A calendar day, `YYYY-MM-DD`, read in the contract's service-hours time zone. */
export const contractDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use YYYY-MM-DD' })
  .refine(
    (text) => {
      // Runs after a failed pattern too, so it must not throw on any text.
      const time = Date.parse(`${text}T00:00:00Z`)
      return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text)
    },
    { error: 'Not a calendar date' },
  )

const scopeEntrySchema = z.string().trim().min(1).max(peopleLimits.scopeEntry)
const scopeEntriesSchema = z.array(scopeEntrySchema).max(peopleLimits.scopeEntries)

/**
 * Which systems of one kind (clients or servers) 2nd level may reach: all of them, or those in the
 * named device groups, or the named systems (a device's name, compared without regard to case).
 * Nothing selected means the kind is not covered.
 */
export const systemScopeSchema = z.object({
  all: z.boolean(),
  groups: scopeEntriesSchema,
  systems: scopeEntriesSchema,
})
export type SystemScope = z.infer<typeof systemScopeSchema>

export const remoteActions = ['view', 'control', 'unattended'] as const
export const remoteActionSchema = z.enum(remoteActions)
export type RemoteAction = z.infer<typeof remoteActionSchema>

/** The remote actions the contract allows; unattended access (nobody at the device) is off unless agreed. */
export const allowedActionsSchema = z
  .object({ view: z.boolean(), control: z.boolean(), unattended: z.boolean().default(false) })
  .refine((actions) => actions.view || (!actions.control && !actions.unattended), {
    error: 'Control and unattended access need viewing the screen as well',
  })
export type AllowedActions = z.infer<typeof allowedActionsSchema>

export const accessScopeSchema = z.object({
  clients: systemScopeSchema,
  servers: systemScopeSchema,
  actions: allowedActionsSchema,
})
export type AccessScope = z.infer<typeof accessScopeSchema>

/** What an admin enters for a contract (`POST /api/customers/:id/contracts`, `PUT /api/contracts/:id`). */
export const contractInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'A contract needs a name' }).max(peopleLimits.contractName),
    /** First and last day the contract is in force; `validUntil: null` runs until changed. */
    validFrom: contractDateSchema,
    validUntil: contractDateSchema.nullable(),
    /** When the desk serves this customer; its time zone also decides which day `validUntil` ends. */
    serviceHours: businessCalendarSchema,
    slaPolicy: slaPolicySchema,
    /** The contract covers 2nd-level work: then a technical contact at the customer is required. */
    secondLevel: z.boolean(),
    scope: accessScopeSchema,
    /** A contact of the same customer, technically skilled (not a management position). */
    technicalContactId: z.uuid().nullable(),
    notes: z.string().max(peopleLimits.notes).default(''),
  })
  .refine((contract) => contract.validUntil === null || contract.validUntil >= contract.validFrom, {
    error: 'A contract must end on or after the day it starts',
    path: ['validUntil'],
  })
  .refine((contract) => !contract.secondLevel || contract.technicalContactId !== null, {
    error: 'A contract that covers 2nd level needs a technical contact',
    path: ['technicalContactId'],
  })
export type ContractInput = z.infer<typeof contractInputSchema>

export const contractSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  name: z.string(),
  validFrom: contractDateSchema,
  validUntil: contractDateSchema.nullable(),
  serviceHours: businessCalendarSchema,
  slaPolicy: slaPolicySchema,
  secondLevel: z.boolean(),
  scope: accessScopeSchema,
  technicalContactId: z.uuid().nullable(),
  notes: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Contract = z.infer<typeof contractSchema>

export const contractStates = ['upcoming', 'active', 'expired'] as const
export const contractStateSchema = z.enum(contractStates)
export type ContractState = z.infer<typeof contractStateSchema>

/** A contract as the Console shows it: its state when the hub answered, and the technical contact to call. */
export const contractViewSchema = contractSchema.extend({
  state: contractStateSchema,
  technicalContact: contactRefSchema.nullable(),
})
export type ContractView = z.infer<typeof contractViewSchema>

type Validity = Pick<Contract, 'validFrom' | 'validUntil' | 'serviceHours'>

/** The contract's calendar day at `now`, in its service hours' time zone. */
export function contractDayAt(contract: Validity, now: Date | number): string {
  return formatLocalDate(localDateAt(typeof now === 'number' ? now : now.getTime(), contract.serviceHours.timeZone))
}

/** Whether the contract has not started, is in force, or has expired at `now` (its last day still counts). */
export function contractStateAt(contract: Validity, now: Date | number): ContractState {
  const today = contractDayAt(contract, now)
  if (today < contract.validFrom) return 'upcoming'
  if (contract.validUntil !== null && today > contract.validUntil) return 'expired'
  return 'active'
}
