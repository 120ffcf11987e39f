import type { IncomingHttpHeaders } from 'node:http'
import type { Account, LoginResponse, Role } from '@shared/auth'
import type {
  AcceptInvitation,
  AccountEntry,
  InvitationCreated,
  InviteRequest,
  LinkCreated,
  LinkInfo,
  PasswordChange,
  ProfileUpdate,
  ResetPassword,
} from '@shared/accounts/accounts'
import { checkPassword, passwordProblemMessages } from '@shared/accounts/passwordPolicy'
import { isCommonPassword } from '@shared/accounts/commonPasswords'
import { recordAdminAction } from '../audit/adminAudit'
import { notifyOutbox } from '../mail/outbox'
import { queueAccountMail } from '../mail/templates/accountMail'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { defaultIdleMinutes, hashToken, newSessionToken, sessionLifetimeMs } from '../auth/tokens'
import type { Realtime } from '../realtime'
import { bindClientKind, clientKindOfSignIn } from '../sessions/clientKind'
import { createAccount, createAuthSession, findAccountBySession } from '../storage/accounts'
import type { Database, Queryable } from '../storage/db'
import * as repo from './repository'

/** A refusal the routes answer as it is: a status and a message a person can act on. */
export class AccountsError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface AccountsSettings {
  /** How long an invitation link works; FIRSTLINE_INVITATION_DAYS, 7 by default. */
  invitationDays: number
  tokenIdleMinutes: number
}

/** A reset link is for now, not for later: it works for a day. */
export const resetLinkHours = 24

const notHere = () => new AccountsError(404, 'not_found', 'There is no such account in this organisation.')

/** Refuses a password the policy does not accept, with the policy's reason as the error code. */
export function assertPasswordAllowed(password: string, email: string): void {
  const problem = checkPassword(password, { email, isCommon: isCommonPassword })
  if (problem) throw new AccountsError(400, `password_${problem}`, passwordProblemMessages[problem])
}

export function newLinkToken(): { token: string; tokenHash: string } {
  return newSessionToken()
}

/** `<base>/#/invite/<token>`: the same link the Console shows the admin (the hub serves the web Console at `/`). */
export function accountLink(base: string, kind: 'invitation' | 'reset', token: string): string {
  return `${base.replace(/\/$/, '')}/#/${kind === 'invitation' ? 'invite' : 'reset'}/${token}`
}

export class AccountsService {
  constructor(
    private readonly db: Database,
    private readonly realtime: Realtime | undefined,
    private readonly settings: AccountsSettings = { invitationDays: 7, tokenIdleMinutes: defaultIdleMinutes },
  ) {}

  /** Sockets opened with these tokens close now: the Console, and every session the holder was in. */
  private endSockets(tokenHashes: readonly string[]): void {
    for (const tokenHash of tokenHashes) this.realtime?.revokeToken(tokenHash, 'account_ended')
  }

  async directory(actor: Account, now = new Date()) {
    const organisationId = actor.organisation.id
    return {
      accounts: await repo.listAccounts(this.db, organisationId),
      invitations: await repo.listInvitations(this.db, organisationId, now),
    }
  }

  private async entry(organisationId: string, id: string): Promise<AccountEntry> {
    const found = (await repo.listAccounts(this.db, organisationId)).find((account) => account.id === id)
    if (!found) throw notHere()
    return found
  }

  /**
   * `linkBase`: where the people the link is for open the desk (the hub's public address); with
   * e-mail on, the link is mailed to them from there, in the transaction that creates it.
   */
  async invite(actor: Account, input: InviteRequest, linkBase: string, now = new Date()): Promise<InvitationCreated> {
    const organisationId = actor.organisation.id
    const { token, tokenHash } = newLinkToken()
    const expiresAt = new Date(now.getTime() + this.settings.invitationDays * 24 * 60 * 60 * 1000)
    const { invitation, deliveryId } = await this.db.transaction(async (tx) => {
      if (await repo.emailInUse(tx, input.email))
        throw new AccountsError(409, 'email_taken', 'An account with this e-mail address exists already.')
      // One open invitation per address: a new one replaces an older link that may have gone astray.
      await repo.revokeOpenLinks(tx, organisationId, 'invitation', { email: input.email }, now)
      const id = await repo.insertLink(tx, {
        organisationId,
        kind: 'invitation',
        tokenHash,
        email: input.email,
        role: input.role,
        createdBy: actor.id,
        expiresAt,
      })
      await recordAdminAction(tx, actor, {
        action: 'invitation.created',
        target: { kind: 'invitation', id, name: input.email.toLowerCase() },
        details: { role: input.role, expiresAt: expiresAt.toISOString() },
      })
      const invitation = (await repo.lockInvitation(tx, organisationId, id, now))!
      const deliveryId = await queueAccountMail(tx, organisationId, {
        kind: 'invitation',
        to: invitation.email,
        link: accountLink(linkBase, 'invitation', token),
        expiresAt,
        organisationName: actor.organisation.name,
        role: input.role,
        invitedBy: actor.displayName,
      })
      return { invitation, deliveryId }
    })
    if (deliveryId) notifyOutbox()
    return { invitation, token, expiresAt: expiresAt.toISOString(), mail: deliveryId ? { deliveryId } : null }
  }

