// Session benchmark on loopback in Chromium, with fake screen capture. Two warm-up rounds are not counted.
//  - First frame: from the agent's click on Accept in the Console to the first frame of the user's
//    screen presented in the agent's video, through the hub's signaling, Get Help's consent
//    (answered by a script the moment it is asked) and WebRTC. Baseline: a bare RTCPeerConnection
//    pair in one page, from getDisplayMedia to the first presented frame.
//  - Input: from the agent's pointerdown in the Console to the call into the injection library in
//    main's real input service (recording instead of moving this machine's pointer), while the
//    screen streams. Get Help's page reaches Node through a Playwright binding standing in for
//    Electron's IPC; `inputToRenderer*` is the part before that hop. Baseline: the same event sent
//    on a bare data channel of a pair that also carries the screen, handed to Node the same way.
// Last line: one JSON object with the figures.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../playwright.config'
import { startHub } from '../src/hub/server'
import { exposeDesktopBridge, type DesktopBridge } from '../test/support/desktopBridge'

const runs = Number(process.env.BENCH_RUNS ?? 20)
/** Runs before the measured ones, so one-time start-up (codecs, first capture, JIT) is not counted. */
const warmups = 2

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  return { median: Number(at(0.5).toFixed(1)), p95: Number(at(0.95).toFixed(1)) }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const nodeNow = () => performance.timeOrigin + performance.now()

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(2)
  }
}

const builtDir = fileURLToPath(new URL('../out/renderer', import.meta.url))
if (!existsSync(join(builtDir, 'console.html'))) throw new Error('run "npm run build" first')
const benchDir = mkdtempSync(join(tmpdir(), 'firstline-bench-session-'))
// A copy of the build, so a rebuild while the benchmark runs cannot pull the pages away.
const webDir = join(benchDir, 'web')
cpSync(builtDir, webDir, { recursive: true })
const hub = await startHub({
  host: '127.0.0.1',
  port: 0,
  dataDir: join(benchDir, 'data'),
  webDir,
  logLevel: 'warn',
})
const browser: Browser = await chromium.launch({
  ...chromiumLaunchOptions,
  args: [
    ...chromiumLaunchOptions.args,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--auto-select-desktop-capture-source=Entire screen',
  ],
})

async function newContext(storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, storageState })
  // esbuild names functions with a helper the page does not have.
  await context.addInitScript('window.__name = (f) => f')
  return context
}

// ---- Baseline: a bare peer-connection pair, no Firstline code at all --------------------------

async function baseline(): Promise<{ firstFrame: number[]; input: number[] }> {
  const context = await newContext()
  const page = await context.newPage()
  const received: number[] = []
  await page.exposeBinding('__benchInjected', () => void received.push(nodeNow()))
  // A blank page on the hub's origin: a secure context like the apps, with nothing of them loaded.
  await page.route(`${hub.url}/bench-baseline`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>baseline</title><body></body>' }),
  )
  await page.goto(`${hub.url}/bench-baseline`)

  const firstFrame: number[] = []
  for (let i = -warmups; i < runs; i++) {
    const elapsed = await page.evaluate(async () => {
      const started = performance.now()
      const stream = await navigator.mediaDevices.getDisplayMedia({
        video: { frameRate: { ideal: 15, max: 30 } },
        audio: false,
      })
      const a = new RTCPeerConnection()
      const b = new RTCPeerConnection()
      a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate))
      b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate))
      for (const track of stream.getTracks()) a.addTrack(track, stream)
      const video = document.createElement('video')
      video.muted = true
      video.autoplay = true
      document.body.append(video)
      const presented = new Promise<number>((resolve) => {
        b.ontrack = (event) => {
          video.srcObject = event.streams[0]!
          video.requestVideoFrameCallback(() => resolve(performance.now()))
        }
      })
      await a.setLocalDescription(await a.createOffer())
      await b.setRemoteDescription(a.localDescription!)
      await b.setLocalDescription(await b.createAnswer())
      await a.setRemoteDescription(b.localDescription!)
      const elapsed = (await presented) - started
      for (const track of stream.getTracks()) track.stop()
      a.close()
      b.close()
      video.remove()
      return elapsed
    })
    if (i >= 0) firstFrame.push(elapsed)
  }

  // Input: a pointerdown on a target is sent on a data channel; the receiving side hands it to Node.
  await page.evaluate(async () => {
    const a = new RTCPeerConnection()
    const b = new RTCPeerConnection()
    a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate))
    b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate))
    // The pair carries the screen too, as a session does while the agent operates it.
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: 15, max: 30 } },
      audio: false,
    })
    for (const track of stream.getTracks()) a.addTrack(track, stream)
    const video = document.createElement('video')
    video.muted = true
    video.autoplay = true
    document.body.append(video)
    b.ontrack = (event) => void (video.srcObject = event.streams[0]!)
    const channel = a.createDataChannel('control', { ordered: true })
    b.ondatachannel = (event) => {
      event.channel.onmessage = () =>
        void (window as unknown as { __benchInjected: () => Promise<void> }).__benchInjected()
    }
    await a.setLocalDescription(await a.createOffer())
    await b.setRemoteDescription(a.localDescription!)
    await b.setLocalDescription(await b.createAnswer())
    await a.setRemoteDescription(b.localDescription!)
    await new Promise((resolve) => (channel.onopen = resolve))
    const target = document.createElement('div')
    target.style.cssText = 'position:fixed;inset:0'
    document.body.append(target)
    const downs: number[] = []
    ;(window as unknown as { __benchDowns: number[] }).__benchDowns = downs
    target.addEventListener('pointerdown', (event) => {
      downs.push(performance.timeOrigin + event.timeStamp)
      channel.send(
        JSON.stringify({ kind: 'pointer_down', x: event.clientX / innerWidth, y: event.clientY / innerHeight }),
      )
    })
  })
  const input: number[] = []
  for (let i = -warmups; i < runs; i++) {
    const n = i + warmups
    await page.mouse.click(100 + n * 10, 100 + n * 5)
    await until('the baseline input', () => received.length > n)
    const sent = await page.evaluate((k) => (window as unknown as { __benchDowns: number[] }).__benchDowns[k]!, n)
    if (i >= 0) input.push(received[n]! - sent)
    await sleep(50)
  }
  await context.close()
  return { firstFrame, input }
}

