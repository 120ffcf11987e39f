import { create, type StateCreator } from 'zustand'
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice'
import { createSessionSlice, type SessionSlice } from './sessionSlice'

export type ConsoleState = SessionSlice & ConnectionSlice
export type ConsoleSlice<T> = StateCreator<ConsoleState, [], [], T>

export const useConsoleStore = create<ConsoleState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createConnectionSlice(...a),
}))

export const isSignedIn = (state: ConsoleState): boolean => state.token !== null && state.account !== null
