/**
 * Test support: one of each record the hub's routes act on, created through the routes
 * themselves, so every route's valid sample names something that exists.
 */
import { randomUUID } from 'node:crypto'
import type { Role } from '@shared/auth'
import type { SessionHub } from '../sessions/testing'

export interface Fixtures {
  ticketId: string
  otherTicketId: string
  problemId: string
  changeId: string
  vendorCaseId: string
  articleId: string
  getHelp: { ticketId: string; followUpToken: string }
  /** A Get Help request waiting for an agent, for the accept route. */
  waitingSessionId: string
  /** A running session the agent leads, for invite, ice and summary. */
  sessionId: string
  /** Get Help's credential for that session. */
  sessionCredential: string
  specialistId: string
  /** An account made for the account routes to change (role, deactivation), and an open invitation. */
  accounts: { targetId: string; invitationId: string }
  /** The demo customer and one each of its contacts (its technical contact), contracts and devices. */
  people: { customerId: string; contactId: string; contractId: string; deviceId: string }
  /** The demo enrolment's code (anonymous Get Help routes carry it) and another enrolment to revoke. */
  enrolment: { code: string; revocableId: string }
}

export function createTicketCommand(ticketId = randomUUID()) {
  return {
    type: 'create_ticket',
    commandId: randomUUID(),
    ticketId,
    baseVersion: null,
    deviceTime: '2026-11-23T09:00:00.000Z',
    payload: {
      subject: 'Outlook crashes on start',
      description: 'Since the last update',
      channel: 'phone',
      requester: { name: 'Jana Nowak', email: 'jana@example.org', phone: null, device: null },
      type: 'incident',
      category: 'office_and_apps',
      impact: 'medium',
      urgency: 'medium',
      tags: [],
    },
  }
}

export function addNoteCommand(ticketId: string) {
  return {
    type: 'add_note',
    commandId: randomUUID(),
    ticketId,
    baseVersion: 1,
    deviceTime: '2026-11-23T09:05:00.000Z',
    payload: { visibility: 'internal', body: 'Called the user back, no answer.' },
  }
}

export function articleInput() {
  return {
    category: 'office_and_apps',
    tags: ['outlook'],
    audience: 'internal',
    translations: {
      en: {
        title: 'Outlook crashes on start',
        symptoms: 'Outlook closes at once',
        cause: '',
        steps: ['Start in safe mode'],
        keywords: ['crash'],
      },
    },
  }
}

export async function createFixtures(hub: SessionHub): Promise<Fixtures> {
  const call = async <T>(
    role: Role | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
  ) => {
    const response = await hub.app.inject({
      method,
      url,
      ...(role ? { headers: { authorization: `Bearer ${await hub.token(role)}` } } : {}),
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
    if (response.statusCode >= 300)
      throw new Error(`fixture ${method} ${url} failed: ${response.statusCode} ${response.body}`)
    return response.json<T>()
  }
  const newTicket = async () => {
    const command = createTicketCommand()
    await call('agent', 'POST', '/api/sync/push', { commands: [command] })
    return command.ticketId
  }
  const ticketId = await newTicket()
  const otherTicketId = await newTicket()
  const problemId = randomUUID()
  await call('specialist', 'POST', '/api/problems', {
    id: problemId,
    title: 'Outlook crashes',
    description: '',
    ticketIds: [],
  })
  const changeId = randomUUID()
  await call('specialist', 'POST', '/api/changes', {
    id: changeId,
    title: 'Roll back the Office update',
    description: '',
    kind: 'normal',
    risk: 'low',
    ticketIds: [],
  })
  const vendorCaseId = randomUUID()
  await call('specialist', 'POST', `/api/tickets/${ticketId}/vendor-cases`, {
    id: vendorCaseId,
    vendor: 'Microsoft',
    caseNumber: 'SR-1',
  })
  const article = await call<{ id: string }>('specialist', 'POST', '/api/kb/articles', articleInput())
  const getHelp = await call<{ ticketId: string; followUpToken: string }>(null, 'POST', '/api/gethelp/requests', {
    requester: { name: 'Erika Enduser', email: null },
    description: 'My printer does not print',
    category: null,
    missingDevices: null,
    diagnostics: null,
    enrolment: hub.enrolment,
  })
  const waiting = await call<{ sessionId: string }>(null, 'POST', '/api/sessions/requests', {
    enrolment: hub.enrolment,
    name: 'Erika Enduser',
    description: 'Please look at my screen',
  })
  const { customers } = await call<{ customers: Array<{ id: string }> }>('admin', 'GET', '/api/customers')
  const customer = await call<{
    contacts: Array<{ id: string }>
    contracts: Array<{ id: string; technicalContactId: string | null }>
    devices: Array<{ id: string }>
  }>('admin', 'GET', `/api/customers/${customers[0]!.id}`)
  const contract = customer.contracts.find((c) => c.technicalContactId !== null)!
  const people = {
    customerId: customers[0]!.id,
    contactId: contract.technicalContactId!,
    contractId: contract.id,
    deviceId: customer.devices[0]!.id,
  }
  const revocable = await call<{ enrolment: { id: string } }>(
    'admin',
    'POST',
    `/api/customers/${people.customerId}/enrolments`,
    { label: 'Fuzz: to revoke', expiresAt: null },
  )
  const { access } = await hub.openSession(ticketId)
  const invited = await call<{ token: string }>('admin', 'POST', '/api/admin/invitations', {
    email: 'fuzz.target@example.org',
    role: 'agent',
  })
  const target = await call<{ account: { id: string } }>(null, 'POST', '/api/account-links/accept-invitation', {
    token: invited.token,
    displayName: 'Fuzz Target',
    password: 'a long enough passphrase for fuzzing',
  })
  const open = await call<{ invitation: { id: string } }>('admin', 'POST', '/api/admin/invitations', {
    email: 'fuzz.invited@example.org',
    role: 'specialist',
  })
  return {
    ticketId,
    otherTicketId,
    problemId,
    changeId,
    vendorCaseId,
    articleId: article.id,
    getHelp,
    enrolment: { code: hub.enrolment, revocableId: revocable.enrolment.id },
    waitingSessionId: waiting.sessionId,
    sessionId: access.sessionId,
    sessionCredential: access.credential,
    specialistId: await hub.accountId('specialist'),
    accounts: { targetId: target.account.id, invitationId: open.invitation.id },
    people,
  }
}
