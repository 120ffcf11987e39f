import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { fixtureSnapshot } from '../../src/shared/diagnostics/fixtures'
import { upsertDeviceFromSnapshot } from '../../src/hub/people/service'
import { expect, test, type HubFixture } from './fixtures'
import { signedIn } from './pages/ConsolePage'

/** Set `SCREENSHOTS_DIR` to keep screenshots of the views at both sizes and in both languages. */
const screenshotsDir = process.env.SCREENSHOTS_DIR

async function screenshots(page: Page, name: string, languages: { en: () => Promise<void>; de: () => Promise<void> }) {
  if (!screenshotsDir) return
  mkdirSync(screenshotsDir, { recursive: true })
  for (const language of ['en', 'de'] as const) {
    await languages[language]()
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(size)
      await page.screenshot({ path: `${screenshotsDir}/${name}-${language}-${size.width}x${size.height}.png` })
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 })
}

const longDays = [{ from: '07:00', to: '19:00' }]
const contractHours = {
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    monday: longDays,
    tuesday: longDays,
    wednesday: longDays,
    thursday: longDays,
    friday: longDays,
    saturday: [],
    sunday: [],
  },
  holidays: [],
}
// A week to resolve, whatever the priority (the logged call is the first response): far from the organisation's targets.
const week = { firstResponse: null, resolution: { minutes: 7 * 24 * 60, clock: 'around_the_clock' } }

async function muellerWithContract(hub: HubFixture) {
  const admin = await hub.api('admin')
  const post = <T>(path: string, body: unknown, status = 201): Promise<T> => admin.json<T>('POST', path, body, status)
  const { customer } = await post<{ customer: { id: string } }>('/api/customers', {
    name: 'Weber Maschinenbau GmbH',
    domains: ['weber-mb.example'],
    locations: [],
    calendar: null,
    notes: '',
  })
  const peter = await post<{ id: string }>(`/api/customers/${customer.id}/contacts`, {
    name: 'Peter Keller',
    email: 'peter@weber-mb.example',
    phone: '+49 89 5566778',
    language: 'de',
  })
  await post(`/api/customers/${customer.id}/contracts`, {
    name: 'Managed Plus',
    validFrom: '2020-01-01',
    validUntil: null,
    serviceHours: contractHours,
    slaPolicy: { P1: week, P2: week, P3: week, P4: week, P5: week },
    secondLevel: false,
    scope: {
      clients: { all: true, groups: [], systems: [] },
      servers: { all: false, groups: [], systems: [] },
      actions: { view: true, control: true, unattended: false },
    },
    technicalContactId: null,
  })
  return { post, customerId: customer.id, peterId: peter.id }
}

