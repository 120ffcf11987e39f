import { join } from 'node:path'
import rateLimit from '@fastify/rate-limit'
import websocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { maxMessageBytes } from '@shared/hubProtocol'
import type { SignInThrottle } from './auth/signInThrottle'
import { defaultIdleMinutes } from './auth/tokens'
import type { HubConfig } from './config'
import { registerEdge } from './edge'
import { redactError } from './errorLog'
import { accountRoutes } from './accounts/routes'
import { defaultAttachmentLimits } from './attachments/limits'
import { attachmentRoutes } from './attachments/routes'
import { auditRoutes } from './audit/routes'
import { groupRoutes } from './groups/routes'
import { kbRoutes } from './kb/routes'
import { peopleRoutes } from './people/routes'
import { slaRoutes } from './people/slaRoutes'
import { Realtime } from './realtime'
import { authRoutes } from './routes/auth'
import { healthRoutes } from './routes/health'
import { organisationRoutes } from './routes/organisation'
import { socketRoutes } from './routes/socket'
import { installStorableInput, UnstorableInputError } from './routes/storableInput'
import { sessionRoutes } from './sessions/plugin'
import { webRoutes } from './routes/web'
import { recordRoutes } from './records/routes'
import { ticketRoutes } from './tickets/routes'
import { signInAdminRoutes } from './signIn/adminRoutes'
import { deliveryRoutes } from './mail/deliveryRoutes'
import type { SmtpOptions } from './mail/sender'
import { mailSettingsRoutes } from './mail/settingsRoutes'
import { mailTemplateRoutes } from './mail/templates/routes'
import { MailWorker } from './mail/worker'
import { signInRoutes } from './signIn/routes'
import { protectDirectorySecrets } from './signIn/repository'
import { createSecretBox, processSecretBox, type SecretBox } from './signIn/secretBox'
import { loadSecretKey } from './signIn/secretKey'
import { getHelpRoutes } from './gethelp/routes'
import { MailIntake } from './mail/imap/reader'
import { mailboxAdminRoutes } from './mail/imap/routes'
import { receivedMailRoutes } from './mail/intake/routes'
import { intakeSettingsRoutes } from './mail/intake/settingsRoutes'
import { currentCursor } from './tickets/repository'
import { demoEnrolment, type DemoEnrolment } from './enrolment/demo'
import { enrolmentRoutes } from './enrolment/routes'
import { ensureGroups, seedDemoOrganisation, type DemoLogin } from './seed'
import { openDatabase, type Database } from './storage/db'
import { migrate } from './storage/migrate'

export interface Hub {
  app: FastifyInstance
  db: Database
  realtime: Realtime
  /** Logins created on this start; empty when the database was seeded before. */
  demoLogins: DemoLogin[]
  /** The demo customer's Get Help enrolment (code and link), on every start while it exists. */
  demoEnrolment: DemoEnrolment | null
  url: string
  close(): Promise<void>
}

export async function openHubDatabase(config: Pick<HubConfig, 'dataDir' | 'databaseUrl'>): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: join(config.dataDir, 'pglite') })
}

/** Builds the HTTP + WebSocket app around an open, migrated database. */
export async function buildApp(
  db: Database,
  realtime: Realtime,
  config: Pick<HubConfig, 'webDir' | 'logLevel' | 'sessions'> &
    Partial<
      Pick<HubConfig, 'trustedProxies' | 'allowedOrigins' | 'tokenIdleMinutes' | 'invitationDays' | 'attachments'>
    > & {
      signInThrottle?: SignInThrottle
      /** Seals and opens directory secrets; a key of this process when omitted (tests). */
      secrets?: SecretBox
      /** Where log lines go instead of stdout (tests read them). */
      logStream?: { write(line: string): void }
      /** Reads the configured mailboxes once started; admin changes restart the mailbox concerned. */
      mailIntake?: MailIntake
      /** TLS trust for the SMTP server (a private CA); system CAs when omitted. */
      smtp?: SmtpOptions
    },
) {
  const app = Fastify({
    // Errors are logged without the values they carry (SQL parameters, DETAIL rows).
    logger: {
      level: config.logLevel,
      serializers: { err: redactError },
      ...(config.logStream ? { stream: config.logStream } : {}),
    },
    bodyLimit: 1024 * 1024,
    // Behind the TLS proxy, request.ip (and so each rate-limit bucket) is the client the proxy names.
    trustProxy: config.trustedProxies?.length ? config.trustedProxies : false,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.decorateRequest('account', null)
  installStorableInput(app)
  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const message = error.validation
        .map((issue) => `${issue.instancePath.slice(1) || 'body'}: ${issue.message}`)
        .join('; ')
      return reply.code(400).send({ error: 'invalid_request', message })
    }
    if (error instanceof UnstorableInputError) {
      return reply.code(400).send({ error: 'invalid_request', message: error.message })
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) request.log.error(error)
    return reply.code(status).send({
      error: status === 429 ? 'too_many_requests' : status >= 500 ? 'internal' : 'bad_request',
      message: status >= 500 ? 'The hub failed to handle this request.' : (error as Error).message,
    })
  })
  const secrets = config.secrets ?? processSecretBox()
  await registerEdge(app, config.allowedOrigins ?? [])
  await app.register(rateLimit, { global: false })
  await app.register(websocket, { options: { maxPayload: maxMessageBytes * 2 } })
  await app.register(healthRoutes(db))
  await app.register(
    authRoutes(db, realtime, { throttle: config.signInThrottle, tokenIdleMinutes: config.tokenIdleMinutes, secrets }),
  )
  await app.register(organisationRoutes(db))
  await app.register(signInRoutes(db, { tokenIdleMinutes: config.tokenIdleMinutes, secrets }))
  await app.register(signInAdminRoutes(db, secrets))
  const mailIntake = config.mailIntake ?? new MailIntake(db, secrets)
  app.addHook('onClose', () => mailIntake.stop())
  await app.register(mailboxAdminRoutes(db, secrets, { changed: (id) => mailIntake.refresh(id) }))
  await app.register(receivedMailRoutes(db))
  await app.register(intakeSettingsRoutes(db, () => mailIntake.defaults))
  await app.register(mailSettingsRoutes(db, secrets, config.smtp ?? {}))
  await app.register(mailTemplateRoutes(db))
  await app.register(deliveryRoutes(db))
  await app.register(attachmentRoutes(db, config.attachments ?? defaultAttachmentLimits))
  await app.register(kbRoutes(db))
  await app.register(ticketRoutes(db, realtime))
  await app.register(recordRoutes(db, realtime))
  await app.register(groupRoutes(db, realtime))
  await app.register(auditRoutes(db))
  await app.register(
    accountRoutes(db, realtime, {
      invitationDays: config.invitationDays ?? 7,
      tokenIdleMinutes: config.tokenIdleMinutes ?? defaultIdleMinutes,
    }),
  )
  await app.register(peopleRoutes(db))
  await app.register(slaRoutes(db))
  await app.register(enrolmentRoutes(db))
  await app.register(getHelpRoutes(db, realtime))
  await app.register(socketRoutes(db, realtime))
  await app.register(sessionRoutes(db, config, realtime))
  await app.register(webRoutes(config.webDir))
  return app
}

