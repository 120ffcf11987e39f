import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyReply } from 'fastify'
import type { Account } from '@shared/auth'
import { hubErrorSchema } from '@shared/auth'
import {
  contactInputSchema,
  contactLookupQuerySchema,
  contactLookupResultSchema,
  contactSchema,
  contractInputSchema,
  contractViewSchema,
  customerDetailSchema,
  customerInputSchema,
  customerListSchema,
  deviceDetailSchema,
  deviceInputSchema,
  deviceListQuerySchema,
  deviceListSchema,
  deviceSchema,
  idParamsSchema,
} from '@shared/people'
import { recordAdminAction } from '../audit/adminAudit'
import { requireAccount } from '../routes/requireAccount'
import type { Database, Queryable } from '../storage/db'
import { changedFields, stamps } from './audit'
import { insertContact, listContacts, updateContact } from './contacts'
import { contractView, insertContract, updateContract } from './contracts'
import { insertCustomer, listCustomerSummaries, requireCustomer, updateCustomer } from './customers'
import { insertDevice, listDevices, updateDevice } from './devices'
import { isUniqueViolation, PeopleError } from './errors'
import { lookupContacts } from './lookup'
import { customerDetail, deviceDetail } from './service'

const errors = { 400: hubErrorSchema, 403: hubErrorSchema, 404: hubErrorSchema, 409: hubErrorSchema }
const adminOnly = {
  error: 'forbidden',
  message: 'Only an administrator may change customers, contacts, contracts and devices.',
}

/**
 * Customers, their contacts, contracts and devices. Every role of the organisation reads them;
 * only admins write, and each write is audited in its own transaction. Another organisation's
 * ids answer 404, as if they did not exist.
 */
