import { defaultGroups, groupSchema, type Group, type GroupWithMembers } from '@shared/groups'
import type { Queryable } from '../storage/db'

/** Gives an organisation the service catalogue's default groups. */
export async function seedDefaultGroups(db: Queryable, organisationId: string): Promise<void> {
  for (const [position, group] of defaultGroups.entries()) await saveGroup(db, organisationId, group, position)
}

export async function saveGroup(db: Queryable, organisationId: string, group: Group, position?: number): Promise<void> {
  const { id, ...data } = group
  await db.query(
    `insert into support_groups (organisation_id, id, position, data)
     values ($1, $2, coalesce($3, (select count(*) from support_groups where organisation_id = $1)), $4)
     on conflict (organisation_id, id) do update set data = excluded.data`,
    [organisationId, id, position ?? null, JSON.stringify(data)],
  )
}

export async function listGroups(db: Queryable, organisationId: string): Promise<Group[]> {
  const rows = await db.query<{ id: string; data: unknown }>(
    'select id, data from support_groups where organisation_id = $1 order by position, id',
    [organisationId],
  )
  // Stored rows are parsed like any other input: a damaged row fails loudly here, not in a Console.
  return rows.map((row) => groupSchema.parse({ ...(row.data as object), id: row.id }))
}

export async function groupIds(db: Queryable, organisationId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>('select id from support_groups where organisation_id = $1', [
    organisationId,
  ])
  return rows.map((row) => row.id)
}

export async function listGroupsWithMembers(db: Queryable, organisationId: string): Promise<GroupWithMembers[]> {
  const groups = await listGroups(db, organisationId)
  const members = await db.query<{ group_id: string; id: string; name: string; role: string }>(
    `select m.group_id, a.id, a.display_name as name, a.role
       from group_members m join accounts a on a.id = m.account_id
      where m.organisation_id = $1 and a.disabled_at is null
      order by a.display_name`,
    [organisationId],
  )
  return groups.map((group) => ({
    ...group,
    members: members.filter((m) => m.group_id === group.id).map(({ id, name, role }) => ({ id, name, role })),
  }))
}

export async function groupsOf(db: Queryable, organisationId: string, accountId: string): Promise<string[]> {
  const rows = await db.query<{ group_id: string }>(
    'select group_id from group_members where organisation_id = $1 and account_id = $2 order by group_id',
    [organisationId, accountId],
  )
  return rows.map((row) => row.group_id)
}

/**
 * Replaces a group's members. Only accounts of the same organisation are accepted; returns the ids
 * that are not, and then changes nothing.
 */
export async function setGroupMembers(
  db: Queryable,
  organisationId: string,
  groupId: string,
  accountIds: readonly string[],
): Promise<{ unknown: string[] }> {
  const unique = [...new Set(accountIds)]
  const known = unique.length
    ? await db.query<{ id: string }>('select id from accounts where organisation_id = $1 and id = any($2::uuid[])', [
        organisationId,
        unique,
      ])
    : []
  const knownIds = new Set(known.map((row) => row.id))
  const unknown = unique.filter((id) => !knownIds.has(id))
  if (unknown.length > 0) return { unknown }
  await db.query('delete from group_members where organisation_id = $1 and group_id = $2', [organisationId, groupId])
  for (const accountId of unique) {
    await db.query('insert into group_members (organisation_id, group_id, account_id) values ($1, $2, $3)', [
      organisationId,
      groupId,
      accountId,
    ])
  }
  return { unknown: [] }
}
