import type { Page } from '@playwright/test'
import { findTicket } from '../../src/hub/tickets/repository'
import { exposeDesktopBridge } from '../support/desktopBridge'
import { expect, test, type HubFixture } from './fixtures'
import { signedIn } from './pages/ConsolePage'

/** Administration → Customers → the customer, as an admin opens it. */
async function openCustomer(page: Page, name: string) {
  await page.getByRole('button', { name: 'Administration' }).click()
  const area = page.getByRole('dialog', { name: 'Administration' })
  await area.getByRole('tab', { name: 'Customers' }).click()
  await area
    .getByRole('list', { name: 'Customers' })
    .getByRole('button', { name: new RegExp(name) })
    .click()
  await expect(area.getByRole('heading', { level: 3, name })).toBeVisible()
  return area
}

/** Creates an enrolment link in the Console and reads it off the screen, where it is shown once. */
async function createEnrolmentLink(page: Page, hub: HubFixture, label: string) {
  await signedIn(page, hub.url, hub.login('admin'))
  const area = await openCustomer(page, 'Müller GmbH')
  await area.getByRole('button', { name: 'New enrolment link' }).click()
  const form = area.getByRole('form', { name: 'New enrolment link' })
  await form.getByLabel('Name (e.g. "Berlin office laptops")').fill(label)
  await form.getByRole('button', { name: 'Create link' }).click()
  const shown = area.getByRole('status', { name: 'New enrolment link' })
  const link = await shown.getByLabel('Get Help link').inputValue()
  expect(link).toMatch(new RegExp(`^${hub.url}/gethelp#enrol=[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$`))
  await expect(area.getByRole('list', { name: 'Get Help enrolment' }).getByText(label)).toBeVisible()
  return { area, link }
}

test('an admin creates a customer’s enrolment link in the Console; Get Help opened from that link files a ticket under that customer with the contact and the device linked', async ({
  page,
  hub,
  browser,
}) => {
  const { link } = await createEnrolmentLink(page, hub, 'Berlin office laptops')

  // Desktop Get Help (the real main-process services behind the page), opened from the link.
  const user = await (await browser.newContext()).newPage()
  const bridge = await exposeDesktopBridge(user, 'gethelp', hub.url)
  await user.goto(link)
  await expect(user.getByText('Get Help for Müller GmbH — Demo Organisation')).toBeVisible()
  await user.getByRole('button', { name: 'Get help' }).click()
  await user.getByLabel('Your name').fill('Erika Schmidt')
  await user.getByLabel('Your e-mail address (optional)').fill('erika.schmidt@mueller.example')
  await user.getByLabel('Describe the problem in your own words').fill('Excel closes when I open the invoice list')
  await user.getByRole('button', { name: 'Continue' }).click()
  await expect(user.getByRole('heading', { name: 'This is what will be sent' })).toBeVisible({ timeout: 20_000 })
  await user.getByRole('button', { name: 'Send' }).click()
  await expect(user.getByText('Your ticket number is T-000001.')).toBeVisible()

  const [row] = await hub.hub.db.query<{ id: string; organisation_id: string }>(
    'select id, organisation_id from tickets',
  )
  const ticket = (await findTicket(hub.hub.db, row!.organisation_id, row!.id))!
  const [customer] = await hub.hub.db.query<{ id: string }>("select id from customers where name = 'Müller GmbH'")
  const [contact] = await hub.hub.db.query<{ id: string }>(
    "select id from contacts where email = 'erika.schmidt@mueller.example'",
  )
  expect(ticket.links).toMatchObject({ customerId: customer!.id, contactId: contact!.id })
  const [device] = await hub.hub.db.query<{ customer_id: string; contact_id: string | null }>(
    'select customer_id, contact_id from devices where id = $1',
    [ticket.links!.deviceId],
  )
  expect(device).toEqual({ customer_id: customer!.id, contact_id: contact!.id })

  // The desktop app kept its enrolment in main's user data: a new window of it is still enrolled.
  const again = await (await browser.newContext()).newPage()
  await exposeDesktopBridge(again, 'gethelp', hub.url, { userData: bridge.userData })
  await again.goto(`${hub.url}/gethelp`)
  await expect(again.getByText('Get Help for Müller GmbH — Demo Organisation')).toBeVisible()
})

test('unenrolled Get Help says whom to ask; a revoked link stops working', async ({ page, hub, browser }) => {
  // Plain /gethelp, never enrolled: no guess at an organisation.
  const stranger = await (await browser.newContext()).newPage()
  await stranger.goto(`${hub.url}/gethelp`)
  await expect(stranger.getByRole('heading', { name: 'Get Help is not set up for your company yet' })).toBeVisible()
  await expect(stranger.getByText(/Ask your IT support, or the service desk that gave you Get Help/)).toBeVisible()
  await expect(stranger.getByRole('button', { name: 'Get help', exact: true })).toHaveCount(0)
  await stranger.getByLabel('Enrolment code').fill('AAAA-BBBB-CCCC-DDDD')
  await stranger.getByRole('button', { name: 'Set up Get Help' }).click()
  await expect(stranger.getByText('This code does not work.', { exact: false })).toBeVisible()
  // The right code typed in lower case without dashes enrols it.
  await stranger.getByLabel('Enrolment code').fill(hub.enrolmentCode.toLowerCase().replace(/-/g, ''))
  await stranger.getByRole('button', { name: 'Set up Get Help' }).click()
  await expect(stranger.getByText('Get Help for Müller GmbH — Demo Organisation')).toBeVisible()

  // A user enrolled from a link the admin then revokes.
  const { area, link } = await createEnrolmentLink(page, hub, 'Temporary staff')
  const user = await (await browser.newContext()).newPage()
  await user.goto(link)
  await expect(user.getByText('Get Help for Müller GmbH — Demo Organisation')).toBeVisible()
  await user.getByRole('button', { name: 'Get help' }).click()
  await user.getByLabel('Your name').fill('Peter Keller')
  await user.getByLabel('Describe the problem in your own words').fill('The printer on floor 2 jams')
  await user.getByRole('button', { name: 'Continue' }).click()

  await area.getByRole('button', { name: 'Revoke enrolment Temporary staff' }).click()
  await area.getByRole('group', { name: 'Confirm revoking' }).getByRole('button', { name: 'Revoke now' }).click()
  await expect(
    area.getByRole('list', { name: 'Get Help enrolment' }).getByText('Revoked', { exact: true }),
  ).toBeVisible()

  await user.getByRole('button', { name: 'Send' }).click()
  await expect(user.getByRole('heading', { name: 'Get Help is not set up for your company yet' })).toBeVisible()
  await expect(
    user.getByText('Demo Organisation withdrew this Get Help set-up for Müller GmbH.', { exact: false }),
  ).toBeVisible()
  expect(await hub.hub.db.query('select 1 from tickets')).toHaveLength(0)
  // Opening the link again, elsewhere, does not bring it back.
  const later = await (await browser.newContext()).newPage()
  await later.goto(link)
  await expect(later.getByRole('heading', { name: 'Get Help is not set up for your company yet' })).toBeVisible()
  await expect(later.getByText('This Get Help link was withdrawn.', { exact: false })).toBeVisible()
})