test("the New call dialog finds the caller by phone, the ticket is filed with the customer linked and its SLA clock follows the customer's contract hours", async ({
  page,
  hub,
}) => {
  const { post, customerId, peterId } = await muellerWithContract(hub)
  const device = await post<{ id: string }>(`/api/customers/${customerId}/devices`, {
    name: 'WEB-NB-004',
    kind: 'client',
    group: null,
    contactId: peterId,
    model: 'ThinkPad T14',
    serial: null,
    os: 'Windows 11',
  })
  const desk = await signedIn(page, hub.url, hub.login('agent'))

  await page.getByRole('button', { name: 'New call' }).click()
  const call = page.getByRole('dialog', { name: 'New call' })
  await call.getByLabel('Phone').fill('089 5566778')
  const peter = call
    .getByRole('region', { name: 'Known callers' })
    .getByRole('listitem', { name: 'Peter Keller, Weber Maschinenbau GmbH' })
  await peter.getByRole('button', { name: 'Use Peter Keller' }).click()
  const link = call.getByRole('group', { name: 'Linked caller' })
  await expect(link.getByRole('status')).toHaveText('The ticket is filed for Peter Keller of Weber Maschinenbau GmbH.')
  // His only device is the one the call is about.
  await expect(link.getByRole('combobox', { name: 'Device the call is about' })).toHaveValue(device.id)
  await expect(call.getByLabel('Device', { exact: true })).toHaveValue('WEB-NB-004')
  await call.getByLabel('Subject').fill('Docking station not detected')
  await call.getByRole('button', { name: 'Create ticket' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Docking station not detected/ })).toBeVisible()

  // The clocks count by the contract: a week to resolve, no first-response target, in its service hours.
  const pane = page.getByRole('main').filter({ has: page.getByRole('heading', { level: 2 }) })
  await expect(pane.getByTestId('sla-rules')).toHaveText(
    /^SLA: Weber Maschinenbau GmbH · contract Managed Plus · Mon–Fri 07:00–19:00/,
  )
  await expect(pane.getByRole('listitem').filter({ hasText: 'Resolution:' })).toHaveText('Resolution: due in 7 days')
  await expect(pane.getByRole('listitem').filter({ hasText: 'First response:' })).toHaveText(
    'First response: no target',
  )
  // The queue's due date agrees with the ticket's clock.
  await expect(desk.ticketOption('Docking station not detected')).toContainText('due in 7 days')
  await expect(desk.syncStatus()).toHaveText('Up to date')
  const [stored] = await hub.hub.db.query<{ links: unknown }>(
    "select data->'links' as links from tickets where data->>'subject' = 'Docking station not detected'",
  )
  expect(stored!.links).toEqual({ customerId, contactId: peterId, deviceId: device.id })

  // The customer card names the linked device, one click from its view.
  const customerCard = page.getByRole('region', { name: 'Customer' })
  await expect(customerCard).toContainText('Managed Plus')
  await customerCard.getByRole('button', { name: 'Device WEB-NB-004' }).click()
  const view = page.getByRole('dialog', { name: 'Device WEB-NB-004' })
  await expect(view.getByRole('list', { name: 'Open tickets' })).toContainText('Docking station not detected')
  await view.getByRole('button', { name: 'Close' }).click()
  await screenshots(page, 'ticket-sla', {
    en: async () => undefined,
    de: async () => {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('de')
      await expect(pane.getByTestId('sla-rules')).toHaveText(
        /^SLA: Weber Maschinenbau GmbH · Vertrag Managed Plus · Mo–Fr/,
      )
    },
  })
  if (screenshotsDir) await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en')

  // Someone else on the line: once the agent types another name, the ticket is not linked to Peter.
  await page.getByRole('button', { name: 'New call' }).click()
  await call.getByLabel('Phone').fill('089 5566778')
  await peter.getByRole('button', { name: 'Use Peter Keller' }).click()
  await expect(link).toBeVisible()
  await call.getByLabel('Caller name').fill('Anna Schmidt')
  await call.getByLabel('Phone').fill('')
  await expect(link).toHaveCount(0)
  await call.getByLabel('Subject').fill('Printer at reception')
  await call.getByRole('button', { name: 'Create ticket' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Printer at reception/ })).toBeVisible()
  await expect(pane.getByTestId('sla-rules')).toHaveText(/^SLA: standard targets · Mon–Fri 08:00–17:00/)
  await expect(desk.syncStatus()).toHaveText('Up to date')
  const [unlinked] = await hub.hub.db.query<{ links: unknown }>(
    "select data->'links' as links from tickets where data->>'subject' = 'Printer at reception'",
  )
  expect(unlinked!.links).toBeNull()
})

