import type { Browser, Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../../playwright.config'
import { expect, test, type HubFixture } from './fixtures'
import { ConsolePage, TicketDesk } from './pages/ConsolePage'
import { exposeDesktopBridge } from '../support/desktopBridge'
import { exposeInputBridge } from './pages/inputBridge'
import { ConsoleSession, GetHelpSession } from './pages/SessionPages'

// Chromium's fake camera stands in for the screen, and the screen picker answers by itself.
test.use({
  launchOptions: {
    ...chromiumLaunchOptions,
    args: [
      ...chromiumLaunchOptions.args,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--auto-select-desktop-capture-source=Entire screen',
    ],
  },
})

/** A signed-in Console: the web Console, or with `desktop` the desktop Console's bridge behind the same page. */
async function signedInAgent(
  browser: Browser,
  hub: HubFixture,
  role: 'agent' | 'specialist' = 'agent',
  { desktop = false } = {},
): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  if (desktop) await exposeDesktopBridge(page, 'console', hub.url)
  const console = new ConsolePage(page, hub.url)
  const agent = hub.login(role)
  await console.open()
  await console.signIn(agent.email, agent.password)
  await console.expectSignedIn()
  return page
}

test('a Get Help request is accepted, the agent sees the screen once allowed, chats both ways, and loses the picture at once when the user revokes view', async ({
  page,
  hub,
  browser,
}) => {
  // Watches, without changing them, the capture and the sender settings Get Help makes.
  await page.addInitScript(() => {
    const seen = { tracks: [] as MediaStreamTrack[], senders: [] as RTCRtpSender[] }
    Object.assign(window, { __media: seen })
    const capture = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices)
    navigator.mediaDevices.getDisplayMedia = async (options) => {
      const stream = await capture(options)
      seen.tracks.push(...stream.getVideoTracks())
      return stream
    }
    const setParameters = RTCRtpSender.prototype.setParameters
    RTCRtpSender.prototype.setParameters = function (this: RTCRtpSender, ...args) {
      seen.senders.push(this)
      return setParameters.apply(this, args)
    }
  })
  const user = new GetHelpSession(page)
  await page.goto(hub.getHelpUrl)
  await user.askForSession('Erika Enduser', 'Outlook shows every mail twice')
  await expect(page.getByText('Your request is in the queue.', { exact: false })).toBeVisible()
  await expect(page.getByText(/they cannot control your computer/)).toBeVisible()

  const agentPage = await signedInAgent(browser, hub)
  const agent = new ConsoleSession(agentPage)
  await agent.area().getByRole('button', { name: 'Accept remote session request from Erika Enduser' }).click()
  await expect(agent.area().getByText(/Picked up after \d+ s\./)).toBeVisible()
  await expect(agent.panel()).toBeVisible()
  // The request became a ticket, open in the agent's ticket view.
  await expect(agentPage.getByRole('heading', { level: 2, name: /Outlook shows every mail twice/ })).toBeVisible()

  // Who asks, from where, for which ticket: the user decides on the screen view alone.
  const dialog = user.consentDialog()
  await expect(dialog.getByRole('heading', { name: 'Allow screen view?' })).toBeVisible()
  const agentName = hub.login('agent').displayName
  await expect(dialog).toContainText(`${agentName} from `)
  await expect(dialog).toContainText('Ticket T-000001')
  await expect(agent.video()).toBeAttached()
  expect(await agent.video().evaluate((v: HTMLVideoElement) => v.srcObject)).toBeNull()
  await dialog.getByRole('button', { name: 'Allow screen view' }).click()

  await expect(user.bar().getByText('Your screen is being shared.')).toBeVisible()
  await expect(user.bar().getByText(`${agentName} (support agent): sees your screen`)).toBeVisible()
  await agent.expectPicture()
  // The screen is sent as text: sharp edges over motion, with a bitrate cap.
  const tuned = await page.evaluate(() => {
    const seen = (window as unknown as { __media: { tracks: MediaStreamTrack[]; senders: RTCRtpSender[] } }).__media
    const sender = seen.senders.at(-1)
    const parameters = sender?.getParameters() as
      (RTCRtpSendParameters & { degradationPreference?: string }) | undefined
    return {
      contentHint: seen.tracks.at(-1)?.contentHint,
      maxBitrate: parameters?.encodings[0]?.maxBitrate,
      degradationPreference: parameters?.degradationPreference,
    }
  })
  expect(tuned).toEqual({ contentHint: 'text', maxBitrate: 2_500_000, degradationPreference: 'maintain-resolution' })

  // Another screen replaces the track in the running connection: same stream at the agent, no new offer.
  await agent.video().evaluate((v: HTMLVideoElement) => Object.assign(v.srcObject as object, { marked: true }))
  await user.bar().getByRole('button', { name: 'Share a different screen' }).click()
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as { __media: { tracks: MediaStreamTrack[] } }).__media.tracks.map((t) => t.readyState),
      ),
    )
    .toEqual(['ended', 'live'])
  await agent.expectPicture()
  expect(
    await agent.video().evaluate((v: HTMLVideoElement) => (v.srcObject as { marked?: boolean } | null)?.marked),
  ).toBe(true)
  await expect(agent.facts().getByText('direct')).toBeVisible()
  await expect(agent.facts().getByText(/\d+ fps/)).toBeVisible()

  await agent.say('Hello, I can see your screen now.')
  await expect(user.chat().getByText('Hello, I can see your screen now.')).toBeVisible()
  await user.say('Great, the mail window is on the left.')
  await expect(agent.chat().getByText('Great, the mail window is on the left.')).toBeVisible()

  // Pause stops the picture and control for everyone until the user resumes.
  await user.bar().getByRole('button', { name: 'Pause' }).click()
  await expect(user.bar().getByText('Paused: nobody sees your screen')).toBeVisible()
  await expect(agent.panel().getByRole('heading', { name: /paused by the user/ })).toBeVisible()
  await user.bar().getByRole('button', { name: 'Resume' }).click()
  await expect(agent.panel().getByRole('heading', { name: /paused by the user/ })).toBeHidden()

  // A reload keeps the session and the permissions; the screen is shared again on the user's word.
  await page.reload()
  await expect(user.bar().getByText(`${agentName} (support agent): sees your screen`)).toBeVisible()
  await agent.expectNoPicture()
  await user.bar().getByRole('button', { name: 'Share my screen again' }).click()
  await agent.expectPicture()

  await user
    .bar()
    .getByRole('button', { name: `Stop ${agentName} seeing my screen` })
    .click()
  await agent.expectNoPicture()
  await expect(user.bar().getByText(`${agentName} (support agent): sees nothing`)).toBeVisible()
  // With nobody allowed to see it, the bar no longer says the screen is shared.
  await expect(user.bar().getByText('Your screen is not shared.')).toBeVisible()
  await expect(agent.panel().getByRole('button', { name: 'Request view' })).toBeVisible()

  // Ctrl+Shift+S, announced in the bar, ends the session for everyone.
  await expect(user.bar().getByText('Ctrl+Shift+S stops the session at any time.')).toBeVisible()
  await page.keyboard.press('Control+Shift+S')
  await expect(page.getByRole('heading', { name: 'Session ended' })).toBeVisible()
  await expect(agent.panel().getByText('The user ended the session.')).toBeVisible()
  // The hub writes the summary and the chat into the ticket, and the agent's timeline shows them.
  const timeline = agentPage.getByRole('region', { name: 'Timeline' })
  const summary = timeline
    .getByRole('listitem')
    .filter({ hasText: /remote session ended after \d+ (seconds?|minutes?)/ })
  await expect(summary).toHaveCount(1)
  await expect(summary).toContainText(`${agentName} (agent)`)
  await expect(summary).toContainText('Erika Enduser (user)')
  await expect(summary).toContainText(`${agentName} could see the screen from`)
  await expect(summary).toContainText('Connection: direct')
  const chat = timeline.getByRole('list', { name: 'Session chat' })
  await expect(chat.getByRole('listitem')).toHaveText([
    /Hello, I can see your screen now\./,
    /Great, the mail window is on the left\./,
  ])
  const rows = await hub.hub.db.query<{ text: string }>('select text from remote_session_chat order by seq')
  expect(rows.map((row) => row.text)).toEqual([
    'Hello, I can see your screen now.',
    'Great, the mail window is on the left.',
  ])
})

