import type { ConsoleApi, GetHelpApi } from '../shared/api/bridge'

declare global {
  interface Window {
    /** Present only inside the Electron app; the renderer's platform layer is the one reader. */
    firstline?: ConsoleApi | GetHelpApi
  }
}
export {}
