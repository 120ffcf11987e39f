// Sums every test report CI wrote and prints the one closing line: "N passed, N failed".
// A step that failed without a report (type-check, lint, a crash) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const [dir, ...statuses] = process.argv.slice(2)
let passed = 0
let failed = 0

function read(name) {
  const file = join(dir, name)
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
}

for (const name of ['vitest.json', 'vitest-postgres.json']) {
  const report = read(name)
  if (!report) continue
  passed += report.numPassedTests
  failed += report.numFailedTests
}

const playwright = read('playwright.json')
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky
  failed += playwright.stats.unexpected
}

const stepsFailed = statuses.filter((s) => s !== '0').length
if (stepsFailed > 0 && failed === 0) failed = stepsFailed

console.log(`${passed} passed, ${failed} failed`)
process.exit(stepsFailed > 0 || failed > 0 ? 1 : 0)
