import { createRequire } from 'node:module'

export type ButtonName = 'left' | 'middle' | 'right'
export type ToggleState = 'down' | 'up'

/** The few operations the input service needs from the injection library (robotjs-style calls). */
export interface InputBackend {
  moveMouse(x: number, y: number): void
  mouseToggle(state: ToggleState, button: ButtonName): void
  /** Scroll clicks: positive y scrolls up, positive x scrolls left (the library's convention). */
  scrollMouse(x: number, y: number): void
  keyToggle(key: string, state: ToggleState, modifiers: string[]): void
}

interface LibnutModule extends InputBackend {
  setMouseDelay(ms: number): void
  setKeyboardDelay(ms: number): void
}

/**
 * Loads libnut's prebuilt Node-API binary for this platform. It is required at run time, not
 * bundled: the `.node` file must stay beside its package. Pauses between events are switched
 * off because the agent's own timing already spaces them out.
 */
export function loadLibnut(platform: NodeJS.Platform = process.platform): InputBackend {
  if (platform !== 'linux' && platform !== 'win32' && platform !== 'darwin') {
    throw new Error(`remote control is not available on ${platform}`)
  }
  const require = createRequire(import.meta.url)
  const libnut = require(`@nut-tree-fork/libnut-${platform}`) as LibnutModule
  libnut.setMouseDelay(0)
  libnut.setKeyboardDelay(0)
  return libnut
}
