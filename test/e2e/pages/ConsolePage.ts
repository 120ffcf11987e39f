import { expect, type Page } from '@playwright/test'

/** The web Console as an agent uses it. */
export class ConsolePage {
  constructor(
    readonly page: Page,
    private readonly hubUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.hubUrl}/`)
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('E-mail address').fill(email)
    await this.page.getByLabel('Password').fill(password)
    await this.page.getByRole('button', { name: 'Sign in' }).click()
  }

  queue() {
    return this.page.getByRole('navigation', { name: 'Queue' })
  }

  connectionStatus() {
    return this.page.getByRole('status', { name: 'Hub connection' })
  }

  async expectSignedIn(): Promise<void> {
    await expect(this.queue()).toBeVisible()
  }
}

/** Opens the web Console in `page`, signs in and returns the desk to work tickets with. */
export async function signedIn(
  page: Page,
  hubUrl: string,
  login: { email: string; password: string },
): Promise<TicketDesk> {
  const console = new ConsolePage(page, hubUrl)
  await console.open()
  await console.signIn(login.email, login.password)
  await console.expectSignedIn()
  return new TicketDesk(page)
}

/** The phone-intake and ticket-editing moves an agent makes. */
export class TicketDesk {
  constructor(readonly page: Page) {}

  async newCall(caller: string, subject: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New call' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'New call' })
    await dialog.getByLabel('Caller name').fill(caller)
    await dialog.getByLabel('Subject').fill(subject)
    // Enter sends the form, as agents on the phone do: known callers and article suggestions keep
    // arriving above the Create button while the agent types, so a pointer aimed at it can miss.
    await dialog.getByLabel('Subject').press('Enter')
    await expect(this.page.getByRole('heading', { level: 2, name: new RegExp(subject) })).toBeVisible()
  }

  ticketOption(subject: string) {
    return this.page.getByRole('listbox', { name: 'Tickets' }).getByRole('option', { name: new RegExp(subject) })
  }

  async open(subject: string): Promise<void> {
    await this.ticketOption(subject).click()
    await expect(this.page.getByRole('heading', { level: 2, name: new RegExp(subject) })).toBeVisible()
  }

  async setStatus(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Status', exact: true }).last().selectOption({ label })
  }

  async addInternalNote(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Message' }).fill(text)
    await this.page.getByRole('button', { name: 'Add internal note' }).click()
    await expect(this.page.getByText(text)).toBeVisible()
  }

  syncStatus() {
    return this.page.getByRole('status', { name: 'Sync' })
  }
}

/** The knowledge-base panel of the open ticket. */
export class KnowledgePanel {
  constructor(readonly page: Page) {}

  region() {
    return this.page.getByRole('region', { name: 'Knowledge base' })
  }

  suggestions() {
    return this.region().getByRole('list', { name: 'Suggested articles' })
  }

  results() {
    return this.region().getByRole('list', { name: 'Search results' })
  }

  linked() {
    return this.region().getByRole('list', { name: 'Linked to this ticket' })
  }

  async search(text: string): Promise<void> {
    await this.region().getByRole('searchbox', { name: 'Search the knowledge base' }).fill(text)
  }

  async link(title: RegExp): Promise<void> {
    await this.region()
      .getByRole('button', { name: new RegExp(`^Link “${title.source}.*” to the ticket$`) })
      .first()
      .click()
  }

  async rate(title: RegExp, verdict: 'solved it' | 'did not help'): Promise<void> {
    await this.linked()
      .getByRole('button', { name: new RegExp(`^“${title.source}.*” ${verdict}$`) })
      .click()
  }
}
