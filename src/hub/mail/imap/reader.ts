import type { ImapFlow } from 'imapflow'
import { defaultIntakeSettings, storableText, type InboundMessage, type IntakeSettings } from '@shared/mail/inbound'
import type { SecretBox } from '../../signIn/secretBox'
import type { Database } from '../../storage/db'
import { parseInbound } from '../intake/parse'
import type { AttachmentLimits } from '../../attachments/limits'
import { intakeMessage, type IntakeOutcome } from '../intake/service'
import { imapClient, serverAnswer } from './connection'
import { enabledMailboxes, findMailbox, noteMailboxState, type MailboxAccess } from './mailboxes'

export interface ReaderOptions {
  /** Called after each message was taken in (and committed). */
  onIntake?: (organisationId: string, outcome: IntakeOutcome) => void
  log?: (message: string) => void
  /** Reconnecting waits this long first, doubling up to the maximum while the server stays away. */
  backoff?: { initialMs: number; maxMs: number }
  /** Addresses the hub sends from besides the mailboxes' own. */
  ownAddresses?: () => readonly string[]
  /** The reopen window and the per-sender limit; defaults when omitted. */
  settings?: IntakeSettings
  /** Per-file and per-ticket limits for the files mail carries; defaults when omitted. */
  attachmentLimits?: AttachmentLimits
}

const defaultBackoff = { initialMs: 1_000, maxMs: 5 * 60_000 }

/** A message the parser could not read is kept (as no one's mail) so it does not block the ones after it. */
function unreadable(raw: Buffer): InboundMessage {
  return {
    messageId: null,
    inReplyTo: null,
    references: [],
    from: null,
    subject: '',
    text: storableText(raw.toString('utf8').slice(0, 100_000)),
    autoReply: null,
    bulk: false,
    bounce: null,
  }
}

/**
 * Reads one mailbox: connects, takes in everything after the stored position, then waits in IDLE
 * for new mail; reconnects with backoff when the connection breaks. The position lives in the
 * database and moves only with what each message produced, so a hub stopped at any moment goes
 * on where it was. When the folder's UIDVALIDITY changed, it reads the folder from the start, and
 * intake skips what it knows by Message-ID.
 */
export class MailboxReader {
  private stopped = false
  private client: ImapFlow | null = null
  private wake: (() => void) | null = null
  private running: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    readonly mailboxId: string,
    private readonly options: ReaderOptions = {},
  ) {}

  start(): void {
    this.running = this.run()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wake?.()
    this.client?.close()
    await this.running
  }

  private log(message: string) {
    this.options.log?.(`mailbox ${this.mailboxId}: ${message}`)
  }

  private async run(): Promise<void> {
    const backoff = this.options.backoff ?? defaultBackoff
    let delay = backoff.initialMs
    while (!this.stopped) {
      let failed = false
      try {
        failed = await this.session()
      } catch (error) {
        failed = true
        this.log(`reading failed: ${serverAnswer(error)}`)
        await noteMailboxState(this.db, this.mailboxId, serverAnswer(error), new Date()).catch(() => undefined)
      }
      this.client = null
      if (this.stopped) break
      await this.pause(failed ? delay : backoff.initialMs)
      delay = failed ? Math.min(delay * 2, backoff.maxMs) : backoff.initialMs
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  /** One connection's life; true when it ended by a failure. */
  private async session(): Promise<boolean> {
    const mailbox = await findMailbox(this.db, this.secrets, this.mailboxId)
    if (!mailbox || !mailbox.enabled) {
      this.stopped = true
      return false
    }
    if (mailbox.password === null) throw new Error('the stored password cannot be opened with this hub’s key')
    const client = imapClient(mailbox)
    this.client = client
    if (this.stopped) return false
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    let failure: unknown = null
    client.on('error', (error: unknown) => {
      failure = error
    })
    await client.connect()
    // No mailbox lock: imapflow goes into IDLE only while none is held. This reader is the
    // connection's only user and runs its catch-ups one after the other.
    await client.mailboxOpen(mailbox.folder)
    let queue = Promise.resolve()
    const catchUp = () => {
      queue = queue
        .then(() => this.catchUp(client, mailbox))
        .catch((error: unknown) => {
          failure = error
          client.close()
        })
      return queue
    }
    client.on('exists', () => void catchUp())
    await catchUp()
    if (failure === null) await noteMailboxState(this.db, this.mailboxId, null, new Date())
    await closed
    await queue
    if (failure !== null && !this.stopped) {
      await noteMailboxState(this.db, this.mailboxId, serverAnswer(failure), new Date())
      this.log(`connection ended: ${serverAnswer(failure)}`)
      return true
    }
    return false
  }

  private async catchUp(client: ImapFlow, mailbox: MailboxAccess): Promise<void> {
    const opened = client.mailbox
    if (!opened || this.stopped) return
    const uidValidity = String(opened.uidValidity)
    const stored = await findMailbox(this.db, this.secrets, this.mailboxId)
    if (!stored) return
    const from = stored.uidValidity === uidValidity ? stored.lastUid + 1 : 1
    if (opened.exists === 0) return
    for await (const fetched of client.fetch(`${from}:*`, { uid: true, source: true }, { uid: true })) {
      // `N:*` answers the last message even when its UID is below N.
      if (fetched.uid < from || !fetched.source || this.stopped) continue
      const message = await parseInbound(fetched.source).catch(() => unreadable(fetched.source!))
      const outcome = await intakeMessage(this.db, {
        organisationId: mailbox.organisationId,
        message,
        files: 'files' in message ? message.files : [],
        position: { mailboxId: mailbox.id, uidValidity, uid: fetched.uid },
        ownAddresses: this.options.ownAddresses?.() ?? [],
        ...(this.options.settings ? { settings: this.options.settings } : {}),
        ...(this.options.attachmentLimits ? { attachmentLimits: this.options.attachmentLimits } : {}),
      })
      this.options.onIntake?.(mailbox.organisationId, outcome)
    }
  }
}

/** Every enabled mailbox's reader; admin changes restart the one concerned. */
export class MailIntake {
  private readonly readers = new Map<string, MailboxReader>()
  private started = false

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly options: ReaderOptions = {},
  ) {}

  /** The hub's intake settings, in force where an organisation saved none of its own. */
  get defaults(): IntakeSettings {
    return this.options.settings ?? defaultIntakeSettings
  }

  async start(): Promise<void> {
    this.started = true
    for (const mailbox of await enabledMailboxes(this.db, this.secrets)) this.launch(mailbox.id)
  }

  /** After a mailbox was added, changed or removed: reads it anew, or stops reading it. */
  async refresh(mailboxId: string): Promise<void> {
    await this.readers.get(mailboxId)?.stop()
    this.readers.delete(mailboxId)
    if (!this.started) return
    const mailbox = await findMailbox(this.db, this.secrets, mailboxId)
    if (mailbox?.enabled) this.launch(mailboxId)
  }

  async stop(): Promise<void> {
    this.started = false
    await Promise.all([...this.readers.values()].map((reader) => reader.stop()))
    this.readers.clear()
  }

  private launch(mailboxId: string) {
    const reader = new MailboxReader(this.db, this.secrets, mailboxId, this.options)
    this.readers.set(mailboxId, reader)
    reader.start()
  }
}
