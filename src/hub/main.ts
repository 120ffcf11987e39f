import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadHubConfig } from './config'
import { startHub } from './server'
import { countOrganisations } from './storage/accounts'

const config = loadHubConfig(process.env, fileURLToPath(new URL('../../out/renderer', import.meta.url)))
if (!config.ok) {
  console.error(`firstline hub: ${config.error}`)
  process.exit(2)
}

// `npm run hub -- --demo` seeds the demo organisation on PostgreSQL too (as FIRSTLINE_DEMO=1 does).
const hub = await startHub({ ...config.value, demo: config.value.demo || process.argv.includes('--demo') })
const where = config.value.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.value.dataDir}`
console.log(`Firstline hub ${hub.url} (storage: ${where})`)
console.log(`Web Console: ${hub.url}/   Get Help: ${hub.url}/gethelp`)
if (hub.demoEnrolment) {
  console.log(`Get Help for the demo customer ${hub.demoEnrolment.customer}: ${hub.demoEnrolment.link}`)
  console.log(`  (enrolment code ${hub.demoEnrolment.code}; the desktop app takes --enrol=${hub.demoEnrolment.code})`)
}
if (hub.demoLogins.length > 0) {
  const lines = hub.demoLogins.map((l) => `  ${l.role.padEnd(10)} ${l.email}  password: ${l.password}`)
  console.log(['Demo organisation created. Sign in with:', ...lines].join('\n'))
  // Kept so the logins can be looked up after this first start; readable by this user only.
  mkdirSync(config.value.dataDir, { recursive: true, mode: 0o700 })
  const file = join(config.value.dataDir, 'demo-logins.txt')
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  console.log(`(also written to ${file})`)
}

if (config.value.databaseUrl && (await countOrganisations(hub.db)) === 0) {
  console.log('No organisation yet: create the first administrator with `npm run admin:create -- --help`.')
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void hub.close().then(() => process.exit(0))
  })
}
