import { startTestOidcProvider } from '../../src/hub/signIn/oidcProvider.testing'
import {
  slapdBinary,
  startSlapd,
  testDirectory,
  testDirectoryLdif,
  testDirectorySettings,
} from '../../src/hub/signIn/slapd.testing'
import type { Page } from '@playwright/test'
import { exposeDesktopBridge } from '../support/desktopBridge'
import { expect, test, type HubFixture } from './fixtures'
import { ConsolePage, signedIn } from './pages/ConsolePage'

test('an admin adds an OpenID provider; a person signs in through it and lands in the role of their group', async ({
  browser,
  hub,
}) => {
  const idp = await startTestOidcProvider({
    redirectUris: [`${hub.url}/api/auth/oidc/callback`],
    users: {
      ada: { password: 'ada-pass', email: 'ada@example.com', name: 'Ada Lovelace', groups: ['it-2nd-level'] },
    },
  })
  try {
    const adminContext = await browser.newContext()
    const adminPage = await adminContext.newPage()
    await signedIn(adminPage, hub.url, hub.login('admin'))
    await adminPage.getByRole('button', { name: 'Administration' }).click()
    const area = adminPage.getByRole('dialog', { name: 'Administration' })
    await area.getByRole('tab', { name: 'Sign-in' }).click()
    await expect(area.getByText(`${hub.url}/api/auth/oidc/callback`)).toBeVisible()
    await area.getByRole('button', { name: 'Add a provider' }).click()
    const form = area.getByRole('form', { name: 'Add a provider' })
    await form.getByLabel('Name on the sign-in button').fill('Test directory')
    await form.getByLabel('Issuer URL').fill(idp.issuer)
    await form.getByLabel('Client ID').fill(idp.clientId)
    await form.getByLabel('Client secret').fill(idp.clientSecret)
    await form.getByLabel('Scopes').fill('openid email profile groups')
    await form.getByLabel('Gives the role 2nd-level specialist').fill('it-2nd-level')
    await form.getByRole('button', { name: 'Save provider' }).click()
    await expect(area.getByRole('status')).toHaveText('Provider Test directory saved.')
    await adminContext.close()

    const context = await browser.newContext()
    const page = await context.newPage()
    const console = new ConsolePage(page, hub.url)
    await console.open()
    await page.getByRole('link', { name: 'Sign in with Test directory' }).click()
    await page.getByLabel('Username').fill('ada')
    await page.getByLabel('Password').fill('ada-pass')
    await page.getByRole('button', { name: 'Sign in at the provider' }).click()
    await page.getByRole('button', { name: 'Allow' }).click()
    await console.expectSignedIn()
    await expect(page.getByText('Ada Lovelace (2nd-level specialist)')).toBeVisible()
    // The one-time code is gone from the address.
    expect(new URL(page.url()).hash).toBe('')
    await context.close()
  } finally {
    await idp.close()
  }
})

test('a person none of whose groups has a role is told so on the sign-in screen', async ({ page, hub }) => {
  const idp = await startTestOidcProvider({
    redirectUris: [`${hub.url}/api/auth/oidc/callback`],
    users: { mallory: { password: 'mallory-pass', email: 'mallory@example.com', name: 'Mallory', groups: ['sales'] } },
  })
  try {
    await addTestProvider(hub, idp, [{ value: 'it-1st-level', role: 'agent' }])
    const console = new ConsolePage(page, hub.url)
    await console.open()
    await page.getByRole('link', { name: 'Sign in with Test directory' }).click()
    await page.getByLabel('Username').fill('mallory')
    await page.getByLabel('Password').fill('mallory-pass')
    await page.getByRole('button', { name: 'Sign in at the provider' }).click()
    await page.getByRole('button', { name: 'Allow' }).click()
    await expect(page.getByRole('alert')).toHaveText(/none of your groups gives you a role/)
    await expect(page.getByLabel('E-mail address')).toBeVisible()
  } finally {
    await idp.close()
  }
})

test('a directory user signs in with the e-mail and password form through LDAP', async ({ page, hub }) => {
  test.skip(!slapdBinary(), 'slapd is not installed (apt-get install slapd ldap-utils)')
  const directory = (await startSlapd({
    suffix: testDirectory.suffix,
    rootPassword: 'root-secret',
    ldif: testDirectoryLdif,
  }))!
  try {
    const admin = await hub.api('admin')
    const saved = await admin.send('PUT', '/api/admin/sign-in/ldap', testDirectorySettings(directory.url))
    expect(saved.status).toBe(200)
    const console = new ConsolePage(page, hub.url)
    await console.open()
    await console.signIn(testDirectory.users.lena.email, testDirectory.users.lena.password)
    await console.expectSignedIn()
    await expect(page.getByText('Lena Berg (1st-level agent)')).toBeVisible()
  } finally {
    await directory.stop()
  }
})