// ---- Firstline: Console and Get Help as users run them ----------------------------------------

/** Get Help's consent questions, answered by a script the moment they appear (a person would take seconds). */
function autoConsent(answers: string[]) {
  const w = window as unknown as { __benchConsentAt?: number }
  const click = () => {
    for (const button of document.querySelectorAll<HTMLButtonElement>('[role="dialog"] button')) {
      const text = button.textContent?.trim() ?? ''
      if (!answers.includes(text)) continue
      if (text === answers[0]) w.__benchConsentAt ??= performance.timeOrigin + performance.now()
      button.click()
    }
  }
  new MutationObserver(click).observe(document, { subtree: true, childList: true })
}

/** Notes when Get Help's renderer hands each input to main, to split the input latency in two. */
function watchInputCalls() {
  type Call = { input: { kind: string } }
  const w = window as unknown as { __benchDownsHanded: number[]; firstline: { input: { apply: (c: Call) => unknown } } }
  w.__benchDownsHanded = []
  const apply = w.firstline.input.apply
  w.firstline.input.apply = (call) => {
    if (call.input.kind === 'pointer_down') w.__benchDownsHanded.push(performance.timeOrigin + performance.now())
    return apply(call)
  }
}

/** Marks the first presented frame of any video the page attaches a stream to. */
function watchFirstFrame() {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')!
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...descriptor,
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      descriptor.set!.call(this, value)
      const w = window as unknown as { __benchFirstFrame?: number }
      if (value && this instanceof HTMLVideoElement)
        this.requestVideoFrameCallback(() => void (w.__benchFirstFrame ??= performance.now()))
    },
  })
}

/** Marks when a page first sets an offer and first reaches 'connected', to split consent → frame. */
function watchPeerConnection() {
  const w = window as unknown as { __benchOfferAt?: number; __benchConnectedAt?: number }
  const epoch = () => performance.timeOrigin + performance.now()
  const Original = window.RTCPeerConnection
  const setLocal = Original.prototype.setLocalDescription
  Original.prototype.setLocalDescription = function (this: RTCPeerConnection, ...args: unknown[]) {
    const description = args[0] as RTCSessionDescriptionInit | undefined
    if (description?.type === 'offer') w.__benchOfferAt ??= epoch()
    return (setLocal as (...a: unknown[]) => Promise<void>).apply(this, args)
  } as typeof setLocal
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args)
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected') w.__benchConnectedAt ??= epoch()
      })
    }
  }
}

async function signIn(): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await newContext()
  const page = await context.newPage()
  const agent = hub.demoLogins.find((login) => login.role === 'agent')!
  await page.goto(`${hub.url}/`)
  await page.getByLabel('E-mail address').fill(agent.email)
  await page.getByLabel('Password').fill(agent.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('complementary', { name: 'Remote sessions' }).waitFor()
  const state = await context.storageState()
  await context.close()
  return state
}

