import { groupDirectorySchema, type GroupDirectory } from '@shared/groups'
import { fetchGroups } from '../../platform/groupsClient'
import type { ConsoleSlice } from './index'

export interface GroupsSlice {
  /** The organisation's specialist groups and the signed-in account's own; null until first loaded. */
  groups: GroupDirectory | null
  loadGroups(): Promise<void>
}

const storageKey = (hubUrl: string, accountId: string) => `firstline.groups:${hubUrl}:${accountId}`

/** The last directory the hub sent, so the group queue and the escalation form work offline. */
function remembered(key: string): GroupDirectory | null {
  try {
    const parsed = groupDirectorySchema.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export const createGroupsSlice: ConsoleSlice<GroupsSlice> = (set, get) => ({
  groups: null,

  async loadGroups() {
    const { hubUrl, token, account } = get()
    if (!token || !account) return
    const key = storageKey(hubUrl, account.id)
    if (!get().groups) set({ groups: remembered(key) })
    try {
      const groups = await fetchGroups(hubUrl, token)
      localStorage.setItem(key, JSON.stringify(groups))
      set({ groups })
    } catch {
      // Offline or the hub is away: the remembered directory serves until the next change announcement.
    }
  },
})
