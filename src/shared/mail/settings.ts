import { z } from 'zod'

export const mailSecurities = ['starttls', 'tls', 'none'] as const
/** `starttls`: plain connection upgraded (required); `tls`: TLS from the first byte (port 465); `none`: loopback relays only. */
export const mailSecuritySchema = z.enum(mailSecurities)
export type MailSecurity = z.infer<typeof mailSecuritySchema>

export const mailLanguageSchema = z.enum(['de', 'en'])
export type MailLanguage = z.infer<typeof mailLanguageSchema>

const hostSchema = z
  .string()
  .trim()
  .min(1, { error: 'The SMTP server is needed' })
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, { error: 'The SMTP server must be a host name or address' })

/** What an admin sets; `password` left out keeps the stored one, `null` removes it. */
export const mailSettingsInputSchema = z.object({
  enabled: z.boolean(),
  host: hostSchema,
  port: z.number().int().min(1).max(65535),
  security: mailSecuritySchema,
  user: z.string().trim().max(320).nullable(),
  password: z.string().min(1).max(1000).nullable().optional(),
  senderName: z.string().trim().min(1, { error: 'A sender name is needed' }).max(200),
  senderAddress: z.email().max(320),
  signature: z.string().max(2000),
  /** Language of mails to people whose contact record names none. */
  language: mailLanguageSchema,
  /**
   * PEM certificate(s) of a private CA that signed the SMTP server's certificate; when set, only
   * these are trusted for it (not the system's CAs). Null: the system's CAs.
   */
  tlsCa: z
    .string()
    .trim()
    .max(100_000)
    .regex(/^(-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*)+$/, {
      error: 'The CA certificate must be in PEM form (-----BEGIN CERTIFICATE----- …)',
    })
    .nullable()
    .default(null),
  /** Sends even when the server's certificate cannot be checked (self-signed): off unless an admin turns it on. */
  allowSelfSigned: z.boolean().default(false),
})
/** What a client sends (the CA and self-signed fields may be left out). */
export type MailSettingsInput = z.input<typeof mailSettingsInputSchema>

/** What the hub shows of the settings: never the password, only whether one is stored. */
export const mailSettingsSchema = mailSettingsInputSchema.omit({ password: true }).extend({
  passwordSet: z.boolean(),
})
export type MailSettings = z.infer<typeof mailSettingsSchema>

export const mailSettingsResponseSchema = z.object({ settings: mailSettingsSchema.nullable() })

export const mailTestInputSchema = z.object({ to: z.email().max(320) })
/** The server's own words: its reply to the message, or why it refused. */
export const mailTestResultSchema = z.object({
  ok: z.boolean(),
  response: z.string(),
})
export type MailTestResult = z.infer<typeof mailTestResultSchema>

/** Intake settings per organisation; the hub's defaults (environment) stand until an admin says otherwise. */
export const intakeSettingsSchema = z.object({
  /** A reply to a ticket resolved at most this long ago reopens it; later it starts a new, linked ticket. */
  reopenWindowDays: z.number().int().min(0).max(365).default(14),
  /** New tickets one sender address may open per hour; further mail is kept but opens none. */
  newTicketsPerHour: z.number().int().min(1).max(10_000).default(20),
})
export type IntakeSettings = z.infer<typeof intakeSettingsSchema>
export const defaultIntakeSettings: IntakeSettings = intakeSettingsSchema.parse({})

/** What an admin saves for the organisation (`PUT /api/admin/mail/intake`): both values, no defaults. */
export const intakeSettingsInputSchema = z.object({
  reopenWindowDays: z.number().int().min(0).max(365),
  newTicketsPerHour: z.number().int().min(1).max(10_000),
})

/** The organisation's intake settings in force, and the hub's defaults they replace. */
export const intakeSettingsResponseSchema = z.object({
  settings: intakeSettingsInputSchema,
  defaults: intakeSettingsInputSchema,
  /** False while the organisation uses the hub's defaults. */
  custom: z.boolean(),
})
export type IntakeSettingsResponse = z.infer<typeof intakeSettingsResponseSchema>
