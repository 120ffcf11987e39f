import type { Page } from '@playwright/test'
import { startMailServer, type TestMailServer } from '../support/mailServer'
import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

let server: TestMailServer | null = null
test.beforeAll(async () => {
  server = await startMailServer()
})
test.afterAll(async () => {
  await server?.stop()
})

const labels = {
  English: {
    admin: 'Administration',
    tab: 'E-mail',
    host: 'SMTP server',
    security: 'Connection security',
    none: 'None (local relay only)',
    port: 'Port',
    senderName: 'Sender name',
    senderAddress: 'Sender address',
    signature: 'Signature',
    save: 'Save e-mail settings',
    testTo: 'Send a test mail to',
    test: 'Send test mail',
  },
  Deutsch: {
    admin: 'Verwaltung',
    tab: 'E-Mail',
    host: 'SMTP-Server',
    security: 'Verbindungssicherheit',
    none: 'Keine (nur lokales Relay)',
    port: 'Port',
    senderName: 'Absendername',
    senderAddress: 'Absenderadresse',
    signature: 'Signatur',
    save: 'E-Mail-Einstellungen speichern',
    testTo: 'Testmail senden an',
    test: 'Testmail senden',
  },
} as const

async function openMailTab(page: Page, language: keyof typeof labels) {
  const l = labels[language]
  await page.getByRole('button', { name: l.admin }).click()
  const area = page.getByRole('dialog', { name: l.admin })
  await area.getByRole('tab', { name: l.tab }).click()
  await expect(area.getByLabel(l.host)).toBeVisible()
  return area
}

test('an admin sets the SMTP server, a test mail reports the server’s answer, and a reply shows it was sent', async ({
  page,
  hub,
}, testInfo) => {
  expect(server, 'needs postfix and dovecot (root)').not.toBeNull()
  await signedIn(page, hub.url, hub.login('admin'))
  const l = labels.English
  const area = await openMailTab(page, 'English')
  // The relay port without authentication: the hub has no trust for the test server's certificate.
  await area.getByLabel(l.host).fill('127.0.0.1')
  await area.getByLabel(l.security).selectOption({ label: l.none })
  await area.getByLabel(l.port, { exact: true }).fill(String(server!.inbound.port))
  await area.getByLabel(l.senderName).fill('Contoso IT Support')
  await area.getByLabel(l.senderAddress).fill('support@desk.test')
  await area.getByLabel(l.signature).fill('Contoso IT · +49 30 1234')
  await area.getByRole('button', { name: l.save }).click()
  await expect(area.getByRole('status')).toHaveText('E-mail settings saved.')
  await area.getByLabel(l.testTo).fill(server!.users.user.address)
  await area.getByRole('button', { name: l.test }).click()
  await expect(area.getByRole('status')).toHaveText(/^The server accepted the test mail: 250 2\.0\.0 Ok: queued as/)
  await area.getByRole('button', { name: 'Close' }).last().click()

  await page.getByRole('button', { name: 'New call' }).click()
  const dialog = page.getByRole('dialog', { name: 'New call' })
  await dialog.getByLabel('Caller name').fill('Uwe User')
  await dialog.getByLabel('E-mail').fill(server!.users.user.address)
  await dialog.getByLabel('Subject').fill('Printer prints blank pages')
  await dialog.getByRole('button', { name: 'Create ticket' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Printer prints blank pages/ })).toBeVisible()
  await page.getByRole('textbox', { name: 'Message' }).fill('Please switch the printer off and on again.')
  await page.getByRole('button', { name: 'Send public reply' }).click()
  const timeline = page.getByRole('region', { name: 'Timeline' })
  await expect(timeline.getByText(`Mail sent to ${server!.users.user.address}`)).toHaveCount(2, { timeout: 20_000 })
  await timeline.getByText('Please switch the printer off and on again.').scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('mail-timeline-English-1280.png') })
})

test('the e-mail settings fit at 1280×720 and 1440×900, in English and German', async ({ browser, hub }, testInfo) => {
  expect(server, 'needs postfix and dovecot (root)').not.toBeNull()
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    await signedIn(page, hub.url, hub.login('admin'))
    for (const language of ['English', 'Deutsch'] as const) {
      const l = labels[language]
      const area = await openMailTab(page, language)
      await area.getByLabel(l.host).fill('smtp.example.org')
      await area.getByLabel(l.senderName).fill('Contoso IT Support')
      await area.getByLabel(l.senderAddress).fill('support@contoso.example')
      await area.getByLabel(l.signature).fill('Contoso IT · +49 30 1234')
      await page.screenshot({ path: testInfo.outputPath(`mail-settings-${language}-${viewport.width}.png`) })
      await area
        .getByRole('button', { name: language === 'English' ? 'Close' : 'Schließen' })
        .last()
        .click()
      if (language === 'English') await page.getByLabel('Language').selectOption({ label: 'Deutsch' })
    }
    await context.close()
  }
})
