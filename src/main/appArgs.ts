import { z } from 'zod'
import { appKindSchema, type AppKind } from '@shared/api/contract'
import { normaliseEnrolmentCode } from '@shared/enrolment'
import { describeZodError } from '@shared/errors'

const hubUrlSchema = z.url({ protocol: /^https?$/ })

export interface AppOptions {
  kind: AppKind
  hubUrl: string
  /** `--enrol=CODE`: the Get Help enrolment to take on first start (checked with the hub before it is kept). */
  enrol?: string
}

export const defaultHubUrl = 'http://127.0.0.1:4780'

/**
 * Reads `--app=console|gethelp`, `--hub=URL` (or FIRSTLINE_HUB_URL) and `--enrol=CODE`; console is
 * the default.
 */
export function parseAppOptions(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { ok: true; value: AppOptions } | { ok: false; error: string } {
  const flag = (name: string): string | undefined =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
  const kind = appKindSchema.safeParse(flag('app') ?? 'console')
  if (!kind.success) return { ok: false, error: `--app must be console or gethelp (${describeZodError(kind.error)})` }
  const hubUrl = hubUrlSchema.safeParse(flag('hub') ?? env.FIRSTLINE_HUB_URL ?? defaultHubUrl)
  if (!hubUrl.success)
    return { ok: false, error: `the hub address must be an http(s) URL (${describeZodError(hubUrl.error)})` }
  const enrolFlag = flag('enrol')
  const enrol = enrolFlag === undefined ? null : normaliseEnrolmentCode(enrolFlag)
  if (enrolFlag !== undefined && !enrol)
    return { ok: false, error: '--enrol must be an enrolment code of 16 characters, e.g. ABCD-EFGH-JKMN-PQRS' }
  return {
    ok: true,
    value: { kind: kind.data, hubUrl: hubUrl.data.replace(/\/$/, ''), ...(enrol ? { enrol } : {}) },
  }
}
