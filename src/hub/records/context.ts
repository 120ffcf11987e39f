import type { Account } from '@shared/auth'
import type { RecordAuthor } from '@shared/records/common'
import type { CommandResult } from '@shared/sync'
import type { Realtime } from '../realtime'
import type { Database } from '../storage/db'
import { currentCursor } from '../tickets/repository'
import { applyTicketEdit, type TicketEdit } from './ticketEffects'

/** What every record operation needs: storage, the live channel and the hub's clock. */
export class RecordContext {
  constructor(
    readonly db: Database,
    private readonly realtime: Realtime | null,
    readonly now: () => Date = () => new Date(),
  ) {}

  stamp(): string {
    return this.now().toISOString()
  }

  /** A ticket command on behalf of the account; tells Consoles to sync when it changed the ticket. */
  async editTicket(account: Account, ticketId: string, key: string, edit: TicketEdit): Promise<CommandResult> {
    const result = await applyTicketEdit(this.db, account, ticketId, key, edit, this.now)
    if (result.status === 'applied' && !result.duplicate) await this.ticketsChanged(account)
    return result
  }

  /** Tells Consoles to sync: tickets of the account's organisation changed. */
  async ticketsChanged(account: Account): Promise<void> {
    if (!this.realtime) return
    const organisationId = account.organisation.id
    this.realtime.broadcast(organisationId, { type: 'changed', cursor: await currentCursor(this.db, organisationId) })
  }

  /** Consoles showing records fetch them again. */
  recordsChanged(account: Account): void {
    this.realtime?.broadcast(account.organisation.id, { type: 'records_changed' })
  }
}

export const authorOf = (account: Account): RecordAuthor => ({ id: account.id, name: account.displayName })
