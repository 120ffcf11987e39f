import type { ConnectionState } from '../../platform/hubClient'
import type { ConsoleSlice } from './index'

export interface ConnectionSlice {
  connection: ConnectionState
  setConnection(state: ConnectionState): void
}

export const createConnectionSlice: ConsoleSlice<ConnectionSlice> = (set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
})
