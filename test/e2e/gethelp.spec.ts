import type { Page } from '@playwright/test'
import { exposeDesktopBridge } from '../support/desktopBridge'
import { expect, test } from './fixtures'
import { ConsolePage, TicketDesk } from './pages/ConsolePage'

async function describeProblem(page: Page) {
  await page.getByRole('button', { name: 'Get help' }).click()
  await page.getByLabel('Your name').fill('Jana Nowak')
  await page
    .getByLabel('Describe the problem in your own words')
    .fill('My second screen stays black since this morning')
  await page.getByLabel('Is a device missing? Which one? (optional)').fill('second monitor')
  await page.getByRole('button', { name: 'Continue' }).click()
}

test('Get Help on the desktop shows what it gathered, sends only what the user allows, and the agent reads the report', async ({
  page,
  hub,
  browser,
}) => {
  await exposeDesktopBridge(page, 'gethelp', hub.url)
  await page.goto(hub.getHelpUrl)
  await describeProblem(page)

  await expect(page.getByRole('heading', { name: 'This is what will be sent' })).toBeVisible({ timeout: 20_000 })
  expect(await hub.hub.db.query('select 1 from tickets')).toHaveLength(0)
  const devices = page.getByRole('switch', { name: 'Send devices and printers' })
  await expect(devices).toBeChecked()
  await devices.click()
  await expect(devices).not.toBeChecked()
  await expect(page.getByRole('switch', { name: 'Send hardware details' })).toBeChecked()
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByText('Your ticket number is T-000001.')).toBeVisible()

  type Sent = { groups: Record<string, Record<string, { status: string; data?: unknown }>> }
  const [row] = await hub.hub.db.query<{ data: Sent | string }>('select data from diagnostics')
  const sent = (typeof row!.data === 'string' ? (JSON.parse(row!.data) as Sent) : row!.data).groups
  expect(
    Object.values(sent.peripherals!).every((probe) => probe.status === 'withheld' && probe.data === undefined),
  ).toBe(true)
  expect(sent.hardware!.memory!.status).toBe('ok')

  const agentPage = await (await browser.newContext()).newPage()
  const console = new ConsolePage(agentPage, hub.url)
  const agent = hub.login('agent')
  await console.open()
  await console.signIn(agent.email, agent.password)
  const desk = new TicketDesk(agentPage)
  await desk.open('My second screen stays black')
  const report = agentPage.getByRole('region', { name: 'Diagnostics' })
  await expect(report.getByRole('heading', { name: 'Findings' })).toBeVisible()
  await expect(report.getByText(/Hardware/).first()).toBeVisible()
  await expect(agentPage.getByText('Jana Nowak attached diagnostics')).toBeVisible()

  // The agent asks for a fresh snapshot; Get Help asks the user, who allows it.
  await report.getByRole('button', { name: 'Ask the user for fresh diagnostics' }).click()
  await expect(agentPage.getByText('Asked. The fresh snapshot arrives when the user allows it.')).toBeVisible()
  await page.reload()
  await page.getByRole('button', { name: 'Check again and send' }).click()
  await expect(page.getByText('Fresh diagnostics sent.')).toBeVisible({ timeout: 20_000 })
  await expect(report.getByRole('combobox', { name: 'Compare with' })).toBeVisible()
  await report.getByRole('combobox', { name: 'Compare with' }).selectOption({ index: 1 })
  await expect(report.getByRole('heading', { name: 'Changed since the earlier snapshot' })).toBeVisible()
})

test('Get Help in a browser sends what the browser can tell and says the desktop client gives more', async ({
  page,
  hub,
}) => {
  await page.goto(hub.getHelpUrl)
  await describeProblem(page)
  await expect(
    page.getByText(/The Firstline Get Help app for your computer tells your IT support much more/),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByText('Your ticket number is T-000001.')).toBeVisible()
  const rows = await hub.hub.db.query<{ kind: string }>('select kind from diagnostics')
  expect(rows).toEqual([{ kind: 'browser' }])
})
