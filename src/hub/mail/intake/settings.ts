import { intakeSettingsInputSchema, type IntakeSettings } from '@shared/mail/settings'
import type { Queryable } from '../../storage/db'

/**
 * The organisation's intake settings, kept under `intake` in its `mail_settings.data` beside the
 * SMTP settings (which may not exist yet: then the row holds only these). Null while the
 * organisation uses the hub's defaults, or when what is stored no longer reads.
 */
export async function findIntakeSettings(q: Queryable, organisationId: string): Promise<IntakeSettings | null> {
  const [row] = await q.query<{ intake: unknown }>(
    `select data -> 'intake' as intake from mail_settings where organisation_id = $1`,
    [organisationId],
  )
  const raw = typeof row?.intake === 'string' ? (JSON.parse(row.intake) as unknown) : row?.intake
  const parsed = intakeSettingsInputSchema.safeParse(raw)
  return parsed.success ? parsed.data : null
}

/** Stores the organisation's intake settings, leaving its SMTP settings as they are. */
export async function saveIntakeSettings(tx: Queryable, organisationId: string, settings: IntakeSettings) {
  await tx.query(
    `insert into mail_settings (organisation_id, data, updated_at) values ($1, jsonb_build_object('intake', $2::jsonb), now())
     on conflict (organisation_id) do update
       set data = mail_settings.data || jsonb_build_object('intake', $2::jsonb), updated_at = now()`,
    [organisationId, JSON.stringify(settings)],
  )
}

/** Back to the hub's defaults. */
export async function clearIntakeSettings(tx: Queryable, organisationId: string) {
  await tx.query(`update mail_settings set data = data - 'intake', updated_at = now() where organisation_id = $1`, [
    organisationId,
  ])
}