test('with a code read out on the phone, the user allows control: the agent’s click lands at the right place, and after revoking nothing more is applied', async ({
  page,
  hub,
  browser,
}) => {
  const agentPage = await signedInAgent(browser, hub)
  const desk = new TicketDesk(agentPage)
  await desk.newCall('Erika Enduser', 'Printer dialog hangs')
  await expect(desk.syncStatus()).toContainText('Up to date')
  await agentPage.getByRole('button', { name: 'Issue session code' }).click()
  const shown = await agentPage.getByRole('group', { name: 'Session code' }).getByRole('status').textContent()
  const code = /Session code: ([\d ]+)/.exec(shown ?? '')?.[1]?.trim()
  expect(code).toMatch(/^\d{3} \d{3} \d{3}/)

  const bridge = await exposeInputBridge(page, hub.url)
  const user = new GetHelpSession(page)
  await page.goto(hub.getHelpUrl)
  await user.openCodeEntry()
  await expect(page.getByRole('note', { name: 'Warning about fake support calls' })).toContainText(
    'never calls you out of the blue',
  )
  await user.enterCode('Erika Enduser', code!)

  const agent = new ConsoleSession(agentPage)
  await expect(agent.panel()).toBeVisible()
  const agentName = hub.login('agent').displayName
  await expect(user.consentDialog()).toContainText('Ticket T-000001')
  await user.consentDialog().getByRole('button', { name: 'Allow screen view' }).click()
  await agent.expectPicture()

  // Control is its own question.
  await agent.panel().getByRole('button', { name: 'Request control' }).click()
  await expect(user.consentDialog().getByRole('heading', { name: 'Allow control?' })).toBeVisible()
  await user.consentDialog().getByRole('button', { name: 'Allow control' }).click()
  await expect(user.bar().getByText(`${agentName} (support agent): sees your screen and may control it`)).toBeVisible()
  await agent.panel().getByRole('button', { name: 'Take control' }).click()
  await expect(agent.panel().getByRole('button', { name: 'Release control' })).toBeVisible()
  await expect.poll(() => bridge.controlStates.at(-1)?.granted).toBe(true)

  await agent.clickAt(0.25, 0.75)
  await expect.poll(() => bridge.applied.filter((a) => a.input.kind === 'pointer_up').length).toBe(1)
  const down = bridge.applied.find((a) => a.input.kind === 'pointer_down')!
  expect(down.input).toMatchObject({ kind: 'pointer_down', button: 'left' })
  if (down.input.kind !== 'pointer_down') throw new Error('unreachable')
  expect(down.input.x).toBeCloseTo(0.25, 2)
  expect(down.input.y).toBeCloseTo(0.75, 2)
  expect(bridge.applied.every((a) => a.from === bridge.controlStates.at(-1)?.holder)).toBe(true)

  await agent.page.keyboard.press('a')
  await expect.poll(() => bridge.applied.filter((a) => a.input.kind === 'key_down').length).toBe(1)

  // The user takes control back: the input service hears it at once, and the agent loses the token.
  await user
    .bar()
    .getByRole('button', { name: `Take control back from ${agentName}` })
    .click()
  await expect.poll(() => bridge.controlStates.at(-1)?.granted).toBe(false)
  await expect(agent.panel().getByRole('button', { name: 'Release control' })).toBeHidden()
  const before = bridge.applied.length
  await agent.clickAt(0.5, 0.5)
  await agent.page.keyboard.press('b')
  // A chat line through the hub takes longer than input on the direct channel would.
  await agent.say('Did anything move?')
  await expect(user.chat().getByText('Did anything move?')).toBeVisible()
  expect(bridge.applied.length).toBe(before)
})

