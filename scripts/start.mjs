// `npm start`: builds the app, starts the hub on its embedded database, then opens the Console in
// Electron. Where Electron cannot start, the web Console keeps being served at the printed URL.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const port = process.env.FIRSTLINE_PORT ?? '4780'
const host = process.env.FIRSTLINE_HOST ?? '127.0.0.1'
const hubUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname

const build = spawnSync(bin('electron-vite'), ['build'], { stdio: ['ignore', 'ignore', 'inherit'] })
if (build.status !== 0) {
  console.error('firstline: the build failed (see above)')
  process.exit(1)
}

const hub = spawn(process.execPath, ['--import', 'tsx', 'src/hub/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, FIRSTLINE_PORT: port, FIRSTLINE_HOST: host },
})
hub.on('exit', (code) => process.exit(code ?? 1))
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => hub.kill(signal))

async function waitForHub() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${hubUrl}/health`)).ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

if (!(await waitForHub())) {
  console.error(`firstline: the hub did not answer at ${hubUrl} within 30 s`)
  hub.kill()
  process.exit(1)
}
console.log(`\nFirstline Console (web): ${hubUrl}/`)

/** Electron's binary, or why there is none. Never starts a download where downloads are switched off. */
function findElectron() {
  const require = createRequire(import.meta.url)
  const dir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  const installed = existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8')))
  if (!installed && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { error: 'its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set' }
  }
  try {
    return { path: require('electron') }
  } catch (error) {
    return { error: String(error instanceof Error ? error.message : error).split('\n')[0] }
  }
}

const electron = findElectron()
const electronPath = electron.path
if (!electronPath) {
  console.log(
    `Electron cannot start here (${electron.error}); the web Console stays at ${hubUrl}/ (Ctrl+C stops the hub).`,
  )
}
if (electronPath) {
  const app = spawn(electronPath, ['.', '--app=console', `--hub=${hubUrl}`], { stdio: 'inherit' })
  app.on('error', (error) =>
    console.log(`Electron cannot start here (${error.message}); the web Console stays at ${hubUrl}/.`),
  )
  app.on('exit', (code) => {
    if (code === 0) hub.kill('SIGTERM')
  })
}
