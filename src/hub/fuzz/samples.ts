/**
 * Test support: one valid request per hub route. The fuzz suite mutates these one field at a
 * time; a route that takes a body and has no entry here fails the suite, so new routes get one.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Role } from '@shared/auth'
import { addNoteCommand, articleInput, createTicketCommand, type Fixtures } from './fixtures'

export interface RouteSample {
  /** Who sends it: a demo role, the Get Help follow-up secret, Get Help's session credential, or nobody. */
  as: Role | 'followUp' | 'endUser' | null
  params?: Record<string, string>
  query?: Record<string, string>
  /** Valid bodies, made fresh per case so creating routes never answer "already exists". */
  bodies?: Array<() => unknown>
}

const linkToken = () => randomBytes(32).toString('base64url')
const customerInput = () => ({
  name: `Customer ${randomUUID().slice(0, 8)}`,
  domains: [`c${randomUUID().slice(0, 8)}.example`],
  locations: [{ name: 'Head office', address: 'Hauptstraße 1, Berlin' }],
  calendar: {
    timeZone: 'Europe/Berlin',
    weeklyHours: {
      monday: [{ from: '08:00', to: '17:00' }],
      tuesday: [],
      wednesday: [],
      thursday: [],
      friday: [],
      saturday: [],
      sunday: [],
    },
    holidays: ['2026-12-25'],
  },
  notes: 'Key account',
})

const slaTarget = { minutes: 60, clock: 'business_hours' }
const contractInput = (technicalContactId: string) => ({
  name: 'Managed service',
  validFrom: '2026-01-01',
  validUntil: null,
  serviceHours: customerInput().calendar,
  slaPolicy: Object.fromEntries(
    ['P1', 'P2', 'P3', 'P4', 'P5'].map((p) => [p, { firstResponse: slaTarget, resolution: null }]),
  ),
  secondLevel: true,
  scope: {
    clients: { all: true, groups: [], systems: [] },
    servers: { all: false, groups: ['file-servers'], systems: ['MUE-DC01'] },
    actions: { view: true, control: false, unattended: false },
  },
  technicalContactId,
  notes: '',
})

const deviceInput = () => ({
  name: 'MUE-NB-017',
  kind: 'client',
  group: 'office-clients',
  contactId: null,
  model: 'Lenovo ThinkPad T14 Gen 4',
  serial: null,
  os: 'Windows 11 Pro 23H2',
  notes: '',
})

