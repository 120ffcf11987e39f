import { z } from 'zod'

/**
 * Get Help enrolment: a code an admin creates for one customer binds a Get Help installation or
 * web page to that customer. 16 characters of Crockford's base32 (80 random bits), shown in four
 * groups (`ABCD-EFGH-JKMN-PQRS`) and read back case-insensitively with or without dashes and
 * spaces; I and L are read as 1, O as 0, the way Crockford's alphabet intends.
 */
export const enrolmentCodeLength = 16
export const crockfordAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** The code in its canonical form (16 upper-case characters, no separators), or null if it cannot be one. */
export function normaliseEnrolmentCode(text: string): string | null {
  if (text.length > 64) return null
  const compact = text.replace(/[\s-]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0')
  if (compact.length !== enrolmentCodeLength) return null
  for (const char of compact) if (!crockfordAlphabet.includes(char)) return null
  return compact
}

/** Four groups of four, the way the Console shows it and a person types it. */
export function formatEnrolmentCode(code: string): string {
  return (normaliseEnrolmentCode(code) ?? code).replace(/(.{4})(?=.)/g, '$1-')
}

/** Bytes (at least 10) as a code: the first 80 bits, five bits per character. */
export function enrolmentCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 10) throw new Error('an enrolment code needs 80 bits')
  let code = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes.subarray(0, 10)) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      code += crockfordAlphabet[(buffer >> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  return code
}

/** The address fragment that carries a code to the Get Help page; a fragment never reaches a server's log. */
export const enrolmentFragment = 'enrol'

/** The code as a body field: any text here, so a missing or mistyped code is refused as "not enrolled", not as a bad request. */
export const enrolmentFieldSchema = z.string().max(64)

export const enrolmentInputSchema = z.object({
  label: z.string().trim().min(1, { error: 'Please name the enrolment (e.g. "Berlin office laptops")' }).max(200),
  /** The end of the last day the code works, or null for no expiry. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
})
export type EnrolmentInput = z.infer<typeof enrolmentInputSchema>

export const enrolmentStates = ['active', 'expired', 'revoked'] as const
export type EnrolmentState = (typeof enrolmentStates)[number]

export const enrolmentSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  label: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  state: z.enum(enrolmentStates),
})
export type Enrolment = z.infer<typeof enrolmentSchema>
export const enrolmentListSchema = z.array(enrolmentSchema)

/** A new enrolment: the code and link are shown to the admin once; the hub keeps only an HMAC of the code. */
export const enrolmentCreatedSchema = z.object({
  enrolment: enrolmentSchema,
  code: z.string(),
  link: z.string(),
})
export type EnrolmentCreated = z.infer<typeof enrolmentCreatedSchema>

export const enrolmentCheckSchema = z.object({ code: enrolmentFieldSchema })

/** What Get Help shows once enrolled: "Get Help for Müller GmbH — Example IT". */
export const enrolmentInfoSchema = z.object({
  organisation: z.object({ name: z.string() }),
  customer: z.object({ name: z.string() }),
})
export type EnrolmentInfo = z.infer<typeof enrolmentInfoSchema>

/** Why the hub refused a code; each is answered 403 with a message that says whom to ask. */
export const enrolmentRefusals = ['not_enrolled', 'enrolment_revoked', 'enrolment_expired'] as const
export type EnrolmentRefusal = (typeof enrolmentRefusals)[number]
export const isEnrolmentRefusal = (error: string): error is EnrolmentRefusal =>
  (enrolmentRefusals as readonly string[]).includes(error)

/** What a Get Help installation keeps (main's user data on the desktop, localStorage on the web). */
export const storedEnrolmentSchema = z.object({
  code: z.string().min(enrolmentCodeLength).max(64),
  organisationName: z.string().max(200),
  customerName: z.string().max(200),
})
export type StoredEnrolment = z.infer<typeof storedEnrolmentSchema>
