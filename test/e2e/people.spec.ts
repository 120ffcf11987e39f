import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

/** Administration → Customers, as an admin opens it. */
async function openCustomers(page: Page, names = { admin: 'Administration', tab: 'Customers' }) {
  await page.getByRole('button', { name: names.admin }).click()
  const area = page.getByRole('dialog', { name: names.admin })
  await area.getByRole('tab', { name: names.tab }).click()
  return area
}

test('an admin records a customer with a contact and contracts; the New call dialog finds the caller by phone with their tickets', async ({
  page,
  hub,
}) => {
  const desk = await signedIn(page, hub.url, hub.login('admin'))

  // A customer with its e-mail domain.
  const area = await openCustomers(page)
  await area.getByRole('button', { name: 'New customer' }).click()
  const customerForm = area.getByRole('form', { name: 'New customer' })
  await customerForm.getByLabel('Customer name').fill('Hofmann Logistik GmbH')
  await customerForm.getByLabel('E-mail domains').fill('hofmann.example')
  await customerForm.getByRole('button', { name: 'Create customer' }).click()
  await expect(area.getByRole('heading', { level: 3, name: 'Hofmann Logistik GmbH' })).toBeVisible()
  await expect(
    area.getByRole('list', { name: 'Customers' }).getByRole('button', { name: /Hofmann Logistik GmbH/ }),
  ).toBeVisible()

  // Its technical person.
  await area.getByRole('button', { name: 'New contact' }).click()
  const contactForm = area.getByRole('form', { name: 'New contact' })
  await contactForm.getByLabel('Name').fill('Tobias Brandt')
  await contactForm.getByLabel('Position').fill('IT administrator')
  await contactForm.getByLabel('Phone').fill('+49 40 778899-0')
  await contactForm.getByLabel('E-mail').fill('tobias.brandt@hofmann.example')
  await contactForm.getByRole('button', { name: 'Add contact' }).click()
  const contacts = area.getByRole('list', { name: 'Contacts' })
  await expect(contacts.getByRole('link', { name: '+49 40 778899-0' })).toBeVisible()

  // A contract in force: every client, one named server, view and control, Tobias as technical contact.
  await area.getByRole('button', { name: 'New contract' }).click()
  const contractForm = area.getByRole('form', { name: 'New contract' })
  await contractForm.getByLabel('Contract name').fill('Managed workplace')
  await contractForm
    .getByRole('group', { name: 'Client systems' })
    .getByRole('checkbox', { name: 'All client systems' })
    .check()
  await contractForm.getByRole('group', { name: 'Server systems' }).getByLabel('Named systems').fill('srv-files01')
  await expect(contractForm.getByRole('checkbox', { name: 'View the screen' })).toBeChecked()
  await expect(contractForm.getByRole('checkbox', { name: 'Unattended access' })).not.toBeChecked()
  // 2nd level without a technical contact is refused before anything is sent.
  await contractForm.getByRole('button', { name: 'Create contract' }).click()
  await expect(contractForm.getByRole('alert')).toHaveText(/Technical contact: .*needs a technical contact/)
  await contractForm
    .getByRole('combobox', { name: 'Technical contact' })
    .selectOption({ label: 'Tobias Brandt (IT administrator)' })
  await contractForm.getByRole('button', { name: 'Create contract' }).click()
  const contracts = area.getByRole('list', { name: 'Contracts' })
  const inForce = contracts.getByRole('listitem').filter({ hasText: 'Managed workplace' })
  await expect(inForce.getByText('Active', { exact: true })).toBeVisible()
  await expect(inForce.getByText('systems srv-files01')).toBeVisible()
  await expect(inForce.getByRole('link', { name: '+49 40 778899-0' })).toHaveAttribute('href', 'tel:+49407788990')
  await expect(inForce.getByRole('link', { name: 'tobias.brandt@hofmann.example' })).toHaveAttribute(
    'href',
    'mailto:tobias.brandt@hofmann.example',
  )

  // Last year's contract shows as expired.
  await area.getByRole('button', { name: 'New contract' }).click()
  const oldForm = area.getByRole('form', { name: 'New contract' })
  await oldForm.getByLabel('Contract name').fill('Pilot 2020')
  await oldForm.getByLabel('Valid from').fill('2020-01-01')
  await oldForm.getByLabel(/^Valid until/).fill('2020-12-31')
  await oldForm.getByRole('checkbox', { name: /Covers 2nd-level work/ }).uncheck()
  await oldForm.getByRole('button', { name: 'Create contract' }).click()
  const expired = contracts.getByRole('listitem').filter({ hasText: 'Pilot 2020' })
  await expect(expired.getByText('Expired', { exact: true })).toBeVisible()
  await expect(expired.getByText('This contract has expired')).toBeVisible()

  // The audit log names what the admin did.
  await area.getByRole('tab', { name: 'Audit log' }).click()
  await expect(area.getByRole('row', { name: /Contract created.*Contract: Managed workplace/ })).toBeVisible()
  await area.getByRole('button', { name: 'Close' }).click()

  // Tobias calls: the first call becomes a ticket under his number.
  await page.getByRole('button', { name: 'New call' }).click()
  let call = page.getByRole('dialog', { name: 'New call' })
  await call.getByLabel('Caller name').fill('Tobias Brandt')
  await call.getByLabel('Phone').fill('+49 40 778899-0')
  await call.getByLabel('Subject').fill('File server share not reachable')
  await call.getByRole('button', { name: 'Create ticket' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /File server share not reachable/ })).toBeVisible()
  await expect(desk.syncStatus()).toHaveText('Up to date')

  // The ticket names his customer and contract, the technical contact one click away.
  const customer = page.getByRole('region', { name: 'Customer' })
  await expect(customer).toContainText('Hofmann Logistik GmbH')
  await expect(customer).toContainText('Managed workplace')
  await expect(customer.getByRole('link', { name: '+49 40 778899-0' })).toHaveAttribute('href', 'tel:+49407788990')

  // He calls again and the agent types his number the way it shows on the phone.
  await page.getByRole('button', { name: 'New call' }).click()
  call = page.getByRole('dialog', { name: 'New call' })
  await call.getByLabel('Phone').fill('040 7788990')
  const callers = call.getByRole('region', { name: 'Known callers' })
  const tobias = callers.getByRole('listitem', { name: 'Tobias Brandt, Hofmann Logistik GmbH' })
  await expect(tobias.getByRole('list', { name: 'Open tickets' })).toContainText('File server share not reachable')
  await tobias.getByRole('button', { name: 'Use Tobias Brandt' }).click()
  await expect(call.getByLabel('Caller name')).toHaveValue('Tobias Brandt')
  await expect(call.getByLabel('E-mail')).toHaveValue('tobias.brandt@hofmann.example')
  await expect(call.getByLabel('Phone')).toHaveValue('+49 40 778899-0')
  await expect(callers).toHaveCount(0)
  await call.getByRole('button', { name: 'Cancel' }).click()

  // German labels.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de')
  const bereich = await openCustomers(page, { admin: 'Verwaltung', tab: 'Kunden' })
  await bereich
    .getByRole('list', { name: 'Kunden' })
    .getByRole('button', { name: /Hofmann Logistik GmbH/ })
    .click()
  const vertraege = bereich.getByRole('list', { name: 'Verträge' })
  await expect(
    vertraege.getByRole('listitem').filter({ hasText: 'Pilot 2020' }).getByText('Abgelaufen', { exact: true }),
  ).toBeVisible()
  await expect(
    vertraege.getByRole('listitem').filter({ hasText: 'Managed workplace' }).getByText('Technischer Ansprechpartner'),
  ).toBeVisible()
  await expect(bereich.getByRole('button', { name: 'Neuer Kontakt' })).toBeVisible()
})

