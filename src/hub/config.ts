import { isIP } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { describeZodError } from '@shared/errors'
import type { IntakeSettings } from '@shared/mail/inbound'
import { mebibyte, type AttachmentLimits } from './attachments/limits'
import type { SessionSettings } from './sessions/settings'
import { parseSecretKey } from './signIn/secretKey'

const iceUrls = (schemes: RegExp) =>
  z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(schemes, 'must be a comma-separated list of ICE server URLs')))

const commaList = z
  .string()
  .default('')
  .transform((list) =>
    list
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )

/** An address or a CIDR block, as Fastify's trustProxy (proxy-addr) takes them. */
const isAddressOrBlock = (value: string): boolean => {
  const [address = '', bits, ...rest] = value.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (bits === undefined) return true
  const n = Number(bits)
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128)
}

/** `https://host[:port]` exactly: what a browser sends as Origin. */
const isOrigin = (value: string): boolean => {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
  } catch {
    return false
  }
}

const envSchema = z
  .object({
    FIRSTLINE_HOST: z.string().min(1).default('127.0.0.1'),
    FIRSTLINE_PORT: z.coerce.number().int().min(0).max(65535).default(4780),
    FIRSTLINE_DATA_DIR: z.string().min(1).optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    FIRSTLINE_WEB_DIR: z.string().min(1).optional(),
    FIRSTLINE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
    FIRSTLINE_STUN_URLS: iceUrls(/^stuns?:/),
    FIRSTLINE_TURN_URLS: iceUrls(/^turns?:/),
    FIRSTLINE_TURN_SECRET: z.string().min(16).optional(),
    FIRSTLINE_TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(600),
    FIRSTLINE_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .min(1)
      .max(24 * 60)
      .default(30),
    FIRSTLINE_SESSION_RECONNECT_SECONDS: z.coerce.number().min(1).max(3600).default(60),
    FIRSTLINE_SESSION_CODE_SECRET: z.string().min(16).optional(),
    FIRSTLINE_TRUSTED_PROXIES: commaList.pipe(
      z.array(z.string().refine(isAddressOrBlock, 'must be a comma-separated list of IP addresses or CIDR blocks')),
    ),
    FIRSTLINE_ALLOWED_ORIGINS: commaList.pipe(
      z.array(z.string().refine(isOrigin, 'must be a comma-separated list of origins such as https://desk.example')),
    ),
    FIRSTLINE_TOKEN_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(12 * 60),
    FIRSTLINE_INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    FIRSTLINE_DEMO: z.enum(['0', '1', '']).default(''),
    FIRSTLINE_MAIL_REOPEN_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    FIRSTLINE_MAIL_NEW_TICKETS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
    FIRSTLINE_ATTACHMENT_MAX_MB: z.coerce.number().min(0.01).max(100).default(10),
    FIRSTLINE_ATTACHMENT_TICKET_MAX_MB: z.coerce.number().min(0.01).max(10_000).default(50),
    FIRSTLINE_SECRET_KEY: z
      .string()
      .optional()
      .refine((value) => value === undefined || value === '' || parseSecretKey(value) !== null, {
        message: 'must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
      }),
  })
  .refine((env) => env.FIRSTLINE_TURN_URLS.length === 0 || env.FIRSTLINE_TURN_SECRET, {
    message: 'FIRSTLINE_TURN_URLS needs FIRSTLINE_TURN_SECRET (the static-auth-secret of the TURN server)',
    path: ['FIRSTLINE_TURN_SECRET'],
  })

