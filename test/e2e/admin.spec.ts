import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

test('an admin reads who changed what in the audit log; agents have no administration', async ({ browser, hub }) => {
  const adminContext = await browser.newContext()
  const agentContext = await browser.newContext()
  const adminPage = await adminContext.newPage()
  await signedIn(adminPage, hub.url, hub.login('admin'))
  const agentPage = await agentContext.newPage()
  await signedIn(agentPage, hub.url, hub.login('agent'))
  await expect(agentPage.getByRole('button', { name: 'Administration' })).toHaveCount(0)

  const login = hub.login('admin')
  const admin = await hub.api('admin')
  const changed = await admin.send('PUT', '/api/groups/voip', {
    name: 'Telephony',
    scope: 'Phones and the PBX',
    categories: [],
    findingTags: ['sip'],
  })
  expect(changed.status).toBe(200)

  await adminPage.getByRole('button', { name: 'Administration' }).click()
  const area = adminPage.getByRole('dialog', { name: 'Administration' })
  await expect(area.getByRole('tab', { name: 'Accounts', selected: true })).toBeVisible()
  await area.getByRole('tab', { name: 'Audit log' }).click()
  await expect(area.getByRole('tab', { name: 'Audit log', selected: true })).toBeVisible()
  const log = area.getByRole('table', { name: 'Audit log' })
  await expect(
    log.getByRole('row', { name: new RegExp(`${login.displayName}.*Group changed.*Specialist group: Telephony`) }),
  ).toBeVisible()
  await area.getByLabel('Show').selectOption({ label: 'Contract' })
  await expect(area.getByText('Nothing recorded yet.')).toBeVisible()
  await adminContext.close()
  await agentContext.close()
})
