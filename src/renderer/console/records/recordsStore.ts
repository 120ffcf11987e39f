import { create } from 'zustand'

export type RecordsDialog = 'problems' | 'changes' | null

interface RecordsState {
  /** Grows whenever records may have changed (the hub said so, or we changed one): views fetch again. */
  version: number
  dialog: RecordsDialog
  recordsChanged(): void
  setDialog(dialog: RecordsDialog): void
}

/** Records are online-only, so they are not in the offline cache; this store only says when to fetch. */
export const useRecordsStore = create<RecordsState>()((set) => ({
  version: 0,
  dialog: null,
  recordsChanged: () => set((state) => ({ version: state.version + 1 })),
  setDialog: (dialog) => set({ dialog }),
}))

/** For the hub socket's listener, outside React. */
export const recordsChanged = (): void => useRecordsStore.getState().recordsChanged()
