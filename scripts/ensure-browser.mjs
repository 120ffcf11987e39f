// The end-to-end tests need a Chromium: Debian's (/usr/bin/chromium) where it is installed, else
// the one Playwright manages. When neither is there, fetch Playwright's, so `npm test` is all a
// newcomer runs.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

const systemChromium = '/usr/bin/chromium'
const managed = (() => {
  try {
    return chromium.executablePath()
  } catch {
    return ''
  }
})()

if (!existsSync(systemChromium) && !(managed && existsSync(managed))) {
  console.log('No Chromium found: installing the browser Playwright manages (once).')
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' })
}