interface Session {
  agentPage: Page
  userPage: Page
  bridge: DesktopBridge
  firstFrameMs: number
  /** Of which: from Accept until Get Help asks the user, and from the user's yes to the frame. */
  acceptToConsentMs: number
  consentToFrameMs: number
  /** The user's yes to the offer (capture, grant), the offer to 'connected' (signaling, ICE, DTLS), then to the frame. */
  consentToOfferMs: number
  offerToConnectedMs: number
  connectedToFrameMs: number
  close(): Promise<void>
}

/** One session from the user's request to the first frame on the agent's screen. */
async function openSession(storageState: Awaited<ReturnType<typeof signIn>>, run: number): Promise<Session> {
  const agentContext = await newContext(storageState)
  await agentContext.addInitScript(watchFirstFrame)
  await agentContext.addInitScript(watchPeerConnection)
  const agentPage = await agentContext.newPage()
  await agentPage.goto(`${hub.url}/`)
  const area = agentPage.getByRole('complementary', { name: 'Remote sessions' })
  await area.waitFor()

  const userContext = await newContext()
  const userPage = await userContext.newPage()
  const bridge = await exposeDesktopBridge(userPage, 'gethelp', hub.url)
  await userPage.addInitScript(autoConsent, ['Allow screen view', 'Allow control'])
  await userPage.addInitScript(watchInputCalls)
  await userPage.addInitScript(watchPeerConnection)
  await userPage.goto(`${hub.url}/gethelp`)
  const name = `Bench User ${run}`
  await userPage.getByRole('button', { name: 'Ask for a remote session' }).click()
  await userPage.getByLabel('Your name').fill(name)
  await userPage.getByLabel('What do you need help with?').fill('Benchmark session')
  await userPage.getByRole('button', { name: 'Ask for help' }).click()

  const label = `Accept remote session request from ${name}`
  await area.getByRole('button', { name: label }).waitFor({ timeout: 15_000 })
  const accepted = await agentPage.evaluate((label) => {
    const button = document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!
    const at = performance.now()
    button.click()
    return { at, epoch: performance.timeOrigin + at }
  }, label)
  const presented = await agentPage.waitForFunction(
    () => (window as unknown as { __benchFirstFrame?: number }).__benchFirstFrame,
    undefined,
    { timeout: 20_000, polling: 50 },
  )
  const firstFrameMs = ((await presented.jsonValue()) as number) - accepted.at
  const consentAt = await userPage.evaluate(() => (window as unknown as { __benchConsentAt: number }).__benchConsentAt)
  const { offerAt } = await userPage.evaluate(() => ({
    offerAt: (window as unknown as { __benchOfferAt: number }).__benchOfferAt,
  }))
  const agentConnectedAt = await agentPage.evaluate(
    () => (window as unknown as { __benchConnectedAt: number }).__benchConnectedAt,
  )
  const frameEpoch = accepted.epoch + firstFrameMs
  return {
    consentToOfferMs: offerAt - consentAt,
    offerToConnectedMs: agentConnectedAt - offerAt,
    connectedToFrameMs: frameEpoch - agentConnectedAt,
    agentPage,
    userPage,
    bridge,
    firstFrameMs,
    acceptToConsentMs: consentAt - accepted.epoch,
    consentToFrameMs: firstFrameMs - (consentAt - accepted.epoch),
    async close() {
      await userPage.keyboard.press('Control+Shift+S')
      await userPage.getByRole('heading', { name: 'Session ended' }).waitFor()
      await userContext.close()
      await agentContext.close()
    },
  }
}

async function measureInput(session: Session): Promise<{ total: number[]; toRenderer: number[] }> {
  const { agentPage, userPage, bridge } = session
  const panel = agentPage.getByRole('complementary', { name: 'Remote sessions' }).getByRole('region', {
    name: /Remote session with/,
  })
  await panel.getByRole('button', { name: 'Request control' }).click()
  await panel.getByRole('button', { name: 'Take control' }).click()
  await panel.getByRole('button', { name: 'Release control' }).waitFor()
  await until('control to reach the input service', () => bridge.controlStates.at(-1)?.granted)
  await agentPage.evaluate(() => {
    const downs: number[] = []
    ;(window as unknown as { __benchDowns: number[] }).__benchDowns = downs
    addEventListener('pointerdown', (event) => downs.push(performance.timeOrigin + event.timeStamp), true)
  })
  const video = panel.getByLabel('User’s screen', { exact: true })
  const box = (await video.boundingBox())!
  const total: number[] = []
  const toRenderer: number[] = []
  for (let i = -warmups; i < runs; i++) {
    const x = box.x + box.width * (0.3 + (i % 5) * 0.1)
    const y = box.y + box.height * (0.3 + Math.floor(i / 5) * 0.1)
    await agentPage.mouse.click(x, y)
    const n = i + warmups
    const index = await until('the injected click', () => {
      let seen = -1
      for (let k = 0; k < bridge.injected.length; k++) {
        if (bridge.injected[k] === 'left down' && ++seen === n) return k
      }
      return undefined
    })
    const sent = await agentPage.evaluate((k) => (window as unknown as { __benchDowns: number[] }).__benchDowns[k]!, n)
    const handed = await userPage.evaluate(
      (k) => (window as unknown as { __benchDownsHanded: number[] }).__benchDownsHanded[k]!,
      n,
    )
    if (i >= 0) {
      total.push(bridge.injectedAt[index]! - sent)
      toRenderer.push(handed - sent)
    }
    await sleep(50)
  }
  return { total, toRenderer }
}