test('agents read the customer on a ticket but have no customer administration; without the hub the lookup says it needs it', async ({
  browser,
  hub,
}) => {
  const admin = await hub.api('admin')
  const post = (path: string, body: unknown) =>
    admin.json<{ id?: string; customer?: { id: string } }>('POST', path, body, 201)
  const customer = (
    await post('/api/customers', {
      name: 'Kanzlei Roth',
      domains: ['roth.example'],
      locations: [],
      calendar: null,
      notes: '',
    })
  ).customer!
  const contact = await post(`/api/customers/${customer.id}/contacts`, {
    name: 'Uwe Roth',
    email: 'uwe@roth.example',
    phone: null,
    language: 'de',
  })
  const workdays = [{ from: '08:00', to: '17:00' }]
  const target = { minutes: 60, clock: 'business_hours' }
  const row = { firstResponse: target, resolution: null }
  await post(`/api/customers/${customer.id}/contracts`, {
    name: 'Kanzlei support',
    validFrom: '2021-01-01',
    validUntil: '2022-12-31',
    serviceHours: {
      timeZone: 'Europe/Berlin',
      weeklyHours: {
        monday: workdays,
        tuesday: workdays,
        wednesday: workdays,
        thursday: workdays,
        friday: workdays,
        saturday: [],
        sunday: [],
      },
      holidays: [],
    },
    slaPolicy: { P1: row, P2: row, P3: row, P4: row, P5: row },
    secondLevel: true,
    scope: {
      clients: { all: true, groups: [], systems: [] },
      servers: { all: false, groups: [], systems: [] },
      actions: { view: true, control: false, unattended: false },
    },
    technicalContactId: contact.id,
  })

  const context = await browser.newContext()
  const page = await context.newPage()
  await signedIn(page, hub.url, hub.login('specialist'))
  await expect(page.getByRole('button', { name: 'Administration' })).toHaveCount(0)

  await page.getByRole('button', { name: 'New call' }).click()
  const call = page.getByRole('dialog', { name: 'New call' })
  await call.getByLabel('E-mail').fill('uwe@roth')
  await call.getByRole('region', { name: 'Known callers' }).getByRole('button', { name: 'Use Uwe Roth' }).click()
  await call.getByLabel('Subject').fill('Scanner sends no mail')
  await call.getByRole('button', { name: 'Create ticket' }).click()

  const card = page.getByRole('region', { name: 'Customer' })
  await expect(card).toContainText('Kanzlei Roth')
  await expect(card.getByText('Expired', { exact: true }).first()).toBeVisible()
  await expect(card.getByRole('link', { name: 'uwe@roth.example' })).toHaveAttribute('href', 'mailto:uwe@roth.example')

  await context.setOffline(true)
  await page.getByRole('button', { name: 'New call' }).click()
  await call.getByLabel('Phone').fill('030 999')
  await expect(call.getByText('Looking up callers needs the hub')).toBeVisible()
  await expect(call.getByRole('region', { name: 'Known callers' })).toHaveCount(0)
  await context.close()
})