  async revokeInvitation(actor: Account, id: string, now = new Date()) {
    const organisationId = actor.organisation.id
    return this.db.transaction(async (tx) => {
      const invitation = await repo.lockInvitation(tx, organisationId, id, now)
      if (!invitation) throw new AccountsError(404, 'not_found', 'There is no such invitation.')
      if (invitation.state !== 'open')
        throw new AccountsError(
          409,
          `invitation_${invitation.state}`,
          `This invitation is ${invitation.state} already.`,
        )
      await repo.revokeLink(tx, id, now)
      await recordAdminAction(tx, actor, {
        action: 'invitation.revoked',
        target: { kind: 'invitation', id, name: invitation.email },
      })
      return { ...invitation, state: 'revoked' as const }
    })
  }

  async changeRole(actor: Account, id: string, role: Role): Promise<AccountEntry> {
    const organisationId = actor.organisation.id
    await this.db.transaction(async (tx) => {
      const admins = await repo.lockActiveAdmins(tx, organisationId)
      const target = await repo.lockAccount(tx, organisationId, id)
      if (!target) throw notHere()
      if (target.role === role) return
      if (target.role === 'admin') {
        if (target.id === actor.id)
          throw new AccountsError(409, 'own_role', 'You cannot take the administrator role from yourself.')
        if (!target.disabled && admins.length <= 1)
          throw new AccountsError(409, 'last_admin', 'This is the last active administrator.')
      }
      await repo.setRole(tx, id, role)
      await recordAdminAction(tx, actor, {
        action: 'account.role_changed',
        target: { kind: 'account', id, name: target.displayName },
        details: { from: target.role, to: role },
      })
    })
    return this.entry(organisationId, id)
  }

  async setActive(actor: Account, id: string, active: boolean, now = new Date()): Promise<AccountEntry> {
    const organisationId = actor.organisation.id
    const ended = await this.db.transaction(async (tx) => {
      const admins = await repo.lockActiveAdmins(tx, organisationId)
      const target = await repo.lockAccount(tx, organisationId, id)
      if (!target) throw notHere()
      if (target.disabled === !active) return []
      if (!active) {
        if (target.id === actor.id) throw new AccountsError(409, 'own_account', 'You cannot deactivate yourself.')
        if (target.role === 'admin' && admins.length <= 1)
          throw new AccountsError(409, 'last_admin', 'This is the last active administrator.')
      }
      await repo.setDisabled(tx, id, !active, now)
      const tokens = active ? [] : await repo.deleteTokensOf(tx, id)
      if (!active) await repo.revokeOpenLinks(tx, organisationId, 'reset', { accountId: id }, now)
      await recordAdminAction(tx, actor, {
        action: active ? 'account.reactivated' : 'account.deactivated',
        target: { kind: 'account', id, name: target.displayName },
        details: active ? {} : { signedOut: tokens.length },
      })
      return tokens
    })
    this.endSockets(ended)
    return this.entry(organisationId, id)
  }

  async createResetLink(actor: Account, id: string, linkBase: string, now = new Date()): Promise<LinkCreated> {
    const organisationId = actor.organisation.id
    const { token, tokenHash } = newLinkToken()
    const expiresAt = new Date(now.getTime() + resetLinkHours * 60 * 60 * 1000)
    const deliveryId = await this.db.transaction(async (tx) => {
      const target = await repo.lockAccount(tx, organisationId, id)
      if (!target) throw notHere()
      if (target.disabled)
        throw new AccountsError(409, 'account_disabled', 'This account is deactivated: reactivate it first.')
      await repo.revokeOpenLinks(tx, organisationId, 'reset', { accountId: id }, now)
      await repo.insertLink(tx, {
        organisationId,
        kind: 'reset',
        tokenHash,
        email: target.email,
        accountId: id,
        createdBy: actor.id,
        expiresAt,
      })
      await recordAdminAction(tx, actor, {
        action: 'account.reset_link_created',
        target: { kind: 'account', id, name: target.displayName },
        details: { expiresAt: expiresAt.toISOString() },
      })
      const [row] = await tx.query<{ language: 'de' | 'en' | null }>('select language from accounts where id = $1', [
        id,
      ])
      return queueAccountMail(tx, organisationId, {
        kind: 'password_reset',
        to: target.email,
        link: accountLink(linkBase, 'reset', token),
        expiresAt,
        organisationName: actor.organisation.name,
        recipientName: target.displayName,
        language: row?.language ?? null,
      })
    })
    if (deliveryId) notifyOutbox()
    return { token, expiresAt: expiresAt.toISOString(), mail: deliveryId ? { deliveryId } : null }
  }

