import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

test('offline edits survive a reload, reach the hub exactly once, and a conflicting change is shown', async ({
  browser,
  hub,
}) => {
  const agentContext = await browser.newContext()
  const adminContext = await browser.newContext()
  const agent = await signedIn(await agentContext.newPage(), hub.url, hub.login('agent'))
  const admin = await signedIn(await adminContext.newPage(), hub.url, hub.login('admin'))

  await agent.newCall('Jana Nowak', 'VPN drops every hour')
  await agent.newCall('Piotr Lis', 'Outlook asks for password')
  await expect(agent.syncStatus()).toHaveText('Up to date')
  // The other Console learns of both tickets without reloading.
  await expect(admin.ticketOption('VPN drops every hour')).toBeVisible()
  await expect(admin.ticketOption('Outlook asks for password')).toBeVisible()

  await agentContext.setOffline(true)
  await agent.newCall('Eva Roth', 'Docking station not detected')
  await agent.open('VPN drops every hour')
  await agent.setStatus('Waiting for user')
  await agent.open('Outlook asks for password')
  await agent.addInternalNote('Reset the credential manager entry')
  await expect(agent.page.getByText('4 changes waiting to be sent')).toBeVisible()

  await agent.page.reload()
  await expect(agent.page.getByText('4 changes waiting to be sent')).toBeVisible()
  await expect(agent.ticketOption('Docking station not detected')).toBeVisible()

  // Meanwhile someone else moves the VPN ticket on.
  await admin.open('VPN drops every hour')
  await admin.setStatus('In progress')
  const vpnStatus = async () =>
    (
      await hub.hub.db.query<{ status: string }>(
        "select data->>'status' as status from tickets where data->>'subject' = 'VPN drops every hour'",
      )
    )[0]?.status
  await expect.poll(vpnStatus).toBe('in_progress')

  await agentContext.setOffline(false)
  await expect(agent.page.getByRole('button', { name: '1 edit needs you' })).toBeVisible({ timeout: 30_000 })
  await expect(agent.page.getByText(/changes? waiting to be sent/)).toHaveCount(0)
  await agent.page.getByRole('button', { name: '1 edit needs you' }).click()
  const dialog = agent.page.getByRole('dialog', { name: 'Edits that need you' })
  await expect(dialog.getByText('Status: you chose Waiting for user, meanwhile it became In progress.')).toBeVisible()

  const rows = await hub.hub.db.query<{ subject: string; status: string }>(
    "select data->>'subject' as subject, data->>'status' as status from tickets order by number",
  )
  expect(rows).toEqual([
    { subject: 'VPN drops every hour', status: 'in_progress' },
    { subject: 'Outlook asks for password', status: 'new' },
    { subject: 'Docking station not detected', status: 'new' },
  ])
  const notes = await hub.hub.db.query("select 1 from ticket_events where data->>'type' = 'internal_note'")
  expect(notes).toHaveLength(1)
  const calls = await hub.hub.db.query("select 1 from ticket_events where data->>'type' = 'call_logged'")
  expect(calls).toHaveLength(3)

  // The other Console sees the agent's new ticket too.
  await expect(admin.ticketOption('Docking station not detected')).toBeVisible()
  await agentContext.close()
  await adminContext.close()
})

test('the queue is searchable and walked with the keyboard; classification sets the priority', async ({
  page,
  hub,
}) => {
  const desk = await signedIn(page, hub.url, hub.login('specialist'))
  // A specialist starts in the groups' queue; these calls are at 1st level.
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'All tickets' })
  await desk.newCall('Kim Berger', 'Keyboard types wrong letters')
  await desk.newCall('Lena Vogt', 'Second monitor stays black')
  await desk.newCall('Omar Aziz', 'Printer offline on floor 3')

  await page.getByRole('searchbox', { name: 'Search tickets' }).fill('monit')
  const list = page.getByRole('listbox', { name: 'Tickets' })
  await expect(list.getByRole('option')).toHaveCount(1)
  await expect(list.getByRole('option')).toContainText('Second monitor stays black')
  await page.getByRole('searchbox', { name: 'Search tickets' }).fill('')
  await expect(list.getByRole('option')).toHaveCount(3)

  await list.focus()
  await page.keyboard.press('Home')
  const first = await list.getByRole('option', { selected: true }).textContent()
  await page.keyboard.press('ArrowDown')
  const second = await list.getByRole('option', { selected: true }).textContent()
  expect(second).not.toEqual(first)

  await desk.open('Printer offline on floor 3')
  await page.getByRole('combobox', { name: 'Impact' }).selectOption({ label: 'High' })
  await page.getByRole('combobox', { name: 'Urgency' }).selectOption({ label: 'High' })
  await expect(page.getByTestId('priority')).toHaveText('P1 (impact × urgency)')
  await expect(list.getByRole('option', { name: /Printer offline/ })).toContainText('P1')
})