test('the escalation handoff carries the customer’s contract and technical contact, one click away for the specialist', async ({
  browser,
  hub,
}, testInfo) => {
  const viewport = { width: 1280, height: 720 }
  const agent = await signedIn(await (await browser.newContext({ viewport })).newPage(), hub.url, hub.login('agent'))
  const subject = 'ERP client hangs at start'

  // A call from a demo customer's contact, taken by e-mail address.
  await agent.page.getByRole('button', { name: 'New call' }).click()
  const call = agent.page.getByRole('dialog', { name: 'New call' })
  await call.getByLabel('E-mail').fill('jana.nowak@mueller')
  await call.getByRole('region', { name: 'Known callers' }).getByRole('button', { name: 'Use Jana Nowak' }).click()
  await call.getByLabel('Subject').fill(subject)
  await call.getByRole('button', { name: 'Create ticket' }).click()
  await expect(agent.page.getByRole('heading', { level: 2, name: new RegExp(subject) })).toBeVisible()

  // The escalation dialog shows, read-only, what 2nd level will get.
  await agent.page.getByRole('button', { name: 'Escalate to 2nd level…' }).click()
  const dialog = agent.page.getByRole('dialog', { name: 'Escalate to 2nd level' })
  const preview = dialog.getByRole('region', { name: 'Customer and contract' })
  await expect(preview).toContainText('Müller GmbH')
  await expect(preview).toContainText('Managed service')
  await expect(preview.getByRole('link', { name: '+49 30 1234-56' })).toHaveAttribute('href', 'tel:+4930123456')
  await expect(preview.getByRole('textbox')).toHaveCount(0)
  await dialog.getByRole('textbox', { name: 'Symptoms' }).fill('The ERP client stops at the splash screen')
  await dialog.getByRole('textbox', { name: 'Steps already tried' }).fill('Restarted the laptop')
  await dialog.getByRole('textbox', { name: 'Why this impact and urgency' }).fill('Accounting cannot book')
  await dialog.getByRole('textbox', { name: 'When the user can be reached' }).fill('All day')
  await dialog.getByRole('combobox', { name: 'Target group' }).selectOption({ label: 'Servers' })
  await dialog.getByRole('button', { name: 'Escalate', exact: true }).click()
  await expect(dialog).toBeHidden()

  // The specialist opening the ticket has the contract and the technical contact in the handoff.
  const specialist = await signedIn(
    await (await browser.newContext({ viewport })).newPage(),
    hub.url,
    hub.login('specialist'),
  )
  await specialist.open(subject)
  const handoff = specialist.page.getByRole('region', { name: 'Handoff from 1st level' })
  const customer = handoff.getByRole('region', { name: 'Customer and contract' })
  await expect(customer).toContainText('Müller GmbH')
  await expect(customer).toContainText('Managed service')
  await expect(customer.getByText('Active', { exact: true })).toBeVisible()
  await expect(customer).toContainText('Jana Nowak')
  await expect(customer).toContainText('IT administrator')
  await expect(customer.getByRole('link', { name: '+49 30 1234-56' })).toHaveAttribute('href', 'tel:+4930123456')
  await expect(customer.getByRole('link', { name: 'jana.nowak@mueller.example' })).toHaveAttribute(
    'href',
    'mailto:jana.nowak@mueller.example',
  )

  // In German, at 1280×720, nothing runs past the handoff.
  await specialist.page.getByRole('combobox', { name: 'Language' }).selectOption('de')
  const uebergabe = specialist.page.getByRole('region', { name: 'Übergabe vom 1st Level' })
  const kunde = uebergabe.getByRole('region', { name: 'Kunde und Vertrag' })
  await expect(kunde.getByText('Technischer Ansprechpartner')).toBeVisible()
  await expect(kunde.getByRole('link', { name: '+49 30 1234-56' })).toBeVisible()
  await kunde.scrollIntoViewIfNeeded()
  const fits = await uebergabe.evaluate((element) => element.scrollWidth <= element.clientWidth)
  expect(fits).toBe(true)
  await specialist.page.screenshot({ path: testInfo.outputPath('handoff-de-1280.png') })
})