  /** The link, if it still works; otherwise why not. */
  private async usableLink(db: Queryable, token: string, now: Date, lock: boolean) {
    const link = await repo.findLink(db, hashToken(token), lock)
    if (!link)
      throw new AccountsError(404, 'link_unknown', 'This link is not valid. Ask your administrator for a new one.')
    if (link.usedAt)
      throw new AccountsError(
        410,
        'link_used',
        'This link has been used already. Ask your administrator for a new one.',
      )
    if (link.revokedAt)
      throw new AccountsError(410, 'link_revoked', 'This link was withdrawn. Ask your administrator for a new one.')
    if (link.expiresAt <= now)
      throw new AccountsError(410, 'link_expired', 'This link has expired. Ask your administrator for a new one.')
    if (link.kind === 'reset' && link.accountDisabled)
      throw new AccountsError(410, 'link_revoked', 'This account is deactivated. Ask your administrator.')
    return link
  }

  async inspectLink(token: string, now = new Date()): Promise<LinkInfo> {
    const link = await this.usableLink(this.db, token, now, false)
    let displayName = link.displayName
    if (link.kind === 'reset' && link.accountId) {
      const [row] = await this.db.query<{ display_name: string }>('select display_name from accounts where id = $1', [
        link.accountId,
      ])
      displayName = row?.display_name ?? null
    }
    return { kind: link.kind, email: link.email, organisation: link.organisationName, displayName }
  }

  private async signIn(accountId: string, headers: IncomingHttpHeaders, now: Date): Promise<LoginResponse> {
    const { token, tokenHash } = newSessionToken()
    await createAuthSession(this.db, accountId, tokenHash, new Date(now.getTime() + sessionLifetimeMs), {
      seconds: this.settings.tokenIdleMinutes * 60,
      now,
    })
    await bindClientKind(this.db, token, clientKindOfSignIn(headers))
    const account = await findAccountBySession(this.db, tokenHash, now)
    return { token, account: account! }
  }

  async acceptInvitation(input: AcceptInvitation, headers: IncomingHttpHeaders, now = new Date()) {
    const passwordHash = await this.checkedHash(input.password, (await this.inspectLink(input.token, now)).email)
    const accountId = await this.db.transaction(async (tx) => {
      const link = await this.usableLink(tx, input.token, now, true)
      if (link.kind !== 'invitation' || !link.role)
        throw new AccountsError(404, 'link_unknown', 'This link is not an invitation.')
      if (await repo.emailInUse(tx, link.email))
        throw new AccountsError(409, 'email_taken', 'An account with this e-mail address exists already.')
      const id = await createAccount(tx, {
        organisationId: link.organisationId,
        email: link.email,
        displayName: input.displayName,
        role: link.role,
        passwordHash,
      })
      await repo.markLinkUsed(tx, link.id, now, id)
      return id
    })
    return this.signIn(accountId, headers, now)
  }

  async resetPassword(input: ResetPassword, headers: IncomingHttpHeaders, now = new Date()) {
    const passwordHash = await this.checkedHash(input.password, (await this.inspectLink(input.token, now)).email)
    const { accountId, ended } = await this.db.transaction(async (tx) => {
      const link = await this.usableLink(tx, input.token, now, true)
      if (link.kind !== 'reset' || !link.accountId)
        throw new AccountsError(404, 'link_unknown', 'This link is not a password reset.')
      await repo.setPasswordHash(tx, link.accountId, passwordHash)
      await repo.markLinkUsed(tx, link.id, now)
      return { accountId: link.accountId, ended: await repo.deleteTokensOf(tx, link.accountId) }
    })
    // Whoever knew the old password is out everywhere.
    this.endSockets(ended)
    return this.signIn(accountId, headers, now)
  }

  private async checkedHash(password: string, email: string): Promise<string> {
    assertPasswordAllowed(password, email)
    return hashPassword(password)
  }

  async updateProfile(account: Account, update: ProfileUpdate): Promise<Account> {
    await this.db.transaction((tx) => repo.updateProfile(tx, account.id, update))
    const [row] = await this.db.query<{ display_name: string; language: 'de' | 'en' | null }>(
      'select display_name, language from accounts where id = $1',
      [account.id],
    )
    return { ...account, displayName: row!.display_name, language: row!.language }
  }

  /** Changes the own password; every other sign-in of the account ends, this one goes on. */
  async changePassword(account: Account, currentTokenHash: string, input: PasswordChange): Promise<void> {
    const stored = await repo.passwordHashOf(this.db, account.id)
    if (!stored || !(await verifyPassword(stored, input.currentPassword)))
      throw new AccountsError(403, 'wrong_password', 'The current password is not right.')
    const passwordHash = await this.checkedHash(input.newPassword, account.email)
    const ended = await this.db.transaction(async (tx) => {
      await repo.setPasswordHash(tx, account.id, passwordHash)
      return repo.deleteTokensOf(tx, account.id, currentTokenHash)
    })
    this.endSockets(ended)
  }
}
