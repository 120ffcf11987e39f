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
