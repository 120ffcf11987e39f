import { randomBytes } from 'node:crypto'
import type { Role } from '@shared/auth'
import { hashPassword } from './auth/passwords'
import { defaultGroups } from '@shared/groups'
import { seedDefaultGroups, setGroupMembers } from './groups/repository'
import { seedKnowledgeBase } from './kb/starter'
import { seedDemoCustomer } from './people/demo'
import { countOrganisations, createAccount, createOrganisation } from './storage/accounts'
import type { Database } from './storage/db'

export interface DemoLogin {
  role: Role
  email: string
  password: string
  displayName: string
}

const demoPeople: Array<Omit<DemoLogin, 'password'>> = [
  { role: 'agent', email: 'agent@demo.firstline.local', displayName: 'Alex Agent' },
  { role: 'specialist', email: 'specialist@demo.firstline.local', displayName: 'Sam Specialist' },
  { role: 'admin', email: 'admin@demo.firstline.local', displayName: 'Ada Admin' },
]

/**
 * On a database without any organisation, creates the demo organisation with one agent, one
 * specialist and one admin. Passwords are random per installation. Returns the logins it
 * created, or an empty list when the database was already seeded.
 */
export async function seedDemoOrganisation(db: Database): Promise<DemoLogin[]> {
  const logins = await Promise.all(
    demoPeople.map(async (person) => {
      const password = randomBytes(9).toString('base64url')
      return { ...person, password, passwordHash: await hashPassword(password) }
    }),
  )
  return db.transaction(async (tx) => {
    if ((await countOrganisations(tx)) > 0) return []
    const organisation = await createOrganisation(tx, 'Demo Organisation')
    const accountIds = new Map<Role, string>()
    for (const login of logins) {
      accountIds.set(login.role, await createAccount(tx, { organisationId: organisation.id, ...login }))
    }
    await seedKnowledgeBase(tx, organisation.id, accountIds.get('admin')!)
    await seedDefaultGroups(tx, organisation.id)
    // The demo has one specialist, so every group's queue can be tried with that login.
    for (const group of defaultGroups) {
      await setGroupMembers(tx, organisation.id, group.id, [accountIds.get('specialist')!])
    }
    await seedDemoCustomer(tx, organisation.id)
    return logins.map(({ passwordHash: _hash, ...login }) => login)
  })
}

/** Organisations created before specialist groups existed get the default groups once. */
export async function ensureGroups(db: Database): Promise<void> {
  const bare = await db.query<{ id: string }>(
    'select o.id from organisations o where not exists (select 1 from support_groups g where g.organisation_id = o.id)',
  )
  for (const organisation of bare) await db.transaction((tx) => seedDefaultGroups(tx, organisation.id))
}
