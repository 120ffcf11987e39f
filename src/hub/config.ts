import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { describeZodError } from '@shared/errors'

const envSchema = z.object({
  FIRSTLINE_HOST: z.string().min(1).default('127.0.0.1'),
  FIRSTLINE_PORT: z.coerce.number().int().min(0).max(65535).default(4780),
  FIRSTLINE_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  FIRSTLINE_WEB_DIR: z.string().min(1).optional(),
  FIRSTLINE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
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
    },
  }
}