test('an agent opens a device from the customer and sees its tickets and snapshots', async ({ page, hub }) => {
  const { post, customerId, peterId } = await muellerWithContract(hub)
  const organisationId = (
    await hub.hub.db.query<{ organisation_id: string }>('select organisation_id from customers where id = $1', [
      customerId,
    ])
  )[0]!.organisation_id
  // A ticket filed from Get Help with two snapshots of Peter's laptop, a day apart.
  const ticketId = randomUUID()
  await post<{ results: Array<{ status: string }> }>(
    '/api/sync/push',
    {
      commands: [
        {
          type: 'create_ticket',
          commandId: randomUUID(),
          ticketId,
          baseVersion: null,
          deviceTime: new Date().toISOString(),
          payload: {
            subject: 'Laptop runs hot',
            description: '',
            channel: 'phone',
            requester: { name: 'Peter Keller', email: 'peter@weber-mb.example', phone: null, device: null },
            type: 'incident',
            category: 'hardware',
            impact: 'low',
            urgency: 'low',
          },
        },
      ],
    },
    200,
  )
  const snapshot = fixtureSnapshot()
  for (const [i, at] of ['2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z'].entries()) {
    const snapshotId = randomUUID()
    await hub.hub.db.query(
      "insert into diagnostics (id, organisation_id, ticket_id, kind, data) values ($1, $2, $3, 'desktop', '{}')",
      [snapshotId, organisationId, ticketId],
    )
    await hub.hub.db.transaction((tx) =>
      upsertDeviceFromSnapshot(tx, organisationId, {
        customerId,
        contactId: i === 0 ? peterId : null,
        snapshotId,
        snapshot,
        at: new Date(at),
      }),
    )
  }

  await signedIn(page, hub.url, hub.login('admin'))
  await page.getByRole('button', { name: 'Administration' }).click()
  const area = page.getByRole('dialog', { name: 'Administration' })
  await area.getByRole('tab', { name: 'Customers' }).click()
  await area
    .getByRole('list', { name: 'Customers' })
    .getByRole('button', { name: /Weber Maschinenbau GmbH/ })
    .click()
  await area.getByRole('table', { name: 'Devices' }).getByRole('button', { name: 'pc-0042' }).click()

  const view = page.getByRole('dialog', { name: 'Device pc-0042' })
  await expect(view).toContainText('Peter Keller')
  await expect(view).toContainText('Ubuntu 24.04.1 LTS')
  await expect(view.getByText('Covered by the contract Managed Plus: viewing the screen, control')).toBeVisible()
  const snapshots = view.getByRole('table', { name: 'Snapshots over time' })
  await expect(snapshots.getByRole('row')).toHaveCount(3)
  await expect(view.getByRole('list', { name: 'Open tickets' })).toContainText('Laptop runs hot')

  await screenshots(page, 'device-view', {
    en: async () => undefined,
    de: async () => {
      // The header's language switch sits behind the modal dialogs.
      await view.getByRole('button', { name: 'Close' }).click()
      await area.getByRole('button', { name: 'Close' }).click()
      await page.getByRole('combobox', { name: 'Language' }).selectOption('de')
      await page.getByRole('button', { name: 'Verwaltung' }).click()
      const bereich = page.getByRole('dialog', { name: 'Verwaltung' })
      await bereich.getByRole('tab', { name: 'Kunden' }).click()
      await bereich
        .getByRole('list', { name: 'Kunden' })
        .getByRole('button', { name: /Weber Maschinenbau GmbH/ })
        .click()
      await bereich.getByRole('table', { name: 'Geräte' }).getByRole('button', { name: 'pc-0042' }).click()
      await expect(page.getByRole('dialog', { name: 'Gerät pc-0042' })).toContainText('Abgedeckt durch den Vertrag')
      await expect(page.getByRole('dialog', { name: 'Gerät pc-0042' }).getByRole('row')).toHaveCount(3)
    },
  })

  // One click opens the ticket in the workspace.
  const shown = page.getByRole('dialog', { name: /^(Device|Gerät) pc-0042$/ })
  await shown
    .getByRole('list', { name: /^(Open tickets|Offene Tickets)$/ })
    .getByRole('button', { name: /Laptop runs hot/ })
    .click()
  await expect(shown).toHaveCount(0)
  await expect(page.getByRole('dialog', { name: /^(Administration|Verwaltung)$/ })).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 2, name: /Laptop runs hot/ })).toBeVisible()
})
