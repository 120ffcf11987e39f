import { z } from 'zod'
import { ticketLimits } from '../tickets/limits'

export const mailSecurities = ['tls', 'starttls', 'none'] as const
export const mailSecuritySchema = z.enum(mailSecurities, { error: 'security must be "tls", "starttls" or "none"' })
export type MailSecurity = z.infer<typeof mailSecuritySchema>

const hostSchema = z
  .string()
  .trim()
  .min(1, { error: 'A mailbox needs the IMAP server' })
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, { error: 'host is a name or an address, without a scheme or path' })

/** What an admin enters for a mailbox to read (`POST/PUT /api/admin/mailboxes`). */
export const mailboxInputSchema = z.object({
  name: z.string().trim().min(1, { error: 'A mailbox needs a name' }).max(120),
  /** The support address mail to this box is sent to; mail from it is our own and never a ticket. */
  address: z.email({ error: 'address must be an e-mail address' }).trim().toLowerCase().max(ticketLimits.email),
  host: hostSchema,
  port: z.number().int().min(1).max(65_535),
  security: mailSecuritySchema,
  username: z.string().trim().min(1, { error: 'A mailbox needs the user name' }).max(320),
  /** Required for a new mailbox; left out on an update, the stored one stays. */
  password: z.string().min(1).max(1000).optional(),
  folder: z.string().trim().min(1).max(200).default('INBOX'),
  enabled: z.boolean().default(true),
})
export type MailboxInput = z.infer<typeof mailboxInputSchema>

/** A mailbox as the admin sees it: never the password, and where reading stands. */
export const mailboxSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  host: z.string(),
  port: z.number().int(),
  security: mailSecuritySchema,
  username: z.string(),
  folder: z.string(),
  enabled: z.boolean(),
  /** False when the stored password cannot be opened with this hub's key: re-enter it. */
  passwordSet: z.boolean(),
  uidValidity: z.string().nullable(),
  lastUid: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  lastCheckedAt: z.iso.datetime({ offset: true }).nullable(),
})
export type Mailbox = z.infer<typeof mailboxSchema>

export const mailboxListSchema = z.object({ mailboxes: z.array(mailboxSchema) })

/** The answer of "test the mailbox": what the server said, word for word where it said something. */
export const mailboxTestResultSchema = z.object({
  ok: z.boolean(),
  /** The step that failed, or `done` when all went through. */
  stage: z.enum(['connect', 'login', 'open', 'done']),
  message: z.string(),
  serverResponse: z.string().nullable(),
  messages: z.number().int().nonnegative().nullable(),
})
export type MailboxTestResult = z.infer<typeof mailboxTestResultSchema>