test('a specialist joins once the user approves them by name, takes over control only with the user’s consent, and has a connection of its own', async ({
  page,
  hub,
  browser,
}) => {
  const bridge = await exposeInputBridge(page, hub.url)
  const user = new GetHelpSession(page)
  await page.goto(hub.getHelpUrl)
  await user.askForSession('Erika Enduser', 'The VPN drops every ten minutes')
  const agent = new ConsoleSession(await signedInAgent(browser, hub))
  await agent.area().getByRole('button', { name: 'Accept remote session request from Erika Enduser' }).click()
  await user.consentDialog().getByRole('button', { name: 'Allow screen view' }).click()
  await agent.expectPicture()

  await agent.panel().getByLabel('Invite a specialist').selectOption({ label: 'Sam Specialist' })
  await agent.panel().getByRole('button', { name: 'Invite', exact: true }).click()
  await expect(agent.panel().getByText('Sam Specialist is invited')).toBeVisible()
  await expect(user.consentDialog().getByRole('heading', { name: 'Let someone else join?' })).toBeVisible()
  await expect(user.consentDialog()).toContainText('wants Sam Specialist (specialist) to join')
  await user.consentDialog().getByRole('button', { name: 'Let them join' }).click()

  // Control can move to the specialist only in the desktop Console.
  const specialist = new ConsoleSession(await signedInAgent(browser, hub, 'specialist', { desktop: true }))
  await specialist.area().getByRole('button', { name: 'Join the session with Erika Enduser' }).click()
  await expect(user.consentDialog()).toContainText('Sam Specialist from ')
  await user.consentDialog().getByRole('button', { name: 'Allow screen view' }).click()
  await specialist.expectPicture()
  await expect(user.bar().getByText('Sam Specialist (specialist): sees your screen', { exact: true })).toBeVisible()

  // The agent hands control to the specialist; the user decides, and input then comes from the specialist only.
  await agent.panel().getByRole('button', { name: 'Request control' }).click()
  await user.consentDialog().getByRole('button', { name: 'Allow control' }).click()
  await agent.panel().getByRole('button', { name: 'Take control' }).click()
  await agent.panel().getByRole('button', { name: 'Hand control to Sam Specialist' }).click()
  await expect(user.consentDialog().getByRole('heading', { name: 'Hand over control?' })).toBeVisible()
  await expect(user.consentDialog()).toContainText(`${hub.login('agent').displayName} wants to hand control`)
  await user.consentDialog().getByRole('button', { name: 'Allow hand-over' }).click()
  await expect(specialist.panel().getByRole('button', { name: 'Release control' })).toBeVisible()
  await expect(agent.panel().getByRole('button', { name: 'Release control' })).toBeHidden()
  await specialist.clickAt(0.5, 0.5)
  await expect.poll(() => bridge.applied.filter((a) => a.input.kind === 'pointer_up').length).toBe(1)
  const holder = bridge.controlStates.at(-1)?.holder
  expect(bridge.applied.every((a) => a.from === holder)).toBe(true)
  await expect(
    user.bar().getByText('Sam Specialist (specialist): sees your screen and may control it · is controlling now'),
  ).toBeVisible()

  // Each viewer has its own connection: the agent leaves, and the specialist's picture and control go on.
  await specialist.video().evaluate((v: HTMLVideoElement) => Object.assign(v.srcObject as object, { marked: true }))
  await agent.panel().getByRole('button', { name: 'Leave session' }).click()
  await expect(agent.panel()).toBeHidden()
  const agentName = hub.login('agent').displayName
  await expect(user.bar().getByText(`${agentName} (support agent)`, { exact: false })).toBeHidden()
  await expect(specialist.panel().getByText(`${agentName} (agent)`, { exact: false })).toBeHidden()
  await specialist.expectPicture()
  expect(
    await specialist.video().evaluate((v: HTMLVideoElement) => (v.srcObject as { marked?: boolean } | null)?.marked),
  ).toBe(true)
  await expect(specialist.panel().getByRole('button', { name: 'Release control' })).toBeVisible()
  await specialist.clickAt(0.25, 0.25)
  await expect.poll(() => bridge.applied.filter((a) => a.input.kind === 'pointer_up').length).toBe(2)
  await expect(user.bar().getByText('Your screen is being shared.')).toBeVisible()
})

