import type { TicketCommand, TicketCommandOf } from '@shared/tickets/commands'
import { unusableAttachments } from '../attachments/repository'
import type { Queryable } from '../storage/db'

export type ReferenceCheck = { ok: true; command: TicketCommand } | { ok: false; error: string; message: string }

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const refuse = (error: string, message: string): ReferenceCheck => ({ ok: false, error, message })

async function groupExists(db: Queryable, organisationId: string, groupId: string): Promise<boolean> {
  const rows = await db.query('select 1 from support_groups where organisation_id = $1 and id = $2', [
    organisationId,
    groupId,
  ])
  return rows.length > 0
}

/**
 * Who may hold a ticket: an active account of the ticket's organisation; at 2nd or 3rd level a
 * specialist of the ticket's group, or an admin. The name shown on the ticket is the account's own,
 * not whatever name the command carried.
 */
async function checkAssign(
  db: Queryable,
  organisationId: string,
  command: TicketCommandOf<'assign'>,
): Promise<ReferenceCheck> {
  const { level, group, assignee } = command.payload
  if (group !== null && !(await groupExists(db, organisationId, group))) {
    return refuse('unknown_group', `There is no such specialist group (${group}).`)
  }
  if (!assignee) return { ok: true, command }
  const [account] = await db.query<{ display_name: string; role: string; inactive: boolean; member: boolean }>(
    `select a.display_name, a.role, a.disabled_at is not null as inactive,
       exists (select 1 from group_members m
               where m.organisation_id = a.organisation_id and m.account_id = a.id and m.group_id = $3) as member
     from accounts a where a.id = $1 and a.organisation_id = $2`,
    [assignee.id, organisationId, group],
  )
  if (!account) return refuse('unknown_assignee', 'Your organisation has no account with this id to assign.')
  if (account.inactive) return refuse('inactive_assignee', `${account.display_name}'s account is disabled.`)
  if (level > 1 && account.role === 'agent') {
    return refuse(
      'assignee_not_specialist',
      `${account.display_name} works at 1st level; 2nd and 3rd level tickets go to specialists.`,
    )
  }
  if (level > 1 && account.role === 'specialist' && group !== null && !account.member) {
    return refuse('assignee_not_in_group', `${account.display_name} is not a member of the group ${group}.`)
  }
  return {
    ok: true,
    command: { ...command, payload: { ...command.payload, assignee: { id: assignee.id, name: account.display_name } } },
  }
}

/** What a handoff points at must be the ticket's own diagnostics and session and the organisation's articles. */
async function checkHandoff(
  db: Queryable,
  organisationId: string,
  command: TicketCommandOf<'escalate'>,
): Promise<ReferenceCheck> {
  const { diagnostics, session, articlesTried } = command.payload.handoff
  if (diagnostics) {
    const rows = await db.query('select 1 from diagnostics where id = $1 and organisation_id = $2 and ticket_id = $3', [
      diagnostics.diagnosticsId,
      organisationId,
      command.ticketId,
    ])
    if (rows.length === 0) return refuse('unknown_diagnostics', 'This ticket has no diagnostics with this id.')
  }
  if (session) {
    const rows = await db.query(
      'select 1 from remote_sessions where id = $1 and organisation_id = $2 and ticket_id = $3',
      [session.sessionId, organisationId, command.ticketId],
    )
    if (rows.length === 0) return refuse('unknown_session', 'This ticket has no remote session with this id.')
  }
  const ids = [...new Set(articlesTried.map((article) => article.id))]
  const unknown = ids.find((id) => !uuidPattern.test(id))
  const known = ids.length
    ? await db.query<{ id: string }>('select id from kb_articles where organisation_id = $1 and id = any($2::uuid[])', [
        organisationId,
        ids.filter((id) => uuidPattern.test(id)),
      ])
    : []
  const missing = unknown ?? ids.find((id) => !known.some((row) => row.id === id.toLowerCase()))
  if (missing)
    return refuse('unknown_article', `Your organisation has no knowledge-base article with this id (${missing}).`)
  return { ok: true, command }
}

/**
 * A new ticket's links: the customer must be the organisation's, and a contact or device must be
 * that customer's. A contact or device without a customer takes the customer it belongs to.
 */
async function checkLinks(
  db: Queryable,
  organisationId: string,
  command: TicketCommandOf<'create_ticket'>,
): Promise<ReferenceCheck> {
  const links = command.payload.links
  if (!links) return { ok: true, command }
  const ownerOf = async (table: 'contacts' | 'devices', id: string) => {
    const [row] = await db.query<{ customer_id: string }>(
      `select customer_id from ${table} where organisation_id = $1 and id = $2`,
      [organisationId, id],
    )
    return row?.customer_id ?? null
  }
  let customerId = links.customerId
  if (customerId) {
    const rows = await db.query('select 1 from customers where organisation_id = $1 and id = $2', [
      organisationId,
      customerId,
    ])
    if (rows.length === 0) return refuse('unknown_customer', 'Your organisation has no customer with this id.')
  }
  for (const [table, id, what] of [
    ['contacts', links.contactId, 'contact'],
    ['devices', links.deviceId, 'device'],
  ] as const) {
    if (!id) continue
    const owner = await ownerOf(table, id)
    if (!owner) return refuse(`unknown_${what}`, `Your organisation has no ${what} with this id.`)
    if (customerId && owner !== customerId)
      return refuse(`${what}_of_other_customer`, `This ${what} belongs to another customer.`)
    customerId = owner
  }
  const checked = { ...links, customerId }
  return { ok: true, command: { ...command, payload: { ...command.payload, links: checked } } }
}

/** A reply or note carries only files uploaded to its own ticket that no other entry carries. */
async function checkAttachments(
  db: Queryable,
  organisationId: string,
  command: TicketCommandOf<'add_note'>,
): Promise<ReferenceCheck> {
  const ids = command.payload.attachmentIds ?? []
  if (new Set(ids).size !== ids.length) return refuse('unknown_attachment', 'An attachment is named twice.')
  const unusable = await unusableAttachments(db, organisationId, command.ticketId, ids)
  if (unusable.length > 0) {
    return refuse(
      'unknown_attachment',
      `This ticket has no unused attachment with the id ${unusable.join(', ')}: upload the file to this ticket first.`,
    )
  }
  return { ok: true, command }
}

/**
 * Checks that every id a command names, beyond the ticket itself, belongs to the organisation and
 * fits where it is used. Run inside the command's transaction, under the organisation's lock.
 * Article links and the escalation's target group are checked by `applyCommand` from its context.
 */
export async function checkReferences(
  db: Queryable,
  organisationId: string,
  command: TicketCommand,
): Promise<ReferenceCheck> {
  switch (command.type) {
    case 'assign':
      return checkAssign(db, organisationId, command)
    case 'escalate':
      return checkHandoff(db, organisationId, command)
    case 'create_ticket':
      return checkLinks(db, organisationId, command)
    case 'add_note':
      return checkAttachments(db, organisationId, command)
    default:
      return { ok: true, command }
  }
}
