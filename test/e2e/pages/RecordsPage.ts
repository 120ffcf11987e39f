import { expect, type Page } from '@playwright/test'

/** Vendor cases in the ticket view, and the problem and change management dialogs. */
export class RecordsPage {
  constructor(readonly page: Page) {}

  ticketStatus() {
    return this.page.getByRole('combobox', { name: 'Status', exact: true }).last()
  }

  /** Specialists start in their groups' queue; a ticket still at 1st level shows under all tickets. */
  async showAllTickets(): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'All tickets' })
  }

  vendorCases() {
    return this.page.getByRole('region', { name: 'Vendor cases' })
  }

  async openVendorCase(vendor: string, caseNumber: string, message: string): Promise<void> {
    await this.vendorCases().getByRole('button', { name: 'Open vendor case' }).click()
    const form = this.page.getByRole('form', { name: 'Open vendor case' })
    await form.getByRole('combobox', { name: 'Vendor' }).fill(vendor)
    await form.getByLabel('Case number').fill(caseNumber)
    await form.getByLabel('Message to the vendor').fill(message)
    await form.getByRole('button', { name: 'Open case' }).click()
    await expect(this.vendorCase(vendor, caseNumber)).toBeVisible()
  }

  vendorCase(vendor: string, caseNumber: string) {
    return this.page.getByRole('article', { name: `${vendor} · case ${caseNumber}` })
  }

  async logVendorAnswer(vendor: string, caseNumber: string, answer: string): Promise<void> {
    const vendorCase = this.vendorCase(vendor, caseNumber)
    await vendorCase.getByLabel(`Message or answer (${vendor})`).fill(answer)
    await vendorCase.getByRole('button', { name: "Log vendor's answer" }).click()
    await expect(vendorCase.getByText(answer)).toBeVisible()
  }

  changesDialog() {
    return this.page.getByRole('dialog', { name: 'Change management' })
  }

  async openChanges(): Promise<void> {
    await this.page.getByRole('button', { name: 'Changes', exact: true }).click()
    await expect(this.changesDialog()).toBeVisible()
  }

  async recordChange(input: { kind: string; title: string; risk: string; tickets: string }): Promise<void> {
    const form = this.changesDialog().getByRole('form', { name: 'New change' })
    await form.getByLabel('Kind').selectOption({ label: input.kind })
    await form.getByLabel('Risk').selectOption({ label: input.risk })
    await form.getByLabel('Title').fill(input.title)
    await form.getByLabel('Linked tickets (ticket numbers)').fill(input.tickets)
    await form.getByRole('button', { name: 'Record change' }).click()
    await expect(this.change(input.title)).toBeVisible()
  }

  /** The change's detail, opening it from the list if it is not open yet. */
  change(title: string) {
    return this.changesDialog().getByRole('article', { name: new RegExp(title) })
  }

  async selectChange(title: string): Promise<void> {
    const button = this.changesDialog()
      .getByRole('list', { name: 'Change records' })
      .getByRole('button', { name: new RegExp(title) })
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click()
    await expect(this.change(title)).toBeVisible()
  }

  problemsDialog() {
    return this.page.getByRole('dialog', { name: 'Problem management' })
  }

  async openProblems(): Promise<void> {
    await this.page.getByRole('button', { name: 'Problems', exact: true }).click()
    await expect(this.problemsDialog()).toBeVisible()
  }

  async recordProblem(title: string, incidents: string): Promise<void> {
    const form = this.problemsDialog().getByRole('form', { name: 'New problem' })
    await form.getByLabel('Title').fill(title)
    await form.getByLabel('Linked incidents (ticket numbers)').fill(incidents)
    await form.getByRole('button', { name: 'Record problem' }).click()
    await expect(this.problem(title)).toBeVisible()
  }

  problem(title: string) {
    return this.problemsDialog().getByRole('article', { name: new RegExp(title) })
  }

  async closeDialog(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click()
    await expect(this.page.getByRole('dialog')).toHaveCount(0)
  }
}
