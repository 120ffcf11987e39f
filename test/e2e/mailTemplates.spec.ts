import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

const texts = {
  English: {
    admin: 'Administration',
    tab: 'E-mail',
    close: 'Close',
    kind: 'Mail',
    reply: 'Agent’s reply',
    language: 'Language of the text',
    body: 'Text',
    preview: 'Show preview',
    htmlPart: 'HTML part',
  },
  Deutsch: {
    admin: 'Verwaltung',
    tab: 'E-Mail',
    close: 'Schließen',
    kind: 'Mail',
    reply: 'Antwort eines Agenten',
    language: 'Sprache des Textes',
    body: 'Text',
    preview: 'Vorschau anzeigen',
    htmlPart: 'HTML-Teil',
  },
} as const

async function openTemplates(page: Page, language: keyof typeof texts) {
  const l = texts[language]
  await page.getByRole('button', { name: l.admin }).click()
  const area = page.getByRole('dialog', { name: l.admin })
  await area.getByRole('tab', { name: l.tab }).click()
  const templates = area.getByRole('region', { name: language === 'English' ? 'Mail texts' : 'Mailtexte' })
  await expect(templates.getByRole('combobox', { name: l.kind, exact: true })).toBeVisible()
  return { area, templates }
}

test('an admin edits a mail text, sees it refused with an unknown placeholder, previews it safely, saves and resets it', async ({
  page,
  hub,
}) => {
  await signedIn(page, hub.url, hub.login('admin'))
  const { templates } = await openTemplates(page, 'English')
  await templates.getByRole('combobox', { name: 'Mail', exact: true }).selectOption({ label: 'Agent’s reply' })
  await templates.getByRole('combobox', { name: 'Language of the text' }).selectOption({ label: 'English' })
  const subject = templates.getByRole('textbox', { name: 'Subject' })
  const body = templates.getByRole('textbox', { name: 'Text', exact: true })
  await expect(subject).toHaveValue('[{{ticketNumber}}] {{ticketSubject}}')
  await expect(body).toHaveValue(/^Hello \{\{requesterName\}\},/)
  await expect(templates.getByText('Built-in text.')).toBeVisible()

  await body.fill('Hi {{customerName}},\n\n{{body}}')
  await templates.getByRole('button', { name: 'Save text' }).click()
  await expect(templates.getByRole('alert')).toHaveText(
    'This mail does not know the placeholder {{customerName}}. Use only the placeholders listed.',
  )

  await body.fill('Hi {{requesterName}},\n\n{{body}}\n\n<b>Your desk</b> – {{agentName}}')
  await templates.getByRole('button', { name: 'Show preview' }).click()
  const preview = templates.getByRole('region', { name: 'Preview with sample data' })
  await expect(preview.getByLabel('Subject of the preview')).toHaveText('[T-000123] VPN drops every few minutes')
  await expect(preview.getByLabel('Plain text')).toContainText('Hi Jana Nowak,')
  await expect(preview.getByLabel('Plain text')).toContainText('<b>Your desk</b> – Max Agent')
  // The HTML part shows in a sandboxed frame, the admin's markup as text, never as markup.
  const frame = preview.getByTitle('HTML part')
  await expect(frame).toHaveAttribute('sandbox', '')
  const html = frame.contentFrame()
  await expect(html.locator('body')).toContainText('<b>Your desk</b> – Max Agent')
  await expect(html.locator('b')).toHaveCount(0)

  await templates.getByRole('button', { name: 'Save text' }).click()
  await expect(templates.getByRole('status')).toHaveText('Text saved. New mails of this kind use it.')
  await expect(templates.getByText(/^Your own text, saved/)).toBeVisible()

  // The German text of the same mail is still the built-in one.
  await templates.getByRole('combobox', { name: 'Language of the text' }).selectOption({ label: 'German' })
  await expect(body).toHaveValue(/^Hallo \{\{requesterName\}\},/)
  await templates.getByRole('combobox', { name: 'Language of the text' }).selectOption({ label: 'English' })
  await expect(body).toHaveValue(/^Hi \{\{requesterName\}\},/)

  await templates.getByRole('button', { name: 'Reset to built-in text' }).click()
  await expect(templates.getByRole('status')).toHaveText('The built-in text is used again.')
  await expect(body).toHaveValue(/^Hello \{\{requesterName\}\},/)
  await expect(templates.getByRole('button', { name: 'Reset to built-in text' })).toBeDisabled()
})

/** Set `SCREENSHOTS_DIR` to keep the mail texts with a preview at both sizes in both languages. */
const screenshotsDir = process.env.SCREENSHOTS_DIR

test('the mail texts and their preview fit at 1280×720 and 1440×900, in English and German', async ({
  browser,
  hub,
}) => {
  test.skip(!screenshotsDir, 'screenshots only when SCREENSHOTS_DIR is set')
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    await signedIn(page, hub.url, hub.login('admin'))
    for (const language of ['English', 'Deutsch'] as const) {
      const l = texts[language]
      const { area, templates } = await openTemplates(page, language)
      await templates.getByRole('combobox', { name: l.kind, exact: true }).selectOption({ label: l.reply })
      await templates.getByRole('button', { name: l.preview }).click()
      await expect(templates.getByTitle(l.htmlPart).contentFrame().locator('blockquote')).toBeVisible()
      await templates.getByRole('combobox', { name: l.kind, exact: true }).scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${screenshotsDir}/mail-templates-${language}-${viewport.width}.png` })
      await templates.getByTitle(l.htmlPart).scrollIntoViewIfNeeded()
      await expect(templates.getByTitle(l.htmlPart).contentFrame().locator('blockquote')).toBeInViewport()
      await page.screenshot({ path: `${screenshotsDir}/mail-preview-${language}-${viewport.width}.png` })
      await area.getByRole('button', { name: l.close }).last().click()
      if (language === 'English') await page.getByLabel('Language').selectOption({ label: 'Deutsch' })
    }
    await context.close()
  }
})
