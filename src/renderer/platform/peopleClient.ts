import {
  contactLookupResultSchema,
  contactSchema,
  contractViewSchema,
  customerDetailSchema,
  customerListSchema,
  customerSchema,
  deviceDetailSchema,
  deviceListSchema,
  deviceSchema,
  type Contact,
  type ContactInput,
  type ContactLookupResult,
  type ContractInput,
  type ContractView,
  type Customer,
  type CustomerDetail,
  type CustomerInput,
  type CustomerList,
  type Device,
  type DeviceDetail,
  type DeviceInput,
  type DeviceList,
} from '@shared/people'
import { request } from './hubClient'

/** A new customer's answer: the customer alone or with everything under it (still empty). */
const createdCustomer = (json: unknown): Customer => {
  const detail = customerDetailSchema.safeParse(json)
  return detail.success ? detail.data.customer : customerSchema.parse(json)
}

/**
 * Customers, contacts, contracts and devices live on the hub only: these calls need it to be
 * reachable and throw HubRequestError otherwise. Admins write; everyone signed in reads. Every
 * answer is parsed with the shared schema.
 */
export function peopleClient(hubUrl: string, token: string) {
  const get = <T>(path: string, parse: (json: unknown) => T) => request(hubUrl, path, parse, { token })
  const send = <T>(method: 'POST' | 'PUT', path: string, parse: (json: unknown) => T, body: unknown) =>
    request(hubUrl, path, parse, { method, token, body: JSON.stringify(body) })

  return {
    customers: (): Promise<CustomerList> => get('/api/customers', (json) => customerListSchema.parse(json)),
    customer: (id: string): Promise<CustomerDetail> =>
      get(`/api/customers/${id}`, (json) => customerDetailSchema.parse(json)),
    createCustomer: (body: CustomerInput): Promise<Customer> => send('POST', '/api/customers', createdCustomer, body),
    updateCustomer: (id: string, body: CustomerInput): Promise<CustomerDetail> =>
      send('PUT', `/api/customers/${id}`, (json) => customerDetailSchema.parse(json), body),

    createContact: (customerId: string, body: ContactInput): Promise<Contact> =>
      send('POST', `/api/customers/${customerId}/contacts`, (json) => contactSchema.parse(json), body),
    updateContact: (id: string, body: ContactInput): Promise<Contact> =>
      send('PUT', `/api/contacts/${id}`, (json) => contactSchema.parse(json), body),
    /** Callers whose name, phone number or e-mail address contains `q`, with their tickets and devices. */
    lookupContacts: (q: string, signal?: AbortSignal): Promise<ContactLookupResult> =>
      request(
        hubUrl,
        `/api/contacts/lookup?${new URLSearchParams({ q })}`,
        (json) => contactLookupResultSchema.parse(json),
        { token, ...(signal ? { signal } : {}) },
      ),

    createContract: (customerId: string, body: ContractInput): Promise<ContractView> =>
      send('POST', `/api/customers/${customerId}/contracts`, (json) => contractViewSchema.parse(json), body),
    updateContract: (id: string, body: ContractInput): Promise<ContractView> =>
      send('PUT', `/api/contracts/${id}`, (json) => contractViewSchema.parse(json), body),

    devices: (customerId?: string): Promise<DeviceList> =>
      get(`/api/devices${customerId ? `?${new URLSearchParams({ customerId })}` : ''}`, (json) =>
        deviceListSchema.parse(json),
      ),
    device: (id: string): Promise<DeviceDetail> => get(`/api/devices/${id}`, (json) => deviceDetailSchema.parse(json)),
    createDevice: (customerId: string, body: DeviceInput): Promise<Device> =>
      send('POST', `/api/customers/${customerId}/devices`, (json) => deviceSchema.parse(json), body),
    updateDevice: (id: string, body: DeviceInput): Promise<DeviceDetail> =>
      send('PUT', `/api/devices/${id}`, (json) => deviceDetailSchema.parse(json), body),
  }
}

export type PeopleClient = ReturnType<typeof peopleClient>
