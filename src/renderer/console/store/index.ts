import { create, type StateCreator } from 'zustand'
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice'
import { createGroupsSlice, type GroupsSlice } from './groupsSlice'
import { createSessionSlice, type SessionSlice } from './sessionSlice'
import { createWorkspaceSlice, type WorkspaceSlice } from './workspaceSlice'

export type ConsoleState = SessionSlice & ConnectionSlice & WorkspaceSlice & GroupsSlice
export type ConsoleSlice<T> = StateCreator<ConsoleState, [], [], T>

export const useConsoleStore = create<ConsoleState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createConnectionSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createGroupsSlice(...a),
}))

export const isSignedIn = (state: ConsoleState): boolean => state.token !== null && state.account !== null