export interface HubConfig {
  host: string
  port: number
  /** Where PGlite keeps its files and where the demo logins are written; unused with DATABASE_URL. */
  dataDir: string
  databaseUrl?: string
  /** The built web Console and Get Help pages; missing folder means API only. */
  webDir: string
  logLevel: z.infer<typeof envSchema>['FIRSTLINE_LOG_LEVEL']
  /** Remote-session settings; defaults (no STUN/TURN) when omitted. */
  sessions?: SessionSettings
  /** Peers whose X-Forwarded-For is believed (the TLS proxy); none when omitted. */
  trustedProxies?: string[]
  /** Web origins besides the hub's own and the desktop app's that may call the API from a browser. */
  allowedOrigins?: string[]
  /** A sign-in token unused for this long stops working; 12 hours when omitted. */
  tokenIdleMinutes?: number
  /** How long an invitation link works; 7 days when omitted. */
  invitationDays?: number
  /** Seed the demo organisation on PostgreSQL too (PGlite's first start always does). */
  demo?: boolean
  /** E-mail intake: the reopen window and the per-sender limit on new tickets; defaults when omitted. */
  mailIntake?: IntakeSettings
  /** Per-file and per-ticket attachment limits; 10 MiB and 50 MiB when omitted. */
  attachments?: AttachmentLimits
  /**
   * The key directory secrets (OpenID client secrets, LDAP bind passwords) are sealed with;
   * when omitted, a key kept in `secret.key` in the data folder, made on the first start.
   */
  secretKey?: Buffer
}

/** The per-user data folder each OS expects, e.g. ~/.local/share/firstline/hub on Linux. */
export function defaultDataDir(env: Record<string, string | undefined>, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Firstline', 'hub')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Firstline', 'hub')
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'firstline', 'hub')
}

export function loadHubConfig(
  env: Record<string, string | undefined>,
  defaultWebDir: string,
): { ok: true; value: HubConfig } | { ok: false; error: string } {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) return { ok: false, error: `invalid hub configuration: ${describeZodError(parsed.error)}` }
  const e = parsed.data
  return {
    ok: true,
    value: {
      host: e.FIRSTLINE_HOST,
      port: e.FIRSTLINE_PORT,
      dataDir: e.FIRSTLINE_DATA_DIR ?? defaultDataDir(env),
      ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
      webDir: e.FIRSTLINE_WEB_DIR ?? defaultWebDir,
      logLevel: e.FIRSTLINE_LOG_LEVEL,
      sessions: {
        stunUrls: e.FIRSTLINE_STUN_URLS,
        turnUrls: e.FIRSTLINE_TURN_URLS,
        turnSecret: e.FIRSTLINE_TURN_SECRET ?? null,
        turnTtlSeconds: e.FIRSTLINE_TURN_TTL_SECONDS,
        idleTimeoutMs: e.FIRSTLINE_SESSION_IDLE_MINUTES * 60_000,
        reconnectGraceMs: e.FIRSTLINE_SESSION_RECONNECT_SECONDS * 1000,
        codeSecret: e.FIRSTLINE_SESSION_CODE_SECRET ?? null,
      },
      trustedProxies: e.FIRSTLINE_TRUSTED_PROXIES,
      allowedOrigins: e.FIRSTLINE_ALLOWED_ORIGINS,
      tokenIdleMinutes: e.FIRSTLINE_TOKEN_IDLE_MINUTES,
      invitationDays: e.FIRSTLINE_INVITATION_DAYS,
      demo: e.FIRSTLINE_DEMO === '1',
      mailIntake: {
        reopenWindowDays: e.FIRSTLINE_MAIL_REOPEN_DAYS,
        newTicketsPerHour: e.FIRSTLINE_MAIL_NEW_TICKETS_PER_HOUR,
      },
      attachments: {
        maxFileBytes: Math.round(e.FIRSTLINE_ATTACHMENT_MAX_MB * mebibyte),
        maxTicketBytes: Math.round(e.FIRSTLINE_ATTACHMENT_TICKET_MAX_MB * mebibyte),
      },
      ...(e.FIRSTLINE_SECRET_KEY ? { secretKey: parseSecretKey(e.FIRSTLINE_SECRET_KEY)! } : {}),
    },
  }
}
