import type { Actor } from '@shared/tickets/people'
import { ConsoleDb, consoleDbName } from '../data/db'
import { defaultFilterFor, defaultQueueFilter, type QueueFilter } from '../data/queue'
import { SyncEngine, type SyncState } from '../data/syncEngine'
import { httpSyncTransport } from '../data/transport'
import { kbHub } from '../data/kbHub'
import { refreshKnowledgeBase } from '../data/kbSync'
import { refreshSlaRules, slaRulesFromHub } from '../data/slaRules'
import type { ConsoleSlice } from './index'

export interface WorkspaceSlice {
  db: ConsoleDb | null
  sync: SyncEngine | null
  syncState: SyncState
  /** Tickets received so far in the running sync, for the first-sync progress display. */
  syncReceived: number
  filter: QueueFilter
  selectedTicketId: string | null
  intakeOpen: boolean
  problemsOpen: boolean
  /** True once the queue has answered its first query: the rest of the workspace loads after it. */
  queueShown: boolean
  setQueueShown(): void
  openWorkspace(): void
  closeWorkspace(): void
  setFilter(patch: Partial<QueueFilter>): void
  selectTicket(id: string | null): void
  setIntakeOpen(open: boolean): void
  setProblemsOpen(open: boolean): void
}

export const actorOf = (account: { id: string; displayName: string; role: Actor['role'] }): Actor => ({
  id: account.id,
  name: account.displayName,
  role: account.role,
})

export const createWorkspaceSlice: ConsoleSlice<WorkspaceSlice> = (set, get) => ({
  db: null,
  sync: null,
  syncState: 'idle',
  syncReceived: 0,
  filter: defaultQueueFilter,
  selectedTicketId: null,
  intakeOpen: false,
  problemsOpen: false,
  queueShown: false,

  openWorkspace() {
    const { account, token, hubUrl } = get()
    if (!account || !token || get().db) return
    const db = new ConsoleDb(consoleDbName(hubUrl, account.id))
    const sync = new SyncEngine(db, httpSyncTransport(hubUrl, token), actorOf(account), {
      isOnline: () => navigator.onLine,
      onState: (syncState) => {
        set({ syncState, ...(syncState === 'syncing' ? {} : { syncReceived: 0 }) })
        if (syncState === 'unauthorized') get().sessionExpired()
      },
      onProgress: (received) => set({ syncReceived: get().syncReceived + received }),
      afterPull: async () => {
        await Promise.all([
          refreshKnowledgeBase(db, kbHub(hubUrl, token)),
          refreshSlaRules(db, slaRulesFromHub(hubUrl, token)),
        ])
      },
    })
    set({ db, sync, filter: defaultFilterFor(account.role) })
    sync.start()
    void get().loadGroups()
  },

  closeWorkspace() {
    get().sync?.stop()
    get().db?.close()
    set({ db: null, sync: null, selectedTicketId: null, syncState: 'idle', queueShown: false })
  },

  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  selectTicket: (selectedTicketId) => set({ selectedTicketId }),
  setIntakeOpen: (intakeOpen) => set({ intakeOpen }),
  setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
  setQueueShown: () => {
    if (!get().queueShown) set({ queueShown: true })
  },
})