/** A provider for the loopback test directory, added through the hub's API as the demo admin would. */
async function addTestProvider(
  hub: HubFixture,
  idp: { issuer: string; clientId: string; clientSecret: string },
  roleMappings = [{ value: 'it-2nd-level', role: 'specialist' }],
) {
  const admin = await hub.api('admin')
  const created = await admin.send('POST', '/api/admin/sign-in/oidc-providers', {
    displayName: 'Test directory',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: 'openid email profile groups',
    roleClaim: 'groups',
    roleMappings,
    emailDomains: [],
    createAccounts: true,
  })
  expect(created.status).toBe(201)
}

test('the desktop Console signs in through the system browser and a loopback listener', async ({ browser, hub }) => {
  const idp = await startTestOidcProvider({
    redirectUris: [`${hub.url}/api/auth/oidc/callback`],
    users: {
      ada: { password: 'ada-pass', email: 'ada@example.com', name: 'Ada Lovelace', groups: ['it-2nd-level'] },
    },
  })
  // The system browser: a browser of its own, with its own cookies, that main only opens.
  const systemBrowser = await browser.newContext()
  try {
    await addTestProvider(hub, idp)
    const opened: Page[] = []
    const context = await browser.newContext()
    const page = await context.newPage()
    await exposeDesktopBridge(page, 'console', hub.url, {
      openSystemBrowser: async (url) => {
        const tab = await systemBrowser.newPage()
        opened.push(tab)
        void tab.goto(url).catch(() => undefined)
      },
    })
    const console = new ConsolePage(page, hub.url)
    await console.open()

    // A first attempt, cancelled from the Console.
    await page.getByRole('button', { name: 'Sign in with Test directory' }).click()
    const waiting = page.getByRole('status').filter({ hasText: 'Continue in your web browser' })
    await expect(waiting).toBeVisible()
    await page.getByRole('button', { name: 'Cancel sign-in' }).click()
    await expect(waiting).toBeHidden()

    // The second one goes through.
    await page.getByRole('button', { name: 'Sign in with Test directory' }).click()
    await expect.poll(() => opened.length).toBe(2)
    const tab = opened[1]!
    await tab.getByLabel('Username').fill('ada')
    await tab.getByLabel('Password').fill('ada-pass')
    await tab.getByRole('button', { name: 'Sign in at the provider' }).click()
    await tab.getByRole('button', { name: 'Allow' }).click()
    await expect(tab.getByText('You can close this window and return to Firstline.')).toBeVisible()
    expect(new URL(tab.url()).hostname).toBe('127.0.0.1')
    await console.expectSignedIn()
    await expect(page.getByText('Ada Lovelace (2nd-level specialist)')).toBeVisible()
    await context.close()
  } finally {
    await systemBrowser.close()
    await idp.close()
  }
})

/** Set `SCREENSHOTS_DIR` to keep the desktop sign-in screen at both sizes in both languages for a look. */
const screenshotsDir = process.env.SCREENSHOTS_DIR
const screens = screenshotsDir
  ? ([
      ['en', { width: 1280, height: 720 }],
      ['en', { width: 1440, height: 900 }],
      ['de', { width: 1280, height: 720 }],
      ['de', { width: 1440, height: 900 }],
    ] as const)
  : ([['de', { width: 1280, height: 720 }]] as const)

for (const [language, size] of screens) {
  test(`the desktop sign-in waits for the browser in the chosen language (${language}, ${size.width}×${size.height})`, async ({
    browser,
    hub,
  }) => {
    const idp = await startTestOidcProvider({ redirectUris: [`${hub.url}/api/auth/oidc/callback`], users: {} })
    try {
      await addTestProvider(hub, idp)
      const context = await browser.newContext({ viewport: size, locale: language === 'de' ? 'de-DE' : 'en-US' })
      const page = await context.newPage()
      await exposeDesktopBridge(page, 'console', hub.url, { openSystemBrowser: async () => undefined })
      await new ConsolePage(page, hub.url).open()
      if (language === 'de') await page.getByRole('combobox').selectOption('de')
      const ssoButton = page.getByRole('button', {
        name: language === 'de' ? 'Anmelden mit Test directory' : 'Sign in with Test directory',
      })
      await ssoButton.click()
      await expect(page.getByRole('status')).toBeVisible()
      await expect(page.getByRole('button', { name: language === 'de' ? /abbrechen/i : /cancel/i })).toBeVisible()
      if (screenshotsDir) {
        await page.screenshot({ path: `${screenshotsDir}/desktop-sso-${language}-${size.width}x${size.height}.png` })
      }
      await context.close()
    } finally {
      await idp.close()
    }
  })
}