export const peopleRoutes =
  (db: Database, clock: () => Date = () => new Date()): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))

    /** Runs an admin's change in one transaction and answers its refusals as 4xx; nothing is kept from a refused change. */
    async function asAdmin<T>(
      account: Account,
      reply: FastifyReply,
      work: (tx: Queryable, organisationId: string) => Promise<T>,
    ): Promise<T | FastifyReply> {
      if (account.role !== 'admin') return reply.code(403).send(adminOnly)
      return answer(reply, () => db.transaction((tx) => work(tx, account.organisation.id)))
    }

    async function answer<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
      try {
        return await work()
      } catch (error) {
        if (error instanceof PeopleError)
          return reply.code(error.status).send({ error: error.code, message: error.message })
        if (isUniqueViolation(error)) {
          return reply
            .code(409)
            .send({ error: 'conflict', message: 'Someone saved the same name, address or serial number just now.' })
        }
        throw error
      }
    }

    app.get('/api/customers', { schema: { response: { 200: customerListSchema } } }, async (request) => ({
      customers: await listCustomerSummaries(db, request.account!.organisation.id, clock()),
    }))

    app.post(
      '/api/customers',
      { schema: { body: customerInputSchema, response: { 201: customerDetailSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const created = await asAdmin(account, reply, async (tx, organisationId) => {
          const customer = await insertCustomer(tx, organisationId, request.body)
          await recordAdminAction(tx, account, {
            action: 'customer.created',
            target: { kind: 'customer', id: customer.id, name: customer.name },
            details: { domains: customer.domains, locations: customer.locations.length },
          })
          return customerDetail(tx, organisationId, customer.id, clock())
        })
        return reply.sent ? created : reply.code(201).send(created)
      },
    )

    app.get(
      '/api/customers/:id',
      { schema: { params: idParamsSchema, response: { 200: customerDetailSchema, ...errors } } },
      async (request, reply) =>
        answer(reply, () => customerDetail(db, request.account!.organisation.id, request.params.id, clock())),
    )

    app.put(
      '/api/customers/:id',
      {
        schema: {
          params: idParamsSchema,
          body: customerInputSchema,
          response: { 200: customerDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        const account = request.account!
        return asAdmin(account, reply, async (tx, organisationId) => {
          const { before, after } = await updateCustomer(tx, organisationId, request.params.id, request.body)
          await recordAdminAction(tx, account, {
            action: 'customer.updated',
            target: { kind: 'customer', id: after.id, name: after.name },
            details: changedFields(before, after, stamps),
          })
          return customerDetail(tx, organisationId, after.id, clock())
        })
      },
    )

    app.post(
      '/api/customers/:id/contacts',
      { schema: { params: idParamsSchema, body: contactInputSchema, response: { 201: contactSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const created = await asAdmin(account, reply, async (tx, organisationId) => {
          const customer = await requireCustomer(tx, organisationId, request.params.id)
          const contact = await insertContact(tx, organisationId, customer.id, request.body)
          await recordAdminAction(tx, account, {
            action: 'contact.created',
            target: { kind: 'contact', id: contact.id, name: contact.name },
            details: { customer: { id: customer.id, name: customer.name } },
          })
          return contact
        })
        return reply.sent ? created : reply.code(201).send(created)
      },
    )

    app.put(
      '/api/contacts/:id',
      { schema: { params: idParamsSchema, body: contactInputSchema, response: { 200: contactSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        return asAdmin(account, reply, async (tx, organisationId) => {
          const { before, after } = await updateContact(tx, organisationId, request.params.id, request.body)
          await recordAdminAction(tx, account, {
            action: 'contact.updated',
            target: { kind: 'contact', id: after.id, name: after.name },
            details: changedFields(before, after, stamps),
          })
          return after
        })
      },
    )

    app.get(
      '/api/contacts/lookup',
      { schema: { querystring: contactLookupQuerySchema, response: { 200: contactLookupResultSchema } } },
      async (request) => ({ matches: await lookupContacts(db, request.account!.organisation.id, request.query.q) }),
    )

    app.post(
      '/api/customers/:id/contracts',
      {
        schema: { params: idParamsSchema, body: contractInputSchema, response: { 201: contractViewSchema, ...errors } },
      },
      async (request, reply) => {
        const account = request.account!
        const created = await asAdmin(account, reply, async (tx, organisationId) => {
          const customer = await requireCustomer(tx, organisationId, request.params.id)
          const contract = await insertContract(tx, organisationId, customer.id, request.body)
          await recordAdminAction(tx, account, {
            action: 'contract.created',
            target: { kind: 'contract', id: contract.id, name: contract.name },
            details: {
              customer: { id: customer.id, name: customer.name },
              validFrom: contract.validFrom,
              validUntil: contract.validUntil,
              secondLevel: contract.secondLevel,
              scope: contract.scope,
              technicalContactId: contract.technicalContactId,
            },
          })
          return contractView(contract, await listContacts(tx, organisationId, customer.id), clock())
        })
        return reply.sent ? created : reply.code(201).send(created)
      },
    )

    app.put(
      '/api/contracts/:id',
      {
        schema: { params: idParamsSchema, body: contractInputSchema, response: { 200: contractViewSchema, ...errors } },
      },
      async (request, reply) => {
        const account = request.account!
        return asAdmin(account, reply, async (tx, organisationId) => {
          const { before, after } = await updateContract(tx, organisationId, request.params.id, request.body)
          await recordAdminAction(tx, account, {
            action: 'contract.updated',
            target: { kind: 'contract', id: after.id, name: after.name },
            details: changedFields(before, after, stamps),
          })
          return contractView(after, await listContacts(tx, organisationId, after.customerId), clock())
        })
      },
    )

    app.get(
      '/api/devices',
      { schema: { querystring: deviceListQuerySchema, response: { 200: deviceListSchema } } },
      async (request) => {
        const organisationId = request.account!.organisation.id
        const devices = await listDevices(db, organisationId, { customerId: request.query.customerId })
        const names = new Map(
          (await listCustomerSummaries(db, organisationId, clock())).map((customer) => [customer.id, customer.name]),
        )
        return {
          devices: devices.map((device) => ({
            ...device,
            customer: { id: device.customerId, name: names.get(device.customerId) ?? '' },
          })),
        }
      },
    )

    app.post(
      '/api/customers/:id/devices',
      { schema: { params: idParamsSchema, body: deviceInputSchema, response: { 201: deviceSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        const created = await asAdmin(account, reply, async (tx, organisationId) => {
          const customer = await requireCustomer(tx, organisationId, request.params.id)
          const device = await insertDevice(tx, organisationId, customer.id, request.body)
          await recordAdminAction(tx, account, {
            action: 'device.created',
            target: { kind: 'device', id: device.id, name: device.name },
            details: { customer: { id: customer.id, name: customer.name }, kind: device.kind, group: device.group },
          })
          return device
        })
        return reply.sent ? created : reply.code(201).send(created)
      },
    )

    app.get(
      '/api/devices/:id',
      { schema: { params: idParamsSchema, response: { 200: deviceDetailSchema, ...errors } } },
      async (request, reply) =>
        answer(reply, () => deviceDetail(db, request.account!.organisation.id, request.params.id, clock())),
    )

    app.put(
      '/api/devices/:id',
      { schema: { params: idParamsSchema, body: deviceInputSchema, response: { 200: deviceDetailSchema, ...errors } } },
      async (request, reply) => {
        const account = request.account!
        return asAdmin(account, reply, async (tx, organisationId) => {
          const { before, after } = await updateDevice(tx, organisationId, request.params.id, request.body)
          await recordAdminAction(tx, account, {
            action: 'device.updated',
            target: { kind: 'device', id: after.id, name: after.name },
            details: changedFields(before, after, [...stamps, 'lastSnapshot', 'lastSeenAt']),
          })
          return deviceDetail(tx, organisationId, after.id, clock())
        })
      },
    )
  }
