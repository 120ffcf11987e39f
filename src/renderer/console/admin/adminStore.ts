import { create } from 'zustand'

/** Which admin tab is open, if any; the area's content mounts only while open. */
export const useAdminStore = create<{ tab: string | null; open(tab: string | null): void }>((set) => ({
  tab: null,
  open: (tab) => set({ tab }),
}))
