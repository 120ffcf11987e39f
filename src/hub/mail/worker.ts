import { z } from 'zod'
import { downloadType } from '@shared/attachments/sniff'
import { attachmentContents } from '../attachments/repository'
import type { Database } from '../storage/db'
import type { SecretBox } from '../signIn/secretBox'
import { findMailSettings, onOutboxChange, type OutboxRow } from './outbox'
import { sendMail, type OutgoingMail, type SendOutcome, type SmtpOptions } from './sender'

/** Waits before the 2nd, 3rd, … attempt after a passing refusal (4xx, no connection). */
export const retryDelaysMinutes = [1, 5, 15, 60] as const
export const maxAttempts = retryDelaysMinutes.length + 1

export const smtpPasswordContext = (organisationId: string) => `mail_settings.smtp_password:${organisationId}`

export const interruptedMessage =
  'The hub stopped while sending this mail: it may have been delivered. Check with the requester before sending it again.'

export interface MailWorkerOptions extends SmtpOptions {
  now?: () => Date
  /** A delivery claimed longer ago than this is taken as interrupted (its worker is gone). */
  leaseMs?: number
  /** How often the worker looks for due mail without being woken (other hubs' writes, retries). */
  pollMs?: number
  log?: (message: string) => void
  /** Test seam: replaces the SMTP send. */
  send?: typeof sendMail
}

/**
 * Sends committed deliveries, one hub's worker at a time per row: a row is claimed (`sending`,
 * attempts + 1) in its own statement with `for update skip locked`, then sent, then marked.
 *
 * At most once after the claim: a row still `sending` when its lease ran out (the hub died
 * between claim and mark) is never sent again by a worker; it becomes `unknown` with a message
 * for the agent, who may retry. The Message-ID was fixed when the row was written, so a retried
 * mail is the same mail to the recipient's client.
 */
export class MailWorker {
  /** The injected clock, or null: then the database's clock decides what is due (one clock for all hubs). */
  private readonly clock: (() => Date) | null
  private readonly leaseMs: number
  private readonly pollMs: number
  private readonly log: (message: string) => void
  private readonly send: typeof sendMail
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private again = false
  private stopped = true
  private unsubscribe: (() => void) | null = null

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly options: MailWorkerOptions = {},
  ) {
    this.clock = options.now ?? null
    this.leaseMs = options.leaseMs ?? 10 * 60_000
    this.pollMs = options.pollMs ?? 15_000
    this.log = options.log ?? (() => undefined)
    this.send = options.send ?? sendMail
  }

  /** Starts the loop. On PGlite only this process writes, so every `sending` row is interrupted. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.unsubscribe = onOutboxChange(() => this.wake())
    const firstLease = this.db.kind === 'pglite' ? 0 : this.leaseMs
    this.running = this.recoverInterrupted(firstLease)
      .then(() => undefined)
      .catch((error: unknown) => this.log(`mail outbox recovery failed: ${String(error)}`))
      .finally(() => {
        this.running = null
        this.wake()
      })
  }

  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.log(`mail outbox: ${String(error)}`))
      .finally(() => {
        this.running = null
        if (this.stopped) return
        if (this.again) {
          this.again = false
          this.wake()
        } else {
          this.timer = setTimeout(() => this.wake(), this.pollMs)
          this.timer.unref()
        }
      })
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  /** Sends everything due now; answers how many deliveries it handled. For tests and the loop. */
  async drain(): Promise<number> {
    await this.recoverInterrupted(this.leaseMs)
    let handled = 0
    for (;;) {
      const row = await this.claim()
      if (!row) return handled
      await this.deliver(row)
      handled++
    }
  }

  async recoverInterrupted(leaseMs: number): Promise<number> {
    const rows = await this.db.query(
      `update mail_outbox set state = 'unknown', last_error = $2
       where state = 'sending' and claimed_at <= coalesce($1::timestamptz, now()) - $3::integer * interval '1 millisecond'
       returning id`,
      [this.clock?.() ?? null, interruptedMessage, leaseMs],
    )
    return rows.length
  }

  /** Claims the next due delivery, or null. */
  async claim(): Promise<OutboxRow | null> {
    const [row] = await this.db.query<OutboxRow>(
      `update mail_outbox set state = 'sending', attempts = attempts + 1, claimed_at = coalesce($1::timestamptz, now())
       where id = (select id from mail_outbox
                   where state = 'queued' and next_attempt_at <= coalesce($1::timestamptz, now())
                   order by next_attempt_at, seq limit 1 for update skip locked)
       returning *`,
      [this.clock?.() ?? null],
    )
    return row ?? null
  }

  /** Sends one claimed delivery and records the outcome. */
  async deliver(row: OutboxRow): Promise<SendOutcome> {
    const outcome = await this.attempt(row)
    await this.record(row, outcome)
    return outcome
  }

  async attempt(row: OutboxRow): Promise<SendOutcome> {
    const settings = await findMailSettings(this.db, row.organisation_id)
    if (!settings?.data.enabled)
      return { ok: false, permanent: true, bounce: false, response: 'E-mail is switched off for this organisation.' }
    const password = settings.sealedPassword
      ? this.secrets.open(settings.sealedPassword, smtpPasswordContext(row.organisation_id))
      : null
    if (settings.sealedPassword && password === null)
      return {
        ok: false,
        permanent: true,
        bounce: false,
        response:
          'The SMTP password cannot be opened with this hub’s secret key; enter it again under Administration → E-mail.',
      }
    const attachmentIds = z.array(z.uuid()).catch([]).parse(row.attachment_ids)
    const files = await attachmentContents(this.db, row.organisation_id, attachmentIds)
    const mail: OutgoingMail = {
      to: row.to_address,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      messageId: row.message_id,
      inReplyTo: row.in_reply_to,
      references: row.reference_ids,
      language: row.language,
      autoReply: row.kind === 'acknowledgement',
      ...(files.length
        ? {
            attachments: files.map(({ attachment, content }) => ({
              fileName: attachment.fileName,
              contentType: downloadType(attachment.contentType),
              content,
            })),
          }
        : {}),
    }
    return this.send(settings.data, password, mail, this.options)
  }

  async record(row: OutboxRow, outcome: SendOutcome): Promise<void> {
    const now = this.clock?.() ?? null
    if (outcome.ok) {
      await this.db.query(
        `update mail_outbox set state = 'sent', sent_at = coalesce($2::timestamptz, now()), last_error = null
         where id = $1 and state = 'sending'`,
        [row.id, now],
      )
      return
    }
    const final = outcome.permanent || row.attempts >= maxAttempts
    const delay = retryDelaysMinutes[Math.min(row.attempts, retryDelaysMinutes.length) - 1] ?? 60
    await this.db.query(
      `update mail_outbox set state = $2, last_error = $3,
         next_attempt_at = coalesce($4::timestamptz, now()) + $5::integer * interval '1 minute'
       where id = $1 and state = 'sending'`,
      [row.id, final ? (outcome.bounce ? 'bounced' : 'failed') : 'queued', outcome.response, now, delay],
    )
    if (!final) this.log(`mail ${row.id} refused for now (attempt ${row.attempts}): ${outcome.response}`)
  }
}