export function httpSamples(f: Fixtures): Record<string, RouteSample> {
  const ticket = { id: f.ticketId }
  return {
    'GET /health': { as: null },
    'GET /favicon.ico': { as: null },
    'POST /api/auth/login': { as: null, bodies: [() => ({ email: 'agent@demo.firstline.local', password: 'wrong' })] },
    'POST /api/auth/logout': { as: null },
    'GET /api/auth/me': { as: 'agent' },
    'GET /api/public/organisation': { as: null },
    'GET /api/kb/search': { as: 'agent', query: { q: 'outlook crash', language: 'en' } },
    'GET /api/kb/suggestions': { as: 'agent', query: { tags: 'outlook,dns' } },
    'GET /api/kb/stats': { as: 'agent' },
    'GET /api/kb/feedback': { as: 'agent' },
    'GET /api/kb/changes': { as: 'agent', query: { after: '0' } },
    'GET /api/kb/articles': { as: 'agent', query: { status: 'draft', category: 'office_and_apps' } },
    'POST /api/kb/articles': { as: 'specialist', bodies: [articleInput] },
    'GET /api/kb/articles/:id': { as: 'agent', params: { id: f.articleId } },
    'PUT /api/kb/articles/:id': {
      as: 'specialist',
      params: { id: f.articleId },
      bodies: [() => ({ ...articleInput(), baseVersion: 1, status: 'draft' })],
    },
    'GET /api/kb/articles/:id/versions': { as: 'agent', params: { id: f.articleId } },
    'POST /api/kb/articles/:id/publish': {
      as: 'specialist',
      params: { id: f.articleId },
      bodies: [() => ({ baseVersion: 1 })],
    },
    'POST /api/sync/push': {
      as: 'agent',
      bodies: [() => ({ commands: [createTicketCommand()] }), () => ({ commands: [addNoteCommand(f.ticketId)] })],
    },
    'GET /api/sync/changes': { as: 'agent', query: { after: '0', limit: '10' } },
    'GET /api/tickets/:id': { as: 'agent', params: ticket },
    'GET /api/tickets/:id/records': { as: 'agent', params: ticket },
    'GET /api/tickets/:id/mail/:eventId': { as: 'agent', params: { ...ticket, eventId: `${randomUUID()}:0` } },
    'GET /api/tickets/:id/mail': { as: 'agent', params: ticket },
    'POST /api/tickets/:id/vendor-cases': {
      as: 'specialist',
      params: ticket,
      bodies: [
        () => ({
          id: randomUUID(),
          vendor: 'Dell',
          caseNumber: 'C-42',
          nextContactOn: '2026-11-30',
          message: 'Sent logs',
        }),
      ],
    },
    'GET /api/tickets/:id/diagnostics': { as: 'agent', params: { id: f.getHelp.ticketId } },
    'POST /api/tickets/:id/diagnostics/request': { as: 'agent', params: { id: f.getHelp.ticketId } },
    'POST /api/vendor-cases/:id/entries': {
      as: 'specialist',
      params: { id: f.vendorCaseId },
      bodies: [() => ({ id: randomUUID(), direction: 'to_vendor', body: 'Any news?' })],
    },
    'PATCH /api/vendor-cases/:id': {
      as: 'specialist',
      params: { id: f.vendorCaseId },
      bodies: [() => ({ caseNumber: 'SR-2', nextContactOn: '2026-12-01' })],
    },
    'GET /api/problems': { as: 'agent' },
    'POST /api/problems': {
      as: 'specialist',
      bodies: [
        () => ({
          id: randomUUID(),
          title: 'Printers offline',
          description: 'All floors',
          ticketIds: [f.otherTicketId],
        }),
      ],
    },
    'GET /api/problems/:id': { as: 'agent', params: { id: f.problemId } },
    'PATCH /api/problems/:id': {
      as: 'specialist',
      params: { id: f.problemId },
      bodies: [() => ({ title: 'Outlook crashes after update', description: 'd', rootCause: 'r', workaround: 'w' })],
    },
    'POST /api/problems/:id/known-error': {
      as: 'specialist',
      params: { id: f.problemId },
      bodies: [() => ({ rootCause: 'A bad add-in', workaround: 'Start in safe mode' })],
    },
    'POST /api/problems/:id/incidents': {
      as: 'agent',
      params: { id: f.problemId },
      bodies: [() => ({ ticketId: f.ticketId })],
    },
    'DELETE /api/problems/:id/incidents/:ticketId': {
      as: 'specialist',
      params: { id: f.problemId, ticketId: f.otherTicketId },
    },
    'POST /api/problems/:id/resolve': {
      as: 'agent',
      params: { id: f.problemId },
      bodies: [() => ({ resolution: 'Add-in removed', incidents: 'notify' })],
    },
    'GET /api/changes': { as: 'agent' },
    'POST /api/changes': {
      as: 'specialist',
      bodies: [
        () => ({
          id: randomUUID(),
          title: 'Patch the mail server',
          description: 'Tonight',
          kind: 'emergency',
          risk: 'high',
          plannedStart: '2026-11-23T20:00:00.000Z',
          plannedEnd: '2026-11-23T22:00:00.000Z',
          ticketIds: [f.ticketId],
        }),
      ],
    },
    'GET /api/changes/:id': { as: 'agent', params: { id: f.changeId } },
    'POST /api/changes/:id/actions': {
      as: 'agent',
      params: { id: f.changeId },
      bodies: [() => ({ action: 'submit', note: 'Ready' })],
    },
    'POST /api/changes/:id/tickets': {
      as: 'specialist',
      params: { id: f.changeId },
      bodies: [() => ({ ticketId: f.otherTicketId })],
    },
    'GET /api/groups': { as: 'agent' },
    'PUT /api/groups/:id': {
      as: 'admin',
      params: { id: 'network' },
      bodies: [
        () => ({ name: 'Network', scope: 'Switches and routing', categories: ['network'], findingTags: ['dns'] }),
      ],
    },
    'PUT /api/groups/:id/members': {
      as: 'admin',
      params: { id: 'network' },
      bodies: [() => ({ accountIds: [f.specialistId] })],
    },
    'GET /api/admin/accounts': { as: 'admin' },
    'POST /api/admin/invitations': {
      as: 'admin',
      bodies: [() => ({ email: `fuzz-${randomUUID()}@example.org`, role: 'agent' })],
    },
    'POST /api/admin/invitations/:id/revoke': { as: 'admin', params: { id: f.accounts.invitationId } },
    'PUT /api/admin/accounts/:id/role': {
      as: 'admin',
      params: { id: f.accounts.targetId },
      bodies: [() => ({ role: 'specialist' }), () => ({ role: 'agent' })],
    },
    'POST /api/admin/accounts/:id/deactivate': { as: 'admin', params: { id: f.accounts.targetId } },
    'POST /api/admin/accounts/:id/reactivate': { as: 'admin', params: { id: f.accounts.targetId } },
    'POST /api/admin/accounts/:id/reset-link': { as: 'admin', params: { id: f.accounts.targetId } },
    // Link tokens cannot be made fresh per case; an unknown one goes through every check but the last.
    'POST /api/account-links/inspect': { as: null, bodies: [() => ({ token: linkToken() })] },
    'POST /api/account-links/accept-invitation': {
      as: null,
      bodies: [() => ({ token: linkToken(), displayName: 'Nina Neu', password: 'a long enough passphrase here' })],
    },
    'POST /api/account-links/reset-password': {
      as: null,
      bodies: [() => ({ token: linkToken(), password: 'a long enough passphrase here' })],
    },
    'PUT /api/account/profile': { as: 'agent', bodies: [() => ({ displayName: 'Alex Agent', language: 'en' })] },
    // A wrong current password: the demo agent's password must stay as it is for the other routes.
    'POST /api/account/password': {
      as: 'agent',
      bodies: [() => ({ currentPassword: 'not the password', newPassword: 'a long enough passphrase here' })],
    },
    'GET /api/customers': { as: 'agent' },
    'GET /api/sla/customers': { as: 'specialist' },
    'POST /api/customers': { as: 'admin', bodies: [customerInput] },
    'GET /api/customers/:id': { as: 'agent', params: { id: f.people.customerId } },
    'PUT /api/customers/:id': {
      as: 'admin',
      params: { id: f.people.customerId },
      bodies: [() => ({ ...customerInput(), name: 'Müller GmbH', domains: ['mueller.example'] })],
    },
    'POST /api/customers/:id/contacts': {
      as: 'admin',
      params: { id: f.people.customerId },
      bodies: [
        () => ({
          name: 'Lena Vogel',
          email: `lena.${randomUUID().slice(0, 8)}@mueller.example`,
          phone: '+49 30 1234-99',
          language: 'de',
          jobTitle: 'Network engineer',
        }),
      ],
    },
    'PUT /api/contacts/:id': {
      as: 'admin',
      params: { id: f.people.contactId },
      bodies: [
        () => ({
          name: 'Jana Nowak',
          email: 'jana.nowak@mueller.example',
          phone: '+49 30 1234-56',
          language: 'de',
          jobTitle: 'IT administrator',
          notes: '',
        }),
      ],
    },
    'GET /api/contacts/lookup': { as: 'agent', query: { q: '030 1234' } },
    'POST /api/customers/:id/contracts': {
      as: 'admin',
      params: { id: f.people.customerId },
      bodies: [() => contractInput(f.people.contactId)],
    },
    'PUT /api/contracts/:id': {
      as: 'admin',
      params: { id: f.people.contractId },
      bodies: [() => ({ ...contractInput(f.people.contactId), validUntil: '2027-12-31' })],
    },
    'GET /api/devices': { as: 'agent', query: { customerId: f.people.customerId } },
    'POST /api/customers/:id/devices': {
      as: 'admin',
      params: { id: f.people.customerId },
      bodies: [() => ({ ...deviceInput(), serial: `SN-${randomUUID().slice(0, 8)}` })],
    },
    'GET /api/devices/:id': { as: 'specialist', params: { id: f.people.deviceId } },
    'PUT /api/devices/:id': { as: 'admin', params: { id: f.people.deviceId }, bodies: [deviceInput] },
    'POST /api/gethelp/requests': {
      as: null,
      bodies: [
        () => ({
          enrolment: f.enrolment.code,
          requester: { name: 'Erika Enduser', email: 'erika@example.org' },
          description: 'The VPN drops every few minutes',
          category: 'network',
          missingDevices: 'the docking station',
          diagnostics: {
            kind: 'browser',
            info: {
              userAgent: 'Mozilla/5.0',
              language: 'de-DE',
              timeZone: 'Europe/Berlin',
              screen: { width: 1920, height: 1080, pixelRatio: 1 },
              online: true,
            },
          },
        }),
      ],
    },
    'POST /api/customers/:id/enrolments': {
      as: 'admin',
      params: { id: f.people.customerId },
      bodies: [
        () => ({ label: 'Berlin office laptops', expiresAt: null }),
        () => ({ label: 'Pilot', expiresAt: '2099-12-31T23:59:59.000Z' }),
      ],
    },
    'GET /api/customers/:id/enrolments': { as: 'admin', params: { id: f.people.customerId } },
    'POST /api/enrolments/:id/revoke': { as: 'admin', params: { id: f.enrolment.revocableId } },
    'POST /api/gethelp/enrolment': { as: null, bodies: [() => ({ code: f.enrolment.code })] },
    'GET /api/gethelp/requests/:id': { as: 'followUp', params: { id: f.getHelp.ticketId } },
    'POST /api/gethelp/requests/:id/diagnostics': {
      as: 'followUp',
      params: { id: f.getHelp.ticketId },
      bodies: [
        () => ({
          kind: 'browser',
          info: {
            userAgent: 'Mozilla/5.0',
            language: 'en',
            timeZone: 'UTC',
            screen: { width: 800, height: 600, pixelRatio: 2 },
            online: false,
          },
        }),
      ],
    },
    'POST /api/sessions/requests': {
      as: null,
      bodies: [
        () => ({ enrolment: f.enrolment.code, name: 'Erika Enduser', description: 'My screen flickers' }),
        () => ({
          enrolment: f.enrolment.code,
          requestKey: randomUUID(),
          name: 'Erika Enduser',
          description: 'My screen flickers',
          deviceName: 'MUE-NB-017',
        }),
      ],
    },
    'GET /api/sessions/requests': { as: 'agent' },
    'POST /api/sessions/redeem': { as: null, bodies: [() => ({ code: '123-456-789', name: 'Erika Enduser' })] },
    'GET /api/sessions/active': { as: 'agent' },
    'POST /api/sessions/codes': { as: 'agent', bodies: [() => ({ ticketId: f.ticketId })] },
    'POST /api/sessions/:id/accept': {
      as: 'agent',
      params: { id: f.waitingSessionId },
      bodies: [() => ({ ticketId: f.otherTicketId })],
    },
    'GET /api/sessions/:id/ice': { as: 'agent', params: { id: f.sessionId } },
    'POST /api/sessions/:id/invite': {
      as: 'agent',
      params: { id: f.sessionId },
      bodies: [() => ({ specialistAccountId: f.specialistId })],
    },
    'GET /api/sessions/:id/summary': { as: 'agent', params: { id: f.sessionId } },
    'GET /api/sessions/:id/control': { as: 'endUser', params: { id: f.sessionId } },
    'GET /api/public/sign-in': { as: null },
    'GET /api/auth/oidc/:provider/start': {
      as: null,
      params: { provider: randomUUID() },
      query: { return_to: 'http://127.0.0.1:49152/firstline-sign-in/abc' },
    },
    'GET /api/auth/oidc/callback': { as: null, query: { code: 'an-authorization-code', state: 'a-state-value' } },
    'POST /api/auth/oidc/exchange': { as: null, bodies: [() => ({ code: 'A'.repeat(43) })] },
    'GET /api/admin/sign-in': { as: 'admin' },
    'PUT /api/admin/sign-in/local-passwords': { as: 'admin', bodies: [() => ({ enabled: true })] },
    'POST /api/admin/sign-in/oidc-providers': { as: 'admin', bodies: [oidcProviderInput] },
    'PUT /api/admin/sign-in/oidc-providers/:id': {
      as: 'admin',
      params: { id: randomUUID() },
      bodies: [() => ({ ...oidcProviderInput(), clientSecret: undefined })],
    },
    'DELETE /api/admin/sign-in/oidc-providers/:id': { as: 'admin', params: { id: randomUUID() } },
    'PUT /api/admin/sign-in/ldap': { as: 'admin', bodies: [ldapInput] },
    'DELETE /api/admin/sign-in/ldap': { as: 'admin' },
    'GET /api/admin/mailboxes': { as: 'admin' },
    'POST /api/admin/mailboxes': { as: 'admin', bodies: [mailboxInput] },
    'PUT /api/admin/mailboxes/:id': {
      as: 'admin',
      params: { id: randomUUID() },
      bodies: [() => ({ ...mailboxInput(), password: undefined })],
    },
    'DELETE /api/admin/mailboxes/:id': { as: 'admin', params: { id: randomUUID() } },
    'POST /api/admin/mailboxes/:id/test': { as: 'admin', params: { id: randomUUID() } },
    'GET /api/admin/mail': { as: 'admin' },
    'PUT /api/admin/mail': { as: 'admin', bodies: [mailSettingsInput] },
    'GET /api/admin/mail/intake': { as: 'admin' },
    'PUT /api/admin/mail/intake': { as: 'admin', bodies: [() => ({ reopenWindowDays: 7, newTicketsPerHour: 5 })] },
    'DELETE /api/admin/mail/intake': { as: 'admin' },
    // Port 9 on loopback refuses at once: the test mail answers with the refusal, nothing leaves.
    'POST /api/admin/mail/test': { as: 'admin', bodies: [() => ({ to: 'user@customer.test' })] },
    'GET /api/admin/mail/templates': { as: 'admin' },
    'PUT /api/admin/mail/templates/:kind/:language': {
      as: 'admin',
      params: { kind: 'reply', language: 'en' },
      bodies: [
        () => ({ subject: 'Re: [{{ticketNumber}}] {{ticketSubject}}', body: 'Hi {{requesterName}},\n\n{{body}}' }),
      ],
    },
    'DELETE /api/admin/mail/templates/:kind/:language': { as: 'admin', params: { kind: 'reply', language: 'en' } },
    'POST /api/admin/mail/templates/preview': {
      as: 'admin',
      bodies: [() => ({ kind: 'invitation', language: 'de', subject: 'Einladung', body: 'Bitte: {{link}}' })],
    },
    'GET /api/admin/account-mails/:id': { as: 'admin', params: { id: randomUUID() } },
    'GET /api/tickets/:id/deliveries': { as: 'agent', params: { id: randomUUID() } },
    'POST /api/deliveries/:id/retry': { as: 'agent', params: { id: randomUUID() } },
    // The upload's body is the raw file (no JSON schema); an empty one is refused.
    'POST /api/tickets/:id/attachments': { as: 'agent', params: ticket, query: { name: 'log.txt' } },
    'GET /api/tickets/:id/attachments': { as: 'agent', params: ticket },
    'GET /api/attachments/:id/content': { as: 'agent', params: { id: randomUUID() } },
    'GET /api/attachments/:id/preview': { as: 'agent', params: { id: randomUUID() } },
    'DELETE /api/attachments/:id': { as: 'agent', params: { id: randomUUID() } },
    'GET /': { as: null },
    'GET /gethelp': { as: null },
  }
}