const bare = await baseline()
console.error(
  `baseline: first frame ${JSON.stringify(stats(bare.firstFrame))}, input ${JSON.stringify(stats(bare.input))}`,
)

let firstline: {
  firstFrame: number[]
  acceptToConsent: number[]
  consentToFrame: number[]
  consentToOffer: number[]
  offerToConnected: number[]
  connectedToFrame: number[]
  input: number[]
  inputToRenderer: number[]
} | null = null
let firstlineError: string | null = null
try {
  const storageState = await signIn()
  const firstFrame: number[] = []
  const acceptToConsent: number[] = []
  const consentToFrame: number[] = []
  const consentToOffer: number[] = []
  const offerToConnected: number[] = []
  const connectedToFrame: number[] = []
  let input = { total: [] as number[], toRenderer: [] as number[] }
  for (let run = -warmups; run < runs; run++) {
    const session = await openSession(storageState, run + warmups)
    if (run >= 0) {
      firstFrame.push(session.firstFrameMs)
      acceptToConsent.push(session.acceptToConsentMs)
      consentToFrame.push(session.consentToFrameMs)
      consentToOffer.push(session.consentToOfferMs)
      offerToConnected.push(session.offerToConnectedMs)
      connectedToFrame.push(session.connectedToFrameMs)
    }
    if (run === runs - 1) input = await measureInput(session)
    await session.close()
    const label = run < 0 ? 'warm-up' : `session ${run + 1}/${runs}`
    process.stderr.write(`\r${label}: first frame ${session.firstFrameMs.toFixed(0)} ms   `)
  }
  process.stderr.write('\n')
  firstline = {
    firstFrame,
    acceptToConsent,
    consentToFrame,
    consentToOffer,
    offerToConnected,
    connectedToFrame,
    input: input.total,
    inputToRenderer: input.toRenderer,
  }
} catch (error) {
  firstlineError = error instanceof Error ? error.message.split('\n')[0]! : String(error)
  console.error('the Firstline path failed:', error)
}

await browser.close()
await hub.close()
rmSync(benchDir, { recursive: true, force: true })

const bf = stats(bare.firstFrame)
const bi = stats(bare.input)
const ff = firstline ? stats(firstline.firstFrame) : null
const fi = firstline ? stats(firstline.input) : null
console.log(
  JSON.stringify({
    runs,
    firstFrameMedianMs: ff?.median ?? null,
    firstFrameP95Ms: ff?.p95 ?? null,
    bareFirstFrameMedianMs: bf.median,
    bareFirstFrameP95Ms: bf.p95,
    firstFrameRatioMedian: ff ? Number((ff.median / bf.median).toFixed(2)) : null,
    acceptToConsentMedianMs: firstline ? stats(firstline.acceptToConsent).median : null,
    consentToFrameMedianMs: firstline ? stats(firstline.consentToFrame).median : null,
    consentToOfferMedianMs: firstline ? stats(firstline.consentToOffer).median : null,
    offerToConnectedMedianMs: firstline ? stats(firstline.offerToConnected).median : null,
    connectedToFrameMedianMs: firstline ? stats(firstline.connectedToFrame).median : null,
    inputMedianMs: fi?.median ?? null,
    inputP95Ms: fi?.p95 ?? null,
    inputToRendererMedianMs: firstline ? stats(firstline.inputToRenderer).median : null,
    inputToRendererP95Ms: firstline ? stats(firstline.inputToRenderer).p95 : null,
    bareInputMedianMs: bi.median,
    bareInputP95Ms: bi.p95,
    ...(firstlineError ? { firstlineError } : {}),
  }),
)
