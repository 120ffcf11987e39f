import type { Browser, Page } from '@playwright/test'
import type { ContractView, CustomerDetail } from '../../src/shared/people'
import { createSession } from '../../src/hub/sessions/newSession'
import { TestPeer } from '../../src/hub/sessions/testing'
import { expect, test, type HubFixture } from './fixtures'
import { signedIn } from './pages/ConsolePage'

/**
 * The contract with a customer decides which of its devices 2nd level may reach; the hub refuses
 * the rest with the reason, which the Console says in the reader's language. Sessions are made the
 * way Get Help's enrolment makes them (the hub records customer and device), independent of its UI.
 */

/** The demo customer Müller GmbH: its devices by name, and its contract in force. */
async function mueller(hub: HubFixture) {
  const [customer] = await hub.hub.db.query<{ id: string; organisation_id: string }>(
    "select id, organisation_id from customers where name = 'Müller GmbH'",
  )
  const devices = await hub.hub.db.query<{ id: string; name: string }>(
    'select id, name from devices where customer_id = $1',
    [customer!.id],
  )
  const deviceId = (name: string) => devices.find((device) => device.name === name)!.id
  return { customerId: customer!.id, organisationId: customer!.organisation_id, deviceId }
}

/** A session reaching a Müller device, as Get Help's enrolment would file it: waiting, or running with the agent. */
async function sessionOn(
  hub: HubFixture,
  deviceName: string,
  status: 'waiting' | 'active',
): Promise<{ sessionId: string; credential: string }> {
  const { customerId, organisationId, deviceId } = await mueller(hub)
  const [agent] = await hub.hub.db.query<{ id: string }>('select id from accounts where email = $1', [
    hub.login('agent').email,
  ])
  const now = new Date()
  return hub.hub.db.transaction((tx) =>
    createSession(
      tx,
      {
        organisationId,
        ticketId: null,
        origin: status === 'waiting' ? 'request' : 'code',
        status,
        requesterName: 'Peter Keller',
        description: 'The ERP client will not start',
        agentAccountId: status === 'active' ? agent!.id : null,
        requestedAt: status === 'waiting' ? now : null,
        startedAt: status === 'active' ? now : null,
        customerId,
        deviceId: deviceId(deviceName),
      },
      (endUser) => ({ action: 'requested', actor: { ...endUser, role: 'end_user' } }),
      now,
    ),
  )
}

async function consoleAs(browser: Browser, hub: HubFixture, role: 'agent' | 'specialist' | 'admin'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
  await signedIn(page, hub.url, hub.login(role))
  return page
}

