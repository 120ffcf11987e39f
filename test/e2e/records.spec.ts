import { expect, test } from './fixtures'
import { ConsolePage, TicketDesk } from './pages/ConsolePage'
import { RecordsPage } from './pages/RecordsPage'

// Two or three Consoles against one hub each: more to start than the single-page tests.
test.describe.configure({ timeout: 120_000 })

/** The hub numbers a ticket when it arrives; until then the heading says it is a draft. */
async function ticketNumber(page: import('@playwright/test').Page, subject: string): Promise<string> {
  const heading = page.getByRole('heading', { level: 2, name: new RegExp(subject) })
  await expect(heading).toHaveText(/^T-\d{6}/)
  return (await heading.innerText()).split(' ')[0]!
}

async function signedIn(
  browser: import('@playwright/test').Browser,
  hubUrl: string,
  login: { email: string; password: string },
) {
  const page = await (await browser.newContext()).newPage()
  const console = new ConsolePage(page, hubUrl)
  await console.open()
  await console.signIn(login.email, login.password)
  await console.expectSignedIn()
  return { desk: new TicketDesk(page), records: new RecordsPage(page) }
}

test("a specialist's vendor case puts the ticket on waiting for vendor; the vendor's answer takes it back", async ({
  browser,
  hub,
}) => {
  const agent = await signedIn(browser, hub.url, hub.login('agent'))
  const specialist = await signedIn(browser, hub.url, hub.login('specialist'))

  await agent.desk.newCall('Jana Nowak', 'Docking station firmware bricks USB-C')
  await expect(agent.desk.syncStatus()).toHaveText('Up to date')
  // 1st level reads vendor cases but does not open them.
  await expect(agent.records.vendorCases().getByText('2nd-level specialists open vendor cases.')).toBeVisible()
  await expect(agent.records.vendorCases().getByRole('button', { name: 'Open vendor case' })).toHaveCount(0)

  await specialist.records.showAllTickets()
  await specialist.desk.open('Docking station firmware bricks USB-C')
  await specialist.records.openVendorCase('Lenovo', '5012345678', 'Firmware 1.2.3 leaves USB-C dead')
  await expect(specialist.records.ticketStatus().locator('option:checked')).toHaveText('Waiting for vendor')
  await expect(specialist.records.vendorCase('Lenovo', '5012345678').getByText('Waiting for vendor')).toBeVisible()
  await expect(specialist.desk.page.getByText('Resolution: paused')).toBeVisible()

  // The agent's Console hears of it without a reload: the ticket status and the case.
  await expect(agent.records.ticketStatus().locator('option:checked')).toHaveText('Waiting for vendor')
  await expect(agent.records.vendorCase('Lenovo', '5012345678')).toBeVisible()

  await specialist.records.logVendorAnswer('Lenovo', '5012345678', 'Roll back to 1.2.1; fix ships next week')
  await expect(specialist.records.ticketStatus().locator('option:checked')).toHaveText('In progress')
  await expect(specialist.records.vendorCase('Lenovo', '5012345678').getByText('Vendor answered')).toBeVisible()
  await expect(agent.records.ticketStatus().locator('option:checked')).toHaveText('In progress')
})

test('a normal change waits for the approval of a second specialist; its author and 1st level cannot approve', async ({
  browser,
  hub,
}) => {
  const specialist = await signedIn(browser, hub.url, hub.login('specialist'))
  const admin = await signedIn(browser, hub.url, hub.login('admin'))
  const agent = await signedIn(browser, hub.url, hub.login('agent'))

  await specialist.desk.newCall('Piotr Lis', 'Core switch drops VLAN 20')
  const number = await ticketNumber(specialist.desk.page, 'Core switch drops VLAN 20')
  await specialist.records.openChanges()
  await specialist.records.recordChange({
    kind: 'Normal change',
    title: 'Replace core switch B',
    risk: 'High',
    tickets: number,
  })
  const change = specialist.records.change('Replace core switch B')
  await change.getByRole('button', { name: 'Submit' }).click()
  await expect(change.getByTestId('change-summary')).toContainText('Awaiting approval')
  await expect(change.getByTestId('change-summary')).toContainText('approval outstanding')
  // The author cannot approve or start their own normal change.
  await expect(change.getByRole('button', { name: 'Approve' })).toHaveCount(0)
  await expect(change.getByRole('button', { name: 'Start' })).toHaveCount(0)

  await agent.records.openChanges()
  await agent.records.selectChange('Replace core switch B')
  await expect(agent.records.change('Replace core switch B').getByRole('button')).toHaveCount(0)

  await admin.records.openChanges()
  await admin.records.selectChange('Replace core switch B')
  await admin.records.change('Replace core switch B').getByRole('button', { name: 'Approve' }).click()
  await expect(admin.records.change('Replace core switch B').getByTestId('change-summary')).toContainText(
    'approved by Ada Admin',
  )

  // The author's open dialog learns of the approval and may start now.
  await expect(change.getByTestId('change-summary')).toContainText('Approved')
  await change.getByRole('button', { name: 'Start' }).click()
  await expect(change.getByTestId('change-summary')).toContainText('In progress')

  // The change shows from the linked ticket.
  await specialist.desk.page.getByRole('button', { name: 'Close', exact: true }).click()
  const ticketChanges = specialist.desk.page.getByRole('region', { name: 'Changes' })
  await expect(ticketChanges.getByText(/Replace core switch B/)).toBeVisible()
  await expect(ticketChanges.getByText('In progress')).toBeVisible()
})