const mailSettingsInput = () => ({
  enabled: true,
  host: '127.0.0.1',
  port: 9,
  security: 'none',
  user: null,
  password: null,
  senderName: 'Contoso IT Support',
  senderAddress: 'support@desk.test',
  signature: '',
  language: 'en',
})

const oidcProviderInput = () => ({
  displayName: 'Entra ID',
  issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  clientId: 'a-client-id',
  clientSecret: 'a-client-secret',
  scopes: 'openid email profile',
  roleClaim: 'groups',
  roleMappings: [{ value: 'service-desk', role: 'agent' }],
  emailDomains: ['example.com'],
  createAccounts: false,
})

// Disabled and pointing at a closed loopback port: the fuzz suite never starts a reader.
const mailboxInput = () => ({
  name: 'Support',
  address: 'support@desk.example',
  host: '127.0.0.1',
  port: 1,
  security: 'none',
  username: 'support@desk.example',
  password: 'a-mailbox-password',
  folder: 'INBOX',
  enabled: false,
})

const ldapInput = () => ({
  url: 'ldap://127.0.0.1:1',
  startTls: false,
  bindDn: 'cn=reader,dc=example,dc=com',
  bindPassword: 'a-bind-password',
  baseDn: 'dc=example,dc=com',
  userFilter: '(&(objectClass=person)(mail={email}))',
  groupAttribute: 'memberOf',
  groupFilter: '',
  roleMappings: [{ value: 'cn=desk,ou=groups,dc=example,dc=com', role: 'agent' }],
  emailDomains: ['example.com'],
  createAccounts: false,
})
