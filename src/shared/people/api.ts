/**
 * Request and response shapes of the people routes. Admins write; agents, specialists and admins
 * read. Every answer is scoped to the signed-in account's organisation.
 */
import { z } from 'zod'
import { prioritySchema } from '../tickets/priority'
import { statusSchema } from '../tickets/status'
import { ticketNumberSchema } from '../tickets/ticketNumber'
import { accessRefusalCodes } from './access'
import { contactSchema } from './contact'
import { allowedActionsSchema, contractStateSchema, contractViewSchema, remoteActionSchema } from './contract'
import { customerRefSchema, customerSchema } from './customer'
import { deviceKindSchema, deviceSchema, deviceSnapshotRefSchema } from './device'
import { peopleLimits } from './limits'

export const idParamsSchema = z.object({ id: z.uuid() })

/** `GET /api/customers`: one line per customer, by name. */
export const customerSummarySchema = customerSchema.pick({ id: true, name: true, domains: true }).extend({
  contactCount: z.number().int().min(0),
  deviceCount: z.number().int().min(0),
  /** The best state among its contracts (active before upcoming before expired); `null` without any. */
  contractState: contractStateSchema.nullable(),
})
export type CustomerSummary = z.infer<typeof customerSummarySchema>
export const customerListSchema = z.object({ customers: z.array(customerSummarySchema) })
export type CustomerList = z.infer<typeof customerListSchema>

/** `GET /api/customers/:id` (and the answer to its `PUT`): the customer with everything under it. */
export const customerDetailSchema = z.object({
  customer: customerSchema,
  contacts: z.array(contactSchema),
  contracts: z.array(contractViewSchema),
  devices: z.array(deviceSchema),
})
export type CustomerDetail = z.infer<typeof customerDetailSchema>

/** A ticket as listed beside a contact or device. */
export const ticketSummarySchema = z.object({
  id: z.uuid(),
  number: ticketNumberSchema.nullable(),
  subject: z.string(),
  status: statusSchema,
  priority: prioritySchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type TicketSummary = z.infer<typeof ticketSummarySchema>

/** `GET /api/contacts/lookup?q=`: a name, phone number (any way of writing it) or e-mail address, or part of one. */
export const contactLookupQuerySchema = z.object({
  q: z.string().trim().min(2, { error: 'Type at least two characters' }).max(peopleLimits.lookupQuery),
})
export type ContactLookupQuery = z.infer<typeof contactLookupQuerySchema>

export const contactMatchSchema = z.object({
  contact: contactSchema,
  customer: customerRefSchema,
  /** Tickets whose requester has the contact's e-mail address or phone number and are not resolved or closed. */
  openTickets: z.array(ticketSummarySchema),
  /** The latest resolved or closed ones (a few). */
  recentTickets: z.array(ticketSummarySchema),
  devices: z.array(deviceSchema),
})
export type ContactMatch = z.infer<typeof contactMatchSchema>
export const contactLookupResultSchema = z.object({ matches: z.array(contactMatchSchema).max(20) })
export type ContactLookupResult = z.infer<typeof contactLookupResultSchema>

/** `GET /api/devices?customerId=`: devices, optionally of one customer. */
export const deviceListQuerySchema = z.object({ customerId: z.uuid().optional() })
export const deviceListSchema = z.object({ devices: z.array(deviceSchema.extend({ customer: customerRefSchema })) })
export type DeviceList = z.infer<typeof deviceListSchema>

/**
 * Whether a contract in force lets 2nd level see the device's screen now: the contract and what it
 * allows, or the refusal's `code` and `params` (for a message in the reader's language) and `reason` (English).
 */
export const deviceCoverageSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    contract: z.object({ id: z.uuid(), name: z.string() }),
    actions: allowedActionsSchema,
  }),
  z.object({
    ok: z.literal(false),
    code: z.enum(accessRefusalCodes),
    reason: z.string(),
    params: z.object({
      customer: z.string(),
      date: z.string().optional(),
      kind: deviceKindSchema.optional(),
      system: z.string().optional(),
      action: remoteActionSchema.optional(),
    }),
  }),
])
export type DeviceCoverage = z.infer<typeof deviceCoverageSchema>

/** `GET /api/devices/:id` (and the answer to its `PUT`): the device with its tickets and snapshots over time. */
export const deviceDetailSchema = z.object({
  device: deviceSchema,
  customer: customerRefSchema,
  contact: contactSchema.nullable(),
  /** Tickets linked to the device, filed with its snapshots, or (unlinked) by its contact; newest changed first. */
  tickets: z.array(ticketSummarySchema),
  /** Newest first. */
  snapshots: z.array(deviceSnapshotRefSchema),
  coverage: deviceCoverageSchema,
})
export type DeviceDetail = z.infer<typeof deviceDetailSchema>

// Bodies: POST and PUT take the input schemas of customer.ts, contact.ts, contract.ts and device.ts;
// creating answers the contact, the contract's view (contract.ts) or the device.

/** The admin audit log's actions for people (readable names in both locales under `console.admin.audit.actions`). */
export const peopleAuditActions = [
  'customer.created',
  'customer.updated',
  'contact.created',
  'contact.updated',
  'contract.created',
  'contract.updated',
  'device.created',
  'device.updated',
] as const