test('a known error shows its workaround in each linked incident; resolving the problem resolves them', async ({
  browser,
  hub,
}) => {
  const specialist = await signedIn(browser, hub.url, hub.login('specialist'))
  const { desk, records } = specialist
  await desk.newCall('Jana Nowak', 'Outlook crashes when opening calendar')
  const first = await ticketNumber(desk.page, 'Outlook crashes when opening calendar')
  await desk.newCall('Piotr Lis', 'Outlook closes itself at start')
  const second = await ticketNumber(desk.page, 'Outlook closes itself at start')
  await expect(desk.syncStatus()).toHaveText('Up to date')

  await records.openProblems()
  await records.recordProblem('Outlook add-in crash', `${first}, ${second}`)
  const problem = records.problem('Outlook add-in crash')
  await expect(problem.getByText('2 linked incidents')).toBeVisible()
  await problem.getByLabel('Root cause').fill('Add-in built for the old Outlook version')
  await problem.getByLabel('Workaround').fill('Start Outlook with /safe')
  await problem.getByRole('button', { name: 'Mark as known error' }).click()
  await expect(problem.getByText('Known error', { exact: false }).first()).toBeVisible()
  await records.closeDialog()

  // The incident on screen shows its problem with the workaround.
  const ticketProblem = desk.page.getByRole('region', { name: 'Problem' })
  await expect(ticketProblem.getByText('Workaround: Start Outlook with /safe')).toBeVisible()

  await records.openProblems()
  await records
    .problemsDialog()
    .getByRole('button', { name: /Outlook add-in crash/ })
    .click()
  await problem.getByLabel('Resolution').fill('Add-in 4.2 rolled out to every client')
  await expect(problem.getByRole('radio', { name: 'Resolve them' })).toBeChecked()
  await problem.getByRole('button', { name: 'Resolve problem' }).click()
  await expect(problem.getByRole('status')).toHaveText('2 resolved, 0 notified, 0 unchanged')
  await records.closeDialog()

  await expect(records.ticketStatus().locator('option:checked')).toHaveText('Resolved')
  await expect(ticketProblem.getByText('Resolution: Add-in 4.2 rolled out to every client')).toBeVisible()
  // Both incidents were resolved on the hub by real status changes.
  const statuses = async () =>
    (
      await hub.hub.db.query<{ status: string }>(
        "select status from tickets where data->>'subject' like 'Outlook c%' order by number",
      )
    ).map((row) => row.status)
  await expect.poll(statuses).toEqual(['resolved', 'resolved'])
})

test('a specialist unlinks an incident from its problem and adds an existing ticket to a change by its number', async ({
  browser,
  hub,
}) => {
  const { desk, records } = await signedIn(browser, hub.url, hub.login('specialist'))
  await desk.newCall('Jana Nowak', 'VPN drops every hour')
  const vpn = await ticketNumber(desk.page, 'VPN drops every hour')
  await desk.newCall('Piotr Lis', 'Printer offline on floor 3')
  const printer = await ticketNumber(desk.page, 'Printer offline on floor 3')
  await expect(desk.syncStatus()).toHaveText('Up to date')

  // Linked by mistake: the printer has nothing to do with the VPN.
  await records.openProblems()
  await records.recordProblem('VPN gateway drops tunnels', `${vpn} ${printer}`)
  const problem = records.problem('VPN gateway drops tunnels')
  await expect(problem.getByText('2 linked incidents')).toBeVisible()
  await problem.getByRole('button', { name: `Unlink ${printer}` }).click()
  await expect(problem.getByText('1 linked incident')).toBeVisible()
  const incidents = problem.getByRole('list', { name: /^Incidents linked to PRB-/ })
  await expect(incidents.getByRole('listitem')).toHaveCount(1)
  await expect(incidents).toContainText(vpn)
  await records.closeDialog()
  // The printer ticket is on screen (the last one opened) and no longer names the problem.
  await expect(desk.page.getByRole('region', { name: 'Problem' }).getByText('Not linked to a problem.')).toBeVisible()

  await records.openChanges()
  await records.recordChange({ kind: 'Standard change', title: 'Renew VPN certificate', risk: 'Low', tickets: '' })
  const change = records.change('Renew VPN certificate')
  await expect(change.getByRole('list', { name: 'Linked tickets' })).toHaveCount(0)
  const add = change.getByRole('form', { name: 'Add to change' })
  // An unknown number is named and nothing is linked.
  await add.getByLabel('Add tickets (ticket numbers)').fill('T-999999')
  await add.getByRole('button', { name: 'Add to change' }).click()
  await expect(add.getByRole('alert')).toHaveText('No ticket known with this number: T-999999')
  // From the keyboard: type the number and press Enter.
  await add.getByLabel('Add tickets (ticket numbers)').fill(vpn)
  await add.getByLabel('Add tickets (ticket numbers)').press('Enter')
  await expect(change.getByRole('list', { name: 'Linked tickets' })).toContainText(`${vpn} · VPN drops every hour`)
  await expect(add.getByLabel('Add tickets (ticket numbers)')).toHaveValue('')
  await records.closeDialog()

  await records.showAllTickets()
  await desk.open('VPN drops every hour')
  const ticketChanges = desk.page.getByRole('region', { name: 'Changes' })
  await expect(ticketChanges.getByText(/Renew VPN certificate/)).toBeVisible()
})
