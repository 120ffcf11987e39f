import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

async function openAccounts(page: Page) {
  await page.getByRole('button', { name: 'Administration' }).click()
  const area = page.getByRole('dialog', { name: 'Administration' })
  await area.getByRole('tab', { name: 'Accounts' }).click()
  await expect(area.getByRole('table', { name: 'Accounts' })).toBeVisible()
  return area
}

test('an admin invites an agent who sets a password and signs in; deactivating signs them out at once', async ({
  browser,
  hub,
}) => {
  const adminContext = await browser.newContext()
  const adminPage = await adminContext.newPage()
  await signedIn(adminPage, hub.url, hub.login('admin'))
  const area = await openAccounts(adminPage)

  const inviteForm = area.getByRole('form', { name: 'Invite someone' })
  await inviteForm.getByLabel('E-mail address').fill('nina.neumann@example.org')
  await inviteForm.getByRole('combobox', { name: 'Role' }).selectOption({ label: '1st-level agent' })
  await inviteForm.getByRole('button', { name: 'Create invitation' }).click()
  const link = await area.getByRole('textbox', { name: 'Invitation link' }).inputValue()
  expect(link).toMatch(new RegExp(`^${hub.url}/#/invite/[A-Za-z0-9_-]{43}$`))
  await expect(
    area.getByRole('table', { name: 'Invitations' }).getByRole('row', { name: /nina\.neumann/ }),
  ).toContainText('Open')

  const agentContext = await browser.newContext()
  const agentPage = await agentContext.newPage()
  await agentPage.goto(link)
  await expect(agentPage.getByRole('heading', { name: 'Accept your invitation' })).toBeVisible()
  await expect(agentPage.getByText('nina.neumann@example.org')).toBeVisible()
  await agentPage.getByLabel('Name', { exact: true }).fill('Nina Neumann')
  // A weak password is refused with the reason, by the hub's list of common passwords.
  await agentPage.getByLabel('New password', { exact: true }).fill('qwerty123456')
  await agentPage.getByLabel('Repeat the new password').fill('qwerty123456')
  await agentPage.getByRole('button', { name: 'Create account and sign in' }).click()
  await expect(agentPage.getByRole('alert')).toHaveText(/one of the most commonly used passwords/)
  await agentPage.getByLabel('New password', { exact: true }).fill('short')
  await agentPage.getByLabel('Repeat the new password').fill('short')
  await agentPage.getByRole('button', { name: 'Create account and sign in' }).click()
  await expect(agentPage.getByRole('alert')).toHaveText('The password needs at least 12 characters.')

  await agentPage.getByLabel('New password', { exact: true }).fill('purple tractor under the bridge')
  await agentPage.getByLabel('Repeat the new password').fill('purple tractor under the bridge')
  await agentPage.getByRole('button', { name: 'Create account and sign in' }).click()
  await expect(agentPage.getByRole('navigation', { name: 'Queue' })).toBeVisible()
  await expect(agentPage.getByText(/Nina Neumann/).first()).toBeVisible()
  expect(new URL(agentPage.url()).hash).toBe('')
  await expect(agentPage.getByRole('status', { name: 'Hub connection' })).toContainText('Connected')

  // The admin's list shows the new account; deactivating it ends the agent's open Console at once.
  await area.getByRole('tab', { name: 'Audit log' }).click()
  await expect(area.getByRole('table', { name: 'Audit log' })).toContainText('Invitation created')
  await area.getByRole('tab', { name: 'Accounts' }).click()
  const row = area.getByRole('table', { name: 'Accounts' }).getByRole('row', { name: /Nina Neumann/ })
  await expect(row).toContainText('Active')
  await row.getByRole('button', { name: 'Deactivate' }).click()
  await expect(row).toContainText('Deactivated')

  await expect(agentPage.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(agentPage.getByRole('alert')).toHaveText(/your account was deactivated/)

  // The used link does not work again.
  await agentPage.goto(link)
  await expect(agentPage.getByRole('alert')).toHaveText(/has been used already/)
  await adminContext.close()
  await agentContext.close()
})

test('the accounts screens fit at 1280×720 and 1440×900, in English and German', async ({ browser, hub }, testInfo) => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    await signedIn(page, hub.url, hub.login('admin'))
    for (const language of ['English', 'Deutsch'] as const) {
      const area = page.getByRole('dialog')
      await page.getByRole('button', { name: language === 'English' ? 'Administration' : 'Verwaltung' }).click()
      await area.getByRole('tab', { name: language === 'English' ? 'Accounts' : 'Konten' }).click()
      await area.getByLabel(language === 'English' ? 'E-mail address' : 'E-Mail-Adresse').fill('new.person@example.org')
      await area
        .getByRole('button', { name: language === 'English' ? 'Create invitation' : 'Einladung erstellen' })
        .click()
      const link = await area
        .getByRole('textbox', { name: language === 'English' ? 'Invitation link' : 'Einladungslink' })
        .inputValue()
      await area
        .getByRole('button', { name: language === 'English' ? /^Specialist groups of/ : /^Fachgruppen von/ })
        .first()
        .click()
      await page.screenshot({ path: testInfo.outputPath(`accounts-${language}-${viewport.width}.png`) })
      await area
        .getByRole('button', { name: language === 'English' ? 'Close' : 'Schließen' })
        .last()
        .click()
      await page.getByRole('button', { name: language === 'English' ? 'My account' : 'Mein Konto' }).click()
      await page.screenshot({ path: testInfo.outputPath(`my-account-${language}-${viewport.width}.png`) })
      await page.keyboard.press('Escape')
      const linkPage = await context.newPage()
      await linkPage.goto(link)
      await expect(
        linkPage.getByRole('button', { name: language === 'English' ? 'Go to sign-in' : 'Zur Anmeldung' }),
      ).toBeVisible()
      await linkPage.screenshot({ path: testInfo.outputPath(`invite-${language}-${viewport.width}.png`) })
      await linkPage.close()
      if (language === 'English') await page.getByLabel('Language').selectOption({ label: 'Deutsch' })
    }
    await context.close()
  }
})
