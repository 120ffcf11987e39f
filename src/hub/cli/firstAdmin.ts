import { randomBytes } from 'node:crypto'
import { hashPassword } from '../auth/passwords'
import { AccountsError, assertPasswordAllowed, newLinkToken } from '../accounts/service'
import { emailInUse, insertLink } from '../accounts/repository'
import { seedDefaultGroups } from '../groups/repository'
import { seedKnowledgeBase } from '../kb/starter'
import { createAccount, createOrganisation } from '../storage/accounts'
import type { Database, Queryable } from '../storage/db'

export interface FirstAdmin {
  organisation: string
  accountId: string
  /** Without a password: the one-time link's token with which the admin sets it. */
  link: { token: string; expiresAt: string } | null
}

/**
 * Adds an administrator from the command line. Without a password the account gets one nobody
 * knows and a one-time set-password link (the reset link, valid as long as an invitation). The
 * organisation is found by name, or is the only one, or is created with the default groups and
 * starter articles. Recorded in the audit log as done from the command line.
 */
export async function createFirstAdmin(
  db: Database,
  input: {
    email: string
    displayName: string
    organisation: string | null
    password: string | null
    invitationDays: number
  },
  now = new Date(),
): Promise<{ ok: true; value: FirstAdmin } | { ok: false; error: string }> {
  if (input.password !== null) {
    try {
      assertPasswordAllowed(input.password, input.email)
    } catch (error) {
      return { ok: false, error: (error as AccountsError).message }
    }
  }
  const passwordHash = await hashPassword(input.password ?? randomBytes(32).toString('base64url'))
  return db.transaction(async (tx) => {
    if (await emailInUse(tx, input.email))
      return { ok: false as const, error: 'an account with this e-mail address exists already' }
    const organisations = await tx.query<{ id: string; name: string }>(
      'select id, name from organisations order by created_at, id',
    )
    let organisation = input.organisation
      ? organisations.find((o) => o.name.toLowerCase() === input.organisation!.toLowerCase())
      : organisations.length === 1
        ? organisations[0]
        : undefined
    if (!organisation && !input.organisation)
      return {
        ok: false as const,
        error: `name the organisation with --organisation (there are ${organisations.length})`,
      }
    let created = false
    if (!organisation) {
      organisation = await createOrganisation(tx, input.organisation!)
      created = true
    }
    const accountId = await createAccount(tx, {
      organisationId: organisation.id,
      email: input.email,
      displayName: input.displayName,
      role: 'admin',
      passwordHash,
    })
    if (created) {
      await seedDefaultGroups(tx, organisation.id)
      await seedKnowledgeBase(tx, organisation.id, accountId)
    }
    await recordFromCommandLine(tx, organisation.id, 'account.created', accountId, input.displayName)
    let link: FirstAdmin['link'] = null
    if (input.password === null) {
      const { token, tokenHash } = newLinkToken()
      const expiresAt = new Date(now.getTime() + input.invitationDays * 86_400_000)
      await insertLink(tx, {
        organisationId: organisation.id,
        kind: 'reset',
        tokenHash,
        email: input.email,
        accountId,
        createdBy: null,
        expiresAt,
      })
      link = { token, expiresAt: expiresAt.toISOString() }
    }
    return { ok: true as const, value: { organisation: organisation.name, accountId, link } }
  })
}

async function recordFromCommandLine(
  tx: Queryable,
  organisationId: string,
  action: string,
  id: string,
  name: string,
): Promise<void> {
  await tx.query(
    `insert into admin_audit (organisation_id, actor_id, actor_name, action, target_kind, target_id, target_name, details)
     values ($1, null, 'npm run admin:create', $2, 'account', $3, $4, $5)`,
    [organisationId, action, id, name, JSON.stringify({ role: 'admin' })],
  )
}
