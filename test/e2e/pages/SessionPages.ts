import { expect, type Page } from '@playwright/test'

/** Get Help during a remote session, as the person being helped uses it. */
export class GetHelpSession {
  constructor(readonly page: Page) {}

  async askForSession(name: string, description: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Ask for a remote session' }).click()
    await this.page.getByLabel('Your name').fill(name)
    await this.page.getByLabel('What do you need help with?').fill(description)
    await this.page.getByRole('button', { name: 'Ask for help' }).click()
  }

  async openCodeEntry(): Promise<void> {
    await this.page.getByRole('button', { name: 'I have a code' }).click()
  }

  async enterCode(name: string, code: string): Promise<void> {
    await this.page.getByLabel('Your name').fill(name)
    await this.page.getByRole('textbox', { name: 'Session code' }).fill(code)
    await this.page.getByRole('button', { name: 'Connect' }).click()
  }

  consentDialog() {
    return this.page.getByRole('dialog')
  }

  bar() {
    return this.page.getByRole('region', { name: 'Session bar' })
  }

  chat() {
    return this.page.getByRole('region', { name: 'Chat with support' })
  }

  async say(text: string): Promise<void> {
    await this.chat().getByLabel('Your message').fill(text)
    await this.chat().getByRole('button', { name: 'Send' }).click()
  }
}

/** The agent's side of a remote session in the Console. */
export class ConsoleSession {
  constructor(readonly page: Page) {}

  area() {
    return this.page.getByRole('complementary', { name: 'Remote sessions' })
  }

  panel() {
    return this.area().getByRole('region', { name: /Remote session with/ })
  }

  video() {
    return this.panel().getByLabel('User’s screen', { exact: true })
  }

  chat() {
    return this.panel().getByRole('region', { name: 'Session chat' })
  }

  facts() {
    return this.panel().getByRole('region', { name: 'Connection' })
  }

  async say(text: string): Promise<void> {
    await this.chat().getByLabel('Chat message').fill(text)
    await this.chat().getByRole('button', { name: 'Send' }).click()
  }

  /** Waits until the user's screen is rendered and frames keep arriving. */
  async expectPicture(): Promise<void> {
    const video = this.video()
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
      .toBeGreaterThan(0)
    const painted = await video.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => v.requestVideoFrameCallback((_now, frame) => resolve(frame.presentedFrames))),
    )
    expect(painted).toBeGreaterThan(0)
    const start = await video.evaluate((v: HTMLVideoElement) => v.currentTime)
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(start)
  }

  async expectNoPicture(): Promise<void> {
    await expect.poll(() => this.video().evaluate((v: HTMLVideoElement) => v.srcObject === null)).toBe(true)
    await expect(this.panel().getByText(/No picture/)).toBeVisible()
  }

  /** Clicks the picture at fractions of its content box (the video is letterboxed). */
  async clickAt(x: number, y: number): Promise<void> {
    const box = await this.video().evaluate((v: HTMLVideoElement) => {
      const r = v.getBoundingClientRect()
      return { left: r.left, top: r.top, width: r.width, height: r.height, vw: v.videoWidth, vh: v.videoHeight }
    })
    const scale = Math.min(box.width / box.vw, box.height / box.vh)
    const width = box.vw * scale
    const height = box.vh * scale
    await this.page.mouse.click(
      box.left + (box.width - width) / 2 + x * width,
      box.top + (box.height - height) / 2 + y * height,
    )
  }
}
