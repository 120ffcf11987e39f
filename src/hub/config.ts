import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { describeZodError } from '@shared/errors'
import type { SessionSettings } from './sessions/settings'

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
    FIRSTLINE_TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    FIRSTLINE_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .min(1)
      .max(24 * 60)
      .default(30),
    FIRSTLINE_SESSION_RECONNECT_SECONDS: z.coerce.number().min(1).max(3600).default(60),
    FIRSTLINE_SESSION_CODE_SECRET: z.string().min(16).optional(),
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
    },
  }
}
