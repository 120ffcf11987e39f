import { z } from 'zod'
import { categoryIdSchema } from './tickets/classification'
import { ticketLimits } from './tickets/limits'

/**
 * 2nd-level specialist groups. Each organisation configures its own; a new organisation starts
 * with the service catalogue's defaults below. The id is stored on tickets, the name is shown.
 */

export const groupIdSchema = z
  .string()
  .min(1)
  .max(ticketLimits.groupName)
  .regex(/^[a-z][a-z0-9_]*$/, { error: 'A group id is lower case letters, digits and underscores' })
export type GroupId = z.infer<typeof groupIdSchema>

export const groupSchema = z.object({
  id: groupIdSchema,
  name: z.string().trim().min(1).max(80),
  /** What the group handles, in the catalogue's words. */
  scope: z.string().trim().max(300),
  /** Ticket categories that usually end up here; used to suggest the group on escalation. */
  categories: z.array(categoryIdSchema).max(20),
  /** Diagnostic finding tags that point here (for example `dns`, `vpn`). */
  findingTags: z.array(z.string().min(1).max(40)).max(30),
})
export type Group = z.infer<typeof groupSchema>

export const groupMemberSchema = z.object({ id: z.uuid(), name: z.string(), role: z.string() })

export const groupWithMembersSchema = groupSchema.extend({ members: z.array(groupMemberSchema) })
export type GroupWithMembers = z.infer<typeof groupWithMembersSchema>

/** `GET /api/groups`: every group of the organisation and the ones the signed-in account belongs to. */
export const groupDirectorySchema = z.object({
  groups: z.array(groupWithMembersSchema),
  mine: z.array(groupIdSchema),
})
export type GroupDirectory = z.infer<typeof groupDirectorySchema>

/** `PUT /api/groups/:id` (admin): create or change a group. */
export const groupUpdateSchema = groupSchema.omit({ id: true })
/** `PUT /api/groups/:id/members` (admin): the full member list. */
export const groupMembersUpdateSchema = z.object({ accountIds: z.array(z.uuid()).max(500) })

export const defaultGroups: readonly Group[] = [
  {
    id: 'network',
    name: 'Network',
    scope: 'Quality of service, spanning tree, network architecture',
    categories: ['network'],
    findingTags: ['gateway', 'wifi', 'slow-network', 'latency', 'offline'],
  },
  {
    id: 'servers',
    name: 'Servers',
    scope: 'Active Directory, web servers, DNS',
    categories: ['account_and_access'],
    findingTags: ['dns', 'certificate', 'login', 'time-sync'],
  },
  {
    id: 'vpn_auth',
    name: 'VPN and authentication',
    scope: 'VPN access, multi-factor sign-in, certificates',
    categories: [],
    findingTags: ['vpn', 'firewall', 'proxy'],
  },
  {
    id: 'citrix',
    name: 'Citrix workspaces',
    scope: 'Virtual desktops and published applications',
    categories: [],
    findingTags: ['citrix'],
  },
  {
    id: 'voip',
    name: 'Voice over IP',
    scope: 'Telephony, headsets, softphones',
    categories: [],
    findingTags: ['voip', 'headset', 'audio'],
  },
  {
    id: 'software_distribution',
    name: 'Software distribution and rollout',
    scope: 'Packages, updates, operating system rollout',
    categories: ['operating_system'],
    findingTags: ['updates', 'driver'],
  },
  {
    id: 'device_deployment',
    name: 'Device deployment',
    scope: 'Hardware exchange, docking stations, peripherals',
    categories: ['hardware', 'peripherals'],
    findingTags: ['hardware-replacement', 'disk-failure', 'battery', 'peripheral-missing', 'printer'],
  },
  {
    id: 'cloud_apps',
    name: 'Cloud applications',
    scope: 'Microsoft 365, Teams, SaaS applications',
    categories: ['office_and_apps'],
    findingTags: ['office', 'teams', 'outlook'],
  },
]

export interface GroupSuggestion {
  group: GroupId
  /** What made this group the suggestion: finding tags that matched, the ticket's words, or its category. */
  because: { findingTags: string[]; words: string[]; category: boolean }
}

/** Words too common in tickets and group descriptions to point at a group. */
const commonWords = new Set(
  'and the for with from not does cannot into over quality service services tree architecture access applications application virtual published packages web multi factor sign'.split(
    ' ',
  ),
)

/** Lower-case words of at least three letters or digits, a plural "s" dropped, common words left out. */
function wordsOf(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && !commonWords.has(word))
    .map((word) => (word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word))
  return new Set(words)
}

/** The words that name what a group handles: its finding tags, its name and its scope. */
function groupWords(group: Group): Set<string> {
  return wordsOf([...group.findingTags, group.id, group.name, group.scope].join(' '))
}

/**
 * The group to suggest when a ticket is escalated. Findings from the user's device say more than
 * the category an agent picked in a hurry, and so do the ticket's own words ("VPN error 809"): each
 * matching finding tag and each word of the ticket that names what a group handles counts two, the
 * category one; ties keep the configured group order. Null when nothing points anywhere.
 */
export function suggestGroup(
  groups: readonly Group[],
  category: string,
  findingTags: readonly string[],
  /** The ticket's subject, description and tags. */
  ticketText = '',
): GroupSuggestion | null {
  const tags = new Set(findingTags)
  const said = wordsOf(ticketText)
  let best: { score: number; suggestion: GroupSuggestion } | null = null
  for (const group of groups) {
    const matched = group.findingTags.filter((tag) => tags.has(tag))
    const words = [...groupWords(group)].filter((word) => said.has(word))
    const byCategory = group.categories.includes(category)
    const score = matched.length * 2 + words.length * 2 + (byCategory ? 1 : 0)
    if (score > 0 && (!best || score > best.score)) {
      best = {
        score,
        suggestion: { group: group.id, because: { findingTags: matched, words, category: byCategory } },
      }
    }
  }
  return best?.suggestion ?? null
}
