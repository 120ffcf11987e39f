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

const screenshotsDir = process.env.SCREENSHOTS_DIR
const words = {
  English: {
    admin: 'Administration',
    tab: 'Accounts',
    form: 'Invite someone',
    email: 'E-mail address',
    invite: 'Create invitation',
    sent: (to: string) => `The mail with the link was sent to ${to}.`,
    close: 'Close',
  },
  Deutsch: {
    admin: 'Verwaltung',
    tab: 'Konten',
    form: 'Jemanden einladen',
    email: 'E-Mail-Adresse',
    invite: 'Einladung erstellen',
    sent: (to: string) => `Die Mail mit dem Link wurde an ${to} gesendet.`,
    close: 'Schließen',
  },
} as const

test('with e-mail on, an invitation is mailed and the admin sees that the mail was sent', async ({ browser, hub }) => {
  expect(server, 'needs postfix and dovecot (root)').not.toBeNull()
  const admin = await hub.api('admin')
  await admin.json('PUT', '/api/admin/mail', {
    enabled: true,
    host: '127.0.0.1',
    port: server!.smtp.port,
    security: 'starttls',
    user: server!.smtp.user,
    password: server!.smtp.pass,
    senderName: 'Contoso IT Support',
    senderAddress: 'support@desk.test',
    signature: '',
    language: 'en',
    // The test server's certificate comes from a private CA: the organisation's setting trusts it.
    tlsCa: server!.ca,
  })
  const sizes = screenshotsDir
    ? [
        { width: 1280, height: 720 },
        { width: 1440, height: 900 },
      ]
    : [{ width: 1280, height: 720 }]
  for (const viewport of sizes) {
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    await signedIn(page, hub.url, hub.login('admin'))
    for (const language of screenshotsDir ? (['English', 'Deutsch'] as const) : (['English'] as const)) {
      const w = words[language]
      await page.getByRole('button', { name: w.admin }).click()
      const area = page.getByRole('dialog', { name: w.admin })
      await area.getByRole('tab', { name: w.tab }).click()
      const form = area.getByRole('form', { name: w.form })
      // The test server's own mailbox: mail to other domains would leave loopback. A new invitation
      // for the same address replaces the open one.
      const to = server!.users.user.address
      await form.getByLabel(w.email).fill(to)
      await form.getByRole('button', { name: w.invite }).click()
      await expect(area.getByText(w.sent(to))).toBeVisible({ timeout: 20_000 })
      if (screenshotsDir)
        await page.screenshot({ path: `${screenshotsDir}/invitation-mailed-${language}-${viewport.width}.png` })
      await area.getByRole('button', { name: w.close }).last().click()
      if (language === 'English' && screenshotsDir) await page.getByLabel('Language').selectOption({ label: 'Deutsch' })
    }
    await context.close()
  }
})