/** Opens storage, runs migrations, seeds a new installation and starts listening. */
export async function startHub(config: HubConfig): Promise<Hub> {
  const db = await openHubDatabase(config)
  await migrate(db)
  // PGlite's first start is someone trying Firstline: they get the demo. PostgreSQL is a real
  // desk: demo data only when asked for, and the first admin from `npm run admin:create`.
  const demoLogins = !config.databaseUrl || config.demo ? await seedDemoOrganisation(db) : []
  await ensureGroups(db)
  const secretKey = loadSecretKey(config)
  const secrets = createSecretBox(secretKey.key)
  const secretsCheck = await protectDirectorySecrets(
    db,
    secrets,
    secretKey.previous ? createSecretBox(secretKey.previous) : null,
  )
  const realtime = new Realtime()
  const mailIntake = new MailIntake(db, secrets, {
    onIntake: (organisationId, outcome) => {
      if (outcome.kind !== 'new' && outcome.kind !== 'reply') return
      void currentCursor(db, organisationId).then(
        (cursor) => realtime.broadcast(organisationId, { type: 'changed', cursor }),
        () => undefined,
      )
    },
    log: (message) => app.log.warn(message),
    ...(config.mailIntake ? { settings: config.mailIntake } : {}),
    ...(config.attachments ? { attachmentLimits: config.attachments } : {}),
  })
  const app = await buildApp(db, realtime, { ...config, secrets, mailIntake })
  reportSecretKey(app, config, secretKey, secretsCheck)
  await app.listen({ host: config.host, port: config.port })
  await mailIntake.start()
  // One mail worker per hub; several hubs on one PostgreSQL share the outbox without sending twice.
  const mailWorker = new MailWorker(db, secrets, { log: (line) => app.log.warn(line) })
  mailWorker.start()
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${host}:${port}`
  return {
    app,
    db,
    realtime,
    demoLogins,
    demoEnrolment: await demoEnrolment(db, url),
    url,
    async close() {
      await mailIntake.stop()
      realtime.closeAll()
      await mailWorker.stop()
      await app.close()
      await db.close()
    },
  }
}

/** Says at start-up what a database dump would reveal, and which secrets an admin must re-enter. */
function reportSecretKey(
  app: FastifyInstance,
  config: HubConfig,
  key: ReturnType<typeof loadSecretKey>,
  check: Awaited<ReturnType<typeof protectDirectorySecrets>>,
): void {
  if (check.sealed > 0)
    app.log.warn(
      `sealed ${check.sealed} directory secret(s) stored in plain text by an older hub, or under the previous key`,
    )
  if (check.unreadable.length > 0)
    app.log.error(
      `${check.unreadable.length} directory secret(s) cannot be opened with the secret key from ` +
        `${key.source === 'env' ? 'FIRSTLINE_SECRET_KEY' : key.file}: ${check.unreadable.join('; ')}. ` +
        'Start the hub with the key they were stored with, or re-enter them under Administration → Sign-in; ' +
        'until then those sign-ins are refused.',
    )
  if (config.databaseUrl && key.source === 'file')
    app.log.warn(
      `FIRSTLINE_SECRET_KEY is not set: directory secrets in PostgreSQL are sealed with the key in ${key.file}. ` +
        'Set FIRSTLINE_SECRET_KEY (the same on every hub sharing this database) and keep it out of database backups.',
    )
}
