import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createTransport } from 'nodemailer'
import { startMailServer, type TestMailServer } from '../support/mailServer'
import { expect, test, type HubFixture } from './fixtures'
import { signedIn } from './pages/ConsolePage'

/** Set `SCREENSHOTS_DIR` to keep the Mailboxes tab and the full message at both sizes in both languages. */
const screenshotsDir = process.env.SCREENSHOTS_DIR

let server: TestMailServer | null = null
test.beforeAll(async () => {
  server = await startMailServer()
})
test.afterAll(async () => {
  await server?.stop()
})

/** The requester's mail client: plain SMTP into the test server, which delivers to the support mailbox. */
async function sendToSupport(subject: string, text: string) {
  const transport = createTransport({
    host: server!.inbound.host,
    port: server!.inbound.port,
    secure: false,
    ignoreTLS: true,
  })
  await transport.sendMail({
    from: { name: 'Uwe User', address: server!.users.user.address },
    to: server!.users.support.address,
    subject,
    text,
  })
  transport.close()
}

async function openMailboxesTab(page: Page, language: 'English' | 'Deutsch' = 'English') {
  const admin = language === 'English' ? 'Administration' : 'Verwaltung'
  await page.getByRole('button', { name: admin }).click()
  const area = page.getByRole('dialog', { name: admin })
  await area.getByRole('tab', { name: language === 'English' ? 'Mailboxes' : 'Postfächer' }).click()
  await expect(
    area.getByRole('heading', { name: language === 'English' ? /How mail becomes tickets/ : /Wie aus E-Mails/ }),
  ).toBeVisible()
  return area
}

const signature = 'Uwe User\nCustomer Ltd · Accounting\n+49 30 5555'
const body = (line: string) => `${line}\n\n-- \n${signature}\n`

test('an admin adds the support mailbox, tests it, sees a wrong password’s answer, and its mail becomes a ticket shown in full', async ({
  page,
  hub,
}) => {
  expect(server, 'needs postfix and dovecot (root)').not.toBeNull()
  await signedIn(page, hub.url, hub.login('admin'))
  const area = await openMailboxesTab(page)
  await expect(area.getByText('No mailbox yet.', { exact: false })).toBeVisible()

  await area.getByRole('button', { name: 'Add mailbox' }).click()
  const form = area.getByRole('form', { name: 'Add mailbox' })
  await form.getByLabel('Name', { exact: true }).fill('Support')
  await form.getByLabel('Support address').fill(server!.users.support.address)
  await form.getByLabel('IMAP server').fill(server!.imap.host)
  await form.getByLabel('Connection security').selectOption({ label: 'None (loopback only)' })
  await form.getByLabel('Port', { exact: true }).fill(String(server!.imap.port))
  await form.getByLabel('User name').fill(server!.users.support.address)
  await form.getByLabel('Password', { exact: true }).fill(server!.users.support.password)
  await form.getByRole('button', { name: 'Save mailbox' }).click()
  await expect(area.getByRole('status')).toHaveText('Mailbox Support saved.')
  const table = area.getByRole('table', { name: 'Mailboxes the hub reads' })
  await expect(table.getByRole('row', { name: /Support/ })).toContainText(`${server!.imap.host}:${server!.imap.port}`)

  await area.getByRole('button', { name: 'Test the mailbox Support' }).click()
  await expect(area.getByRole('status')).toContainText('Support: logged in and opened INBOX')

  // A wrong password: the test shows the server's own refusal.
  await area.getByRole('button', { name: 'Edit Support' }).click()
  const edit = area.getByRole('form', { name: 'Edit Support' })
  await edit.getByLabel('Password (leave empty to keep the stored one)').fill('not-the-password')
  await edit.getByRole('button', { name: 'Save mailbox' }).click()
  await expect(area.getByRole('status')).toHaveText('Mailbox Support saved.')
  await area.getByRole('button', { name: 'Test the mailbox Support' }).click()
  const refusal = area.getByRole('alert')
  await expect(refusal).toContainText('Support: the server refused the user name or password.')
  await expect(refusal).toContainText(/The server’s answer: .*Authentication failed/i)

  // The right password again; the hub reads the mailbox anew.
  await area.getByRole('button', { name: 'Edit Support' }).click()
  await edit.getByLabel('Password (leave empty to keep the stored one)').fill(server!.users.support.password)
  await edit.getByRole('button', { name: 'Save mailbox' }).click()
  await expect(area.getByRole('status')).toHaveText('Mailbox Support saved.')

  // Intake settings of this organisation, in force instead of the hub's defaults.
  await area.getByLabel('A reply reopens a resolved ticket within (days)').fill('3')
  await area.getByLabel('New tickets one sender may open per hour').fill('5')
  await area.getByRole('button', { name: 'Save intake settings' }).click()
  await expect(area.getByRole('status')).toHaveText('Intake settings saved.')
  const admin = await hub.api('admin')
  expect(await admin.json('GET', '/api/admin/mail/intake')).toMatchObject({
    settings: { reopenWindowDays: 3, newTicketsPerHour: 5 },
    custom: true,
  })
  await area.getByRole('button', { name: 'Close' }).last().click()

  const subject = 'Scanner sends empty PDFs'
  await sendToSupport(subject, body('Every scan arrives as an empty PDF since this morning.'))
  const queueItem = page.getByRole('listbox', { name: 'Tickets' }).getByRole('option', { name: new RegExp(subject) })
  await expect(queueItem).toBeVisible({ timeout: 30_000 })
  await queueItem.click()
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(subject) })).toBeVisible()

  const timeline = page.getByRole('region', { name: 'Timeline' })
  await timeline.getByRole('button', { name: 'Show full message' }).click()
  const dialog = page.getByRole('dialog', { name: 'Full message' })
  await expect(dialog.getByRole('definition').first()).toHaveText(`Uwe User <${server!.users.user.address}>`)
  await expect(dialog).toContainText(server!.users.support.address)
  await expect(dialog).toContainText(subject)
  // The whole text, the signature the ticket's description left out included, as text.
  const text = dialog.getByLabel('Text of the message')
  await expect(text).toContainText('Every scan arrives as an empty PDF since this morning.')
  await expect(text).toContainText('Customer Ltd · Accounting')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
})