test('a specialist’s join to a device outside the contract is refused with the reason in their language, and the audit log shows it', async ({
  browser,
  hub,
}, testInfo) => {
  const wsUrl = `${hub.url.replace(/^http/, 'ws')}/ws/session`
  const { sessionId, credential } = await sessionOn(hub, 'MUE-NB-017', 'active')
  // The person at the laptop and the agent are in the session; the agent brings in the specialist.
  const user = await TestPeer.join(wsUrl, sessionId, { kind: 'end_user', credential })
  const agentApi = await hub.api('agent')
  const agent = await TestPeer.join(wsUrl, sessionId, { kind: 'account', token: agentApi.token })
  const specialistName = hub.login('specialist').displayName
  const [specialistAccount] = await hub.hub.db.query<{ id: string }>('select id from accounts where email = $1', [
    hub.login('specialist').email,
  ])
  const { invitationId } = await agentApi.json<{ invitationId: string }>('POST', `/api/sessions/${sessionId}/invite`, {
    specialistAccountId: specialistAccount!.id,
  })
  user.send({ type: 'consent', action: 'approve_join', invitationId, displayName: specialistName })
  await user.until((state) => state.invitations.length === 0)

  // Meanwhile the admin records that the contract ended at the end of June 2025.
  const adminApi = await hub.api('admin')
  const { customerId } = await mueller(hub)
  const detail = await adminApi.json<CustomerDetail>('GET', `/api/customers/${customerId}`)
  const managed = detail.contracts.find((contract) => contract.name === 'Managed service')!
  const {
    id,
    customerId: _customer,
    createdAt: _c,
    updatedAt: _u,
    state: _s,
    technicalContact: _t,
    ...input
  } = managed satisfies ContractView
  await adminApi.json('PUT', `/api/contracts/${id}`, { ...input, validUntil: '2025-06-30' })

  const page = await consoleAs(browser, hub, 'specialist')
  await page.getByLabel('Language').selectOption({ label: 'Deutsch' })
  const area = page.getByRole('complementary', { name: 'Fernsitzungen' })
  await area.getByRole('button', { name: 'Der Sitzung mit Peter Keller beitreten' }).click()
  const refusal = area.getByRole('alert')
  await expect(refusal).toHaveText(/Vom Vertrag abgelehnt: Der Vertrag mit Müller GmbH ist am .+ abgelaufen\./)
  await expect(refusal).not.toContainText('expired')
  await page.screenshot({ path: testInfo.outputPath('join-refused-de-1280.png') })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.screenshot({ path: testInfo.outputPath('join-refused-de-1440.png') })
  await page.getByLabel('Sprache').selectOption({ label: 'English' })
  await expect(page.getByRole('complementary', { name: 'Remote sessions' }).getByRole('alert')).toHaveText(
    'Refused by the contract: The contract with Müller GmbH expired on June 30, 2025.',
  )
  await page.screenshot({ path: testInfo.outputPath('join-refused-en-1440.png') })
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.screenshot({ path: testInfo.outputPath('join-refused-en-1280.png') })
  // Nobody joined: the user still sees only the agent.
  await user.sync()
  expect(user.state!.participants.map((p) => p.role).sort()).toEqual(['agent', 'end_user'])

  const admin = await consoleAs(browser, hub, 'admin')
  await admin.getByRole('button', { name: 'Administration' }).click()
  const dialog = admin.getByRole('dialog', { name: 'Administration' })
  await dialog.getByRole('tab', { name: 'Audit log' }).click()
  await expect(
    dialog
      .getByRole('table', { name: 'Audit log' })
      .getByRole('row', { name: new RegExp(`${specialistName}.*Remote access refused.*Device: MUE-NB-017`) }),
  ).toBeVisible()
  await admin.screenshot({ path: testInfo.outputPath('audit-refusal-en-1280.png') })
  user.close()
  agent.close()
})

test('an agent’s Accept on a request from a server outside the contract is refused, and the request keeps waiting', async ({
  browser,
  hub,
}, testInfo) => {
  await sessionOn(hub, 'MUE-ERP01', 'waiting')
  const page = await consoleAs(browser, hub, 'agent')
  const area = page.getByRole('complementary', { name: 'Remote sessions' })
  await area.getByRole('button', { name: 'Accept remote session request from Peter Keller' }).click()
  await expect(area.getByRole('alert')).toHaveText(
    'Refused by the contract: The contract with Müller GmbH does not cover the server MUE-ERP01.',
  )
  await page.screenshot({ path: testInfo.outputPath('accept-refused-en-1280.png') })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.screenshot({ path: testInfo.outputPath('accept-refused-en-1440.png') })
  await page.getByLabel('Language').selectOption({ label: 'Deutsch' })
  const bereich = page.getByRole('complementary', { name: 'Fernsitzungen' })
  await expect(bereich.getByRole('alert')).toHaveText(
    'Vom Vertrag abgelehnt: Der Vertrag mit Müller GmbH deckt den Server MUE-ERP01 nicht ab.',
  )
  await page.screenshot({ path: testInfo.outputPath('accept-refused-de-1440.png') })
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.screenshot({ path: testInfo.outputPath('accept-refused-de-1280.png') })
  await expect(bereich.getByRole('button', { name: 'Fernsitzungsanfrage von Peter Keller annehmen' })).toBeVisible()
})
