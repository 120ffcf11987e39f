import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { emailSchema, displayNameSchema } from '@shared/accounts/accounts'
import { loadHubConfig } from '../config'
import { openHubDatabase } from '../server'
import { ensureGroups } from '../seed'
import { migrate } from '../storage/migrate'
import { createFirstAdmin } from './firstAdmin'

const usage = `npm run admin:create -- --email=EMAIL --name="NAME" [--organisation="NAME"] [--password-stdin] [--hub-url=URL]

Creates an administrator in the hub's database (DATABASE_URL, else PGlite in FIRSTLINE_DATA_DIR).
--organisation  the organisation to add the admin to; created when there is none of that name.
                May be left out when the database has exactly one organisation.
--password-stdin  read the password from standard input; otherwise a one-time link is printed
                  with which the admin sets the password (valid FIRSTLINE_INVITATION_DAYS days).
--hub-url       the address people open the hub at, for the link (default FIRSTLINE_HUB_URL or http://127.0.0.1:4780).`

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      'hub-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(usage)
    return 0
  }
  const ask = async (question: string): Promise<string> => {
    if (!process.stdin.isTTY) return ''
    const rl = createInterface({ input: process.stdin, output: process.stdout })
    try {
      return (await rl.question(question)).trim()
    } finally {
      rl.close()
    }
  }
  const email = emailSchema.safeParse(values.email ?? (await ask('E-mail address: ')))
  const name = displayNameSchema.safeParse(values.name ?? (await ask('Name: ')))
  if (!email.success || !name.success) {
    console.error(`admin:create: ${!email.success ? 'a valid --email' : 'a --name'} is needed.\n\n${usage}`)
    return 2
  }
  let password: string | null = null
  if (values['password-stdin']) {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    password = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '')
  }

  const config = loadHubConfig(process.env, fileURLToPath(new URL('../../../out/renderer', import.meta.url)))
  if (!config.ok) {
    console.error(`admin:create: ${config.error}`)
    return 2
  }
  const db = await openHubDatabase(config.value)
  try {
    await migrate(db)
    const result = await createFirstAdmin(db, {
      email: email.data,
      displayName: name.data,
      organisation: values.organisation ?? null,
      password,
      invitationDays: config.value.invitationDays ?? 7,
    })
    await ensureGroups(db)
    if (!result.ok) {
      console.error(`admin:create: ${result.error}`)
      return 1
    }
    const hubUrl = (values['hub-url'] ?? process.env.FIRSTLINE_HUB_URL ?? 'http://127.0.0.1:4780').replace(/\/$/, '')
    const { organisation, link } = result.value
    console.log(`Administrator ${email.data} created in "${organisation}".`)
    if (link) {
      console.log(`Open this link once to set the password (valid until ${link.expiresAt}):`)
      console.log(`  ${hubUrl}/#/reset/${link.token}`)
    } else console.log(`Sign in at ${hubUrl}/`)
    return 0
  } finally {
    await db.close()
  }
}

process.exitCode = await main()