/** A mailbox the hub reads and one ticket from its mail, made through the API. */
async function mailboxWithTicket(hub: HubFixture, subject: string) {
  const admin = await hub.api('admin')
  const mailbox = await admin.json<{ id: string }>('POST', '/api/admin/mailboxes', {
    name: 'Support Kunde GmbH',
    address: server!.users.support.address,
    host: server!.imap.host,
    port: server!.imap.port,
    security: 'none',
    username: server!.users.support.address,
    password: server!.users.support.password,
    folder: 'INBOX',
    enabled: true,
  })
  await sendToSupport(
    subject,
    body(
      'Der Drucker im zweiten Stock zieht kein Papier mehr ein. Bitte um Rückruf.\n\nAm 24.11.2026 schrieb Support:\n> Alte Nachricht',
    ),
  )
  return mailbox.id
}

test('the Mailboxes tab and the full message fit at 1280×720 and 1440×900, in English and German', async ({
  browser,
  hub,
}) => {
  test.skip(!screenshotsDir, 'set SCREENSHOTS_DIR to keep screenshots')
  expect(server, 'needs postfix and dovecot (root)').not.toBeNull()
  mkdirSync(screenshotsDir!, { recursive: true })
  const subject = 'Drucker zieht kein Papier ein'
  await mailboxWithTicket(hub, subject)
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    await signedIn(page, hub.url, hub.login('admin'))
    for (const language of ['English', 'Deutsch'] as const) {
      const en = language === 'English'
      const area = await openMailboxesTab(page, language)
      await area
        .getByRole('button', {
          name: en ? 'Test the mailbox Support Kunde GmbH' : 'Postfach testen: Support Kunde GmbH',
        })
        .click()
      await expect(area.getByRole('status')).toBeVisible()
      await area.getByRole('button', { name: en ? 'Add mailbox' : 'Postfach hinzufügen' }).click()
      await page.screenshot({ path: join(screenshotsDir!, `mailboxes-${language}-${viewport.width}.png`) })
      await area
        .getByRole('button', { name: en ? 'Save intake settings' : 'Eingangseinstellungen speichern' })
        .scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(screenshotsDir!, `mailboxes-intake-${language}-${viewport.width}.png`) })
      await area
        .getByRole('button', { name: en ? 'Close' : 'Schließen' })
        .last()
        .click()

      const queueItem = page
        .getByRole('listbox', { name: en ? 'Tickets' : 'Tickets' })
        .getByRole('option', { name: new RegExp(subject) })
      await expect(queueItem).toBeVisible({ timeout: 30_000 })
      await queueItem.click()
      await page.getByRole('button', { name: en ? 'Show full message' : 'Ganze Nachricht anzeigen' }).click()
      const dialog = page.getByRole('dialog', { name: en ? 'Full message' : 'Ganze Nachricht' })
      await expect(dialog.getByLabel(en ? 'Text of the message' : 'Text der Nachricht')).toContainText('Alte Nachricht')
      await page.screenshot({ path: join(screenshotsDir!, `full-message-${language}-${viewport.width}.png`) })
      await dialog.getByRole('button', { name: en ? 'Close' : 'Schließen' }).click()
      if (en) await page.getByLabel('Language').selectOption({ label: 'Deutsch' })
    }
    await context.close()
  }
})
