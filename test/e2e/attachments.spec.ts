import { mkdirSync, readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

/** Set `SCREENSHOTS_DIR` to keep the composer and timeline with attachments at both sizes, in both languages. */
const screenshotsDir = process.env.SCREENSHOTS_DIR

const logText = 'VPN drops every 10 minutes\nerror 809\n'

/** Pastes an image into the focused message box, as Ctrl+V with a screenshot on the clipboard does. */
async function pasteScreenshot(page: Page) {
  await page.getByRole('textbox', { name: /^(Message|Nachricht)$/ }).evaluate(async (box) => {
    // A small "screen": a window with a title bar and an error line, drawn as PNG.
    const canvas = document.createElement('canvas')
    canvas.width = 320
    canvas.height = 200
    const g = canvas.getContext('2d')!
    g.fillStyle = '#dfe6ef'
    g.fillRect(0, 0, 320, 200)
    g.fillStyle = '#1d5fbf'
    g.fillRect(20, 20, 280, 24)
    g.fillStyle = '#ffffff'
    g.fillRect(20, 44, 280, 130)
    g.fillStyle = '#b00020'
    g.font = '16px sans-serif'
    g.fillText('VPN error 809', 40, 100)
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'))
    const data = new DataTransfer()
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }))
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  })
}

test('an agent attaches a file and pastes a screenshot into a reply; the timeline shows both and the file downloads', async ({
  page,
  hub,
}) => {
  const desk = await signedIn(page, hub.url, hub.login('agent'))
  await desk.newCall('Uwe User', 'VPN keeps dropping')
  // Files go to the hub first: wait until the new ticket has reached it (it has its number then).
  await expect(page.getByRole('heading', { level: 2, name: /^T-\d+ · VPN keeps dropping/ })).toBeVisible()

  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach file' }).click()
  await (await chooser).setFiles({ name: 'vpn-log.txt', mimeType: 'text/plain', buffer: Buffer.from(logText) })
  const chips = page.getByRole('list', { name: 'Files for this message' })
  await expect(chips.getByText('vpn-log.txt')).toBeVisible()

  await pasteScreenshot(page)
  await expect(chips.getByText(/^screenshot-\d{8}-\d{6}\.png/)).toBeVisible()
  // Taking a chip off leaves it out of the reply.
  await pasteScreenshot(page)
  await expect(chips.getByRole('listitem')).toHaveCount(3)
  await chips
    .getByRole('button', { name: /^Remove screenshot-/ })
    .last()
    .click()
  await expect(chips.getByRole('listitem')).toHaveCount(2)

  await page.getByRole('textbox', { name: 'Message' }).fill('Please send me the log once more after the update.')
  await page.getByRole('button', { name: 'Send public reply' }).click()
  await expect(chips).toHaveCount(0)

  const timeline = page.getByRole('region', { name: 'Timeline' })
  const files = timeline.getByRole('list', { name: 'Attachments' })
  await expect(files.getByRole('listitem')).toHaveCount(2)
  await expect(files.getByText('vpn-log.txt')).toBeVisible()
  const thumbnail = files.getByRole('img', { name: /^screenshot-\d{8}-\d{6}\.png$/ })
  await expect(thumbnail).toBeVisible()
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)

  const download = page.waitForEvent('download')
  await files.getByRole('button', { name: 'Download vpn-log.txt' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('vpn-log.txt')
  expect(readFileSync((await file.path())!, 'utf8')).toBe(logText)

  if (screenshotsDir) {
    mkdirSync(screenshotsDir, { recursive: true })
    // The composer with chips, and the timeline with the reply's files, in both languages and sizes.
    const chooserAgain = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Attach file' }).click()
    await (
      await chooserAgain
    ).setFiles({
      name: 'Netzwerkprotokoll vom Standort Hamburg.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(logText),
    })
    await pasteScreenshot(page)
    await expect(chips.getByRole('listitem')).toHaveCount(2)
    for (const language of ['en', 'de'] as const) {
      if (language === 'de') await page.getByRole('combobox', { name: 'Language' }).selectOption('de')
      for (const size of [
        { width: 1280, height: 720 },
        { width: 1440, height: 900 },
      ]) {
        await page.setViewportSize(size)
        const name = `${language}-${size.width}x${size.height}.png`
        await page.getByRole('list', { name: language === 'en' ? 'Attachments' : 'Anhänge' }).scrollIntoViewIfNeeded()
        await page.screenshot({ path: `${screenshotsDir}/attachments-timeline-${name}` })
        await page
          .getByRole('list', { name: language === 'en' ? 'Files for this message' : 'Dateien zu dieser Nachricht' })
          .scrollIntoViewIfNeeded()
        await page.screenshot({ path: `${screenshotsDir}/attachments-composer-${name}` })
      }
    }
  }

  // A file over the hub's limit (10 MiB by default) is refused by name.
  const bigChooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach file' }).click()
  await (
    await bigChooser
  ).setFiles({ name: 'memory.dmp', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) })
  await expect(page.getByRole('alert').filter({ hasText: 'memory.dmp' })).toHaveText(
    'memory.dmp is larger than the hub accepts for one file.',
  )

  // Offline, nothing is attached: the agent is told, and the reply can still go without the file.
  await page.getByRole('combobox', { name: /^(Language|Sprache)$/ }).selectOption('en')
  await page.context().setOffline(true)
  const offlineChooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach file' }).click()
  await (await offlineChooser).setFiles({ name: 'later.txt', mimeType: 'text/plain', buffer: Buffer.from('later') })
  await expect(page.getByRole('alert').filter({ hasText: 'later.txt' })).toHaveText(
    'Attaching needs a connection to the hub; later.txt was not attached. The text can be sent without it.',
  )
  await expect(page.getByRole('list', { name: 'Files for this message' }).getByText('later.txt')).toHaveCount(0)
  await page.context().setOffline(false)
})
