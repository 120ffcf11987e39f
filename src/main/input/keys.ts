import type { RemoteInput } from '@shared/session/input'

type Modifier = Extract<RemoteInput, { kind: 'key_down' }>['modifiers'][number]

const namedKeys: Record<string, string> = {
  Enter: 'enter',
  Tab: 'tab',
  Backspace: 'backspace',
  Escape: 'escape',
  Delete: 'delete',
  Insert: 'insert',
  Home: 'home',
  End: 'end',
  PageUp: 'pageup',
  PageDown: 'pagedown',
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  CapsLock: 'caps_lock',
  Shift: 'shift',
  Control: 'control',
  Alt: 'alt',
  AltGraph: 'right_alt',
  ' ': 'space',
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`F${i + 1}`, `f${i + 1}`])),
}

/**
 * Characters typed by their own key. Only printable ASCII, and not `^` or `` ` ``: on many
 * European layouts those are dead keys with no key of their own, and asking X for a key the
 * keyboard map lacks is a protocol error that ends the whole process. F13 and up are left out
 * for the same reason.
 */
const typedCharacter = /^[\x20-\x5d\x5f\x61-\x7e]$/

/** The library's name for the Meta/Windows/Command key differs per platform. */
const metaName = (platform: NodeJS.Platform) => (platform === 'darwin' ? 'command' : 'meta')

export interface MappedKey {
  key: string
  modifiers: string[]
}

/**
 * Maps a `KeyboardEvent.key` and its modifiers to the injection library's key and flags, or null
 * when the key cannot be injected safely. Letters go in lower case; an upper-case letter sent
 * without Shift (Caps Lock on the agent's side) gets Shift, so the user sees what the agent typed.
 */
export function mapKey(key: string, modifiers: readonly Modifier[], platform: NodeJS.Platform): MappedKey | null {
  const flags = modifiers.map((modifier) => (modifier === 'meta' ? metaName(platform) : modifier))
  if (key === 'Meta' || key === 'OS') return { key: metaName(platform), modifiers: flags }
  const named = namedKeys[key]
  if (named) return { key: named, modifiers: flags }
  if (!typedCharacter.test(key)) return null
  const lower = key.toLowerCase()
  if (lower !== key && !flags.includes('shift')) flags.push('shift')
  return { key: lower, modifiers: flags }
}
