import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

/** Set `SCREENSHOTS_DIR` to keep the escalation dialog with its suggestion at both sizes and in both languages. */
const screenshotsDir = process.env.SCREENSHOTS_DIR

async function escalationScreenshots(page: Page): Promise<void> {
  if (!screenshotsDir) return
  mkdirSync(screenshotsDir, { recursive: true })
  const open = (name: string) => page.getByRole('button', { name }).click()
  for (const language of ['en', 'de'] as const) {
    if (language === 'de') {
      // The header's language switch sits behind the modal dialog.
      await page.keyboard.press('Escape')
      await page.getByRole('combobox', { name: 'Language' }).selectOption('de')
      await open('An 2nd Level eskalieren…')
    }
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(size)
      await page.getByTestId('group-suggestion').scrollIntoViewIfNeeded()
      await page.screenshot({
        path: `${screenshotsDir}/escalation-suggestion-${language}-${size.width}x${size.height}.png`,
      })
    }
  }
  await page.keyboard.press('Escape')
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en')
  await page.setViewportSize({ width: 1280, height: 720 })
  await open('Escalate to 2nd level…')
}

/** Walking a classification select with the arrow keys is one edit; the override follows the new priority. */
test('arrow keys through Urgency make one edit, and the override select shows the priority the reclassification set', async ({
  page,
  hub,
}) => {
  const desk = await signedIn(page, hub.url, hub.login('agent'))
  await desk.newCall('Kim Berger', 'Printer jams on every page')
  const urgencyEdits = async () =>
    (
      await hub.hub.db.query<{ to: string }>(
        "select data->'payload'->>'to' as to from ticket_events where data->>'type' = 'field_changed' and data->'payload'->>'field' = 'urgency'",
      )
    ).map((row) => row.to)

  const urgency = page.getByRole('combobox', { name: 'Urgency', exact: true })
  await expect(urgency).toHaveValue('medium')
  await urgency.focus()
  // From Medium one step up to High and back down twice, to Low: three changes, one edit.
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(urgency).toHaveValue('low')
  await page.keyboard.press('Tab')
  await expect(desk.syncStatus()).toHaveText('Up to date')
  await expect.poll(urgencyEdits).toEqual(['low'])

  const override = page.getByRole('combobox', { name: 'Override priority' })
  const priority = async () => /P\d/.exec((await page.getByTestId('priority').textContent()) ?? '')![0]
  const before = await priority()
  await expect(override).toHaveValue(before)
  await page.getByRole('combobox', { name: 'Impact', exact: true }).selectOption({ label: 'High' })
  await expect.poll(priority).not.toBe(before)
  await expect(override).toHaveValue(await priority())
})

test('the queue never names a filtered-out row as active, and focus stays in the ticket after Send reply and Escalate', async ({
  page,
  hub,
}) => {
  const desk = await signedIn(page, hub.url, hub.login('agent'))
  await desk.newCall('Lena Vogt', 'Second monitor stays black')
  await desk.newCall('Jana Nowak', 'VPN error 809 since this morning')

  // The VPN ticket is open and selected; a search that hides it leaves no dangling active row.
  const list = page.getByRole('listbox', { name: 'Tickets' })
  await expect(list).toHaveAttribute('aria-activedescendant', /^queue-/)
  await page.getByRole('searchbox', { name: 'Search tickets' }).fill('monitor')
  await expect(list.getByRole('option')).toHaveCount(1)
  await expect(list).not.toHaveAttribute('aria-activedescendant')
  await page.getByRole('searchbox', { name: 'Search tickets' }).fill('')
  await expect(list).toHaveAttribute('aria-activedescendant', /^queue-/)

  const message = page.getByRole('textbox', { name: 'Message' })
  await message.fill('We are looking into the VPN connection now.')
  await page.getByRole('button', { name: 'Send public reply' }).click()
  await expect(page.getByText('We are looking into the VPN connection now.')).toBeVisible()
  await expect(message).toBeFocused()

  await page.getByRole('button', { name: 'Escalate to 2nd level…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Escalate to 2nd level' })
  // The ticket's own words choose the group, although the category says nothing about VPN.
  await expect(dialog.getByRole('combobox', { name: 'Target group' })).toHaveValue('vpn_auth')
  await expect(dialog.getByTestId('group-suggestion')).toContainText('the ticket mentions vpn')
  await escalationScreenshots(page)
  await dialog.getByRole('textbox', { name: 'Steps already tried' }).fill('Restarted the VPN client')
  await dialog.getByRole('textbox', { name: 'Why this impact and urgency' }).fill('One user, can work in the office')
  await dialog.getByRole('textbox', { name: 'When the user can be reached' }).fill('All day at extension 4711')
  await dialog.getByRole('button', { name: 'Escalate', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { level: 2, name: /VPN error 809/ })).toBeFocused()
})

test('no request of a page load ends in a 404: the favicon is served', async ({ page, hub }) => {
  const missing: string[] = []
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url())
  })
  await signedIn(page, hub.url, hub.login('agent'))
  const icon = await page.request.get(`${hub.url}/favicon.ico`)
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toBe('image/x-icon')
  await page.goto(`${hub.url}/gethelp`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(missing).toEqual([])
})
