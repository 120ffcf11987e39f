import { expect, test } from './fixtures'
import { ConsolePage } from './pages/ConsolePage'

test('the demo agent signs in to the web Console and sees an empty queue, online', async ({ page, hub }) => {
  const console = new ConsolePage(page, hub.url)
  const agent = hub.login('agent')
  await console.open()
  await console.signIn(agent.email, agent.password)
  await console.expectSignedIn()
  await expect(console.queue().getByText('Your queue is empty.')).toBeVisible()
  await expect(page.getByText(`${agent.displayName} (1st-level agent)`)).toBeVisible()
  await expect(console.connectionStatus()).toHaveText('Connected to the hub')
})

test('a wrong password gets a clear error and no session', async ({ page, hub }) => {
  const console = new ConsolePage(page, hub.url)
  await console.open()
  await console.signIn(hub.login('agent').email, 'not-the-password')
  await expect(page.getByRole('alert')).toHaveText('E-mail address or password is wrong.')
  await expect(console.queue()).toHaveCount(0)
  expect(await page.evaluate(() => localStorage.getItem('firstline.session'))).toBeNull()
})

test('the session survives a reload, and signing out ends it on the hub', async ({ page, hub }) => {
  const console = new ConsolePage(page, hub.url)
  const agent = hub.login('agent')
  await console.open()
  await console.signIn(agent.email, agent.password)
  await console.expectSignedIn()
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('firstline.session')!).token as string)
  await page.reload()
  await console.expectSignedIn()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  const me = await page.request.get(`${hub.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
  expect(me.status()).toBe(401)
})

test('the Console switches between English and German', async ({ page, hub }) => {
  const console = new ConsolePage(page, hub.url)
  await console.open()
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de')
  await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
})

test.describe('with a German browser', () => {
  test.use({ locale: 'de-DE' })
  test('the Console follows the system language by default', async ({ page, hub }) => {
    await page.goto(`${hub.url}/`)
    await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible()
  })
})

test('Get Help shows the customer and organisation it is enrolled for and one large button', async ({ page, hub }) => {
  await page.goto(hub.getHelpUrl)
  await expect(page.getByText('Get Help for Müller GmbH — Demo Organisation')).toBeVisible()
  // The code leaves the address bar at once, so it is not bookmarked or passed on with the page.
  expect(page.url()).toBe(`${hub.url}/gethelp`)
  await expect(page.getByRole('button', { name: 'Get help' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de')
  await expect(page.getByRole('button', { name: 'Hilfe holen' })).toBeVisible()
})

test('the status bar shows the hub going away and coming back', async ({ page, hub }) => {
  const console = new ConsolePage(page, hub.url)
  const agent = hub.login('agent')
  await console.open()
  await console.signIn(agent.email, agent.password)
  await expect(console.connectionStatus()).toHaveText('Connected to the hub')
  hub.hub.realtime.closeAll()
  await expect(console.connectionStatus()).toHaveText('Hub unreachable: working offline, retrying')
  await expect(console.connectionStatus()).toHaveText('Connected to the hub')
})