test('a specialist in the web Console sees the screen and chats, but is offered no control and is told why', async ({
  page,
  hub,
  browser,
}) => {
  // Get Help on the desktop, so the user can allow control at all.
  await exposeInputBridge(page, hub.url)
  const user = new GetHelpSession(page)
  await page.goto(hub.getHelpUrl)
  await user.askForSession('Erika Enduser', 'Citrix session freezes')
  const agent = new ConsoleSession(await signedInAgent(browser, hub))
  await agent.area().getByRole('button', { name: 'Accept remote session request from Erika Enduser' }).click()
  await user.consentDialog().getByRole('button', { name: 'Allow screen view' }).click()
  await agent.expectPicture()
  await agent.panel().getByLabel('Invite a specialist').selectOption({ label: 'Sam Specialist' })
  await agent.panel().getByRole('button', { name: 'Invite', exact: true }).click()
  await user.consentDialog().getByRole('button', { name: 'Let them join' }).click()

  const specialist = new ConsoleSession(await signedInAgent(browser, hub, 'specialist'))
  await specialist.area().getByRole('button', { name: 'Join the session with Erika Enduser' }).click()
  await user.consentDialog().getByRole('button', { name: 'Allow screen view' }).click()
  await specialist.expectPicture()
  await expect(specialist.panel().getByRole('note')).toHaveText(
    /web Console: you can see the screen and chat\. Control is only possible from the desktop Console/,
  )
  await expect(specialist.panel().getByRole('button', { name: 'Request control' })).toHaveCount(0)
  await expect(specialist.panel().getByRole('button', { name: 'Take control' })).toHaveCount(0)
  await specialist.say('Looking at the Citrix receiver now.')
  await expect(user.chat().getByText('Looking at the Citrix receiver now.')).toBeVisible()

  // The agent holding control is not offered to hand it to the web Console, and sees why.
  await agent.panel().getByRole('button', { name: 'Request control' }).click()
  await user.consentDialog().getByRole('button', { name: 'Allow control' }).click()
  await agent.panel().getByRole('button', { name: 'Take control' }).click()
  await expect(agent.panel().getByRole('button', { name: 'Release control' })).toBeVisible()
  await expect(agent.panel().getByRole('button', { name: 'Hand control to Sam Specialist' })).toHaveCount(0)
  await expect(agent.panel().getByText('Sam Specialist (specialist)', { exact: false })).toContainText(
    'web Console: view and chat only',
  )
})
