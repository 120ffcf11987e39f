import type { ControlState, InputApply, InputOutcome, RemoteInput } from '@shared/session/input'
import type { ButtonName, InputBackend } from './backend'
import { toScreenPoint, type DisplayGeometry } from './geometry'
import { mapKey } from './keys'
import { TokenBucket } from './tokenBucket'

export interface InputLimits {
  /** Pointer moves applied per second at most; faster moves are coalesced to the newest. */
  movesPerSecond: number
  /** Presses (buttons, keys) and wheel steps: burst size and sustained rate. Releases are never limited. */
  burst: number
  perSecond: number
}

export const defaultInputLimits: InputLimits = { movesPerSecond: 120, burst: 60, perSecond: 30 }

export interface InputServiceDeps {
  /** Loaded on first use, so a machine without a display or library still starts Get Help. */
  backend: () => InputBackend
  /** The display the user chose to share, looked up afresh so a changed resolution counts. */
  display: () => DisplayGeometry | null
  platform: NodeJS.Platform
  limits?: InputLimits
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

export interface InputService {
  setControl(state: ControlState): void
  apply(call: InputApply): InputOutcome
  /** Lets go of every button and key still held by the agent. */
  releaseAll(): void
}

/** Wheel deltas arrive in pixels; about 100 make one notch of a mouse wheel. */
const pixelsPerNotch = 100
const maxNotches = 10

function notches(delta: number): number {
  if (delta === 0) return 0
  return Math.sign(delta) * Math.min(maxNotches, Math.max(1, Math.round(Math.abs(delta) / pixelsPerNotch)))
}

/**
 * Applies the agent's remote input to this machine. Every event must come from the participant
 * the hub made control holder, while the user's grant stands; anything else is refused and
 * changes nothing. Buttons and keys the agent holds are released the moment control ends.
 */
export function createInputService(deps: InputServiceDeps): InputService {
  const limits = deps.limits ?? defaultInputLimits
  const now = deps.now ?? (() => performance.now())
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout))
  const moveInterval = 1000 / limits.movesPerSecond

  let control: ControlState = { holder: null, granted: false }
  let backend: InputBackend | null = null
  const heldButtons = new Set<ButtonName>()
  const heldKeys = new Set<string>()
  let presses = new TokenBucket(limits.burst, limits.perSecond, now())
  let lastMove = -Infinity
  let pendingMove: { x: number; y: number } | null = null
  let moveTimer: unknown = null

  const lib = (): InputBackend => {
    if (backend) return backend
    try {
      backend = deps.backend()
    } catch (error) {
      throw new Error(`remote control is not available here: ${error instanceof Error ? error.message : String(error)}`)
    }
    return backend
  }

  const point = (x: number, y: number) => {
    const display = deps.display()
    if (!display) throw new Error('no screen is being shared')
    return toScreenPoint(display, x, y, deps.platform)
  }

  const dropPendingMove = () => {
    pendingMove = null
    if (moveTimer !== null) clearTimer(moveTimer)
    moveTimer = null
  }

  const moveTo = (x: number, y: number) => {
    const target = point(x, y)
    lib().moveMouse(target.x, target.y)
    lastMove = now()
  }

  const flushMove = () => {
    moveTimer = null
    const move = pendingMove
    pendingMove = null
    // Control may have ended while the move waited; a revoked agent moves nothing.
    if (move && control.granted && control.holder !== null) {
      try {
        moveTo(move.x, move.y)
      } catch {
        // The display went away meanwhile; the next event reports it.
      }
    }
  }

  const releaseAll = () => {
    dropPendingMove()
    if (!backend) return
    for (const button of heldButtons) backend.mouseToggle('up', button)
    for (const key of heldKeys) backend.keyToggle(key, 'up', [])
    heldButtons.clear()
    heldKeys.clear()
  }

  const limited = () => {
    if (!presses.take(now())) throw new Error('too many input events; this one was dropped')
  }

  const applyInput = (input: RemoteInput): InputOutcome => {
    switch (input.kind) {
      case 'pointer_move': {
        const wait = lastMove + moveInterval - now()
        if (wait > 0) {
          point(input.x, input.y) // refuse at once when nothing is shared, not later in the timer
          pendingMove = { x: input.x, y: input.y }
          moveTimer ??= setTimer(flushMove, wait)
          return { status: 'coalesced' }
        }
        dropPendingMove()
        moveTo(input.x, input.y)
        return { status: 'applied' }
      }
      case 'pointer_down':
        limited()
        dropPendingMove()
        moveTo(input.x, input.y)
        lib().mouseToggle('down', input.button)
        heldButtons.add(input.button)
        return { status: 'applied' }
      case 'pointer_up':
        dropPendingMove()
        moveTo(input.x, input.y)
        if (heldButtons.delete(input.button)) lib().mouseToggle('up', input.button)
        return { status: 'applied' }
      case 'wheel': {
        limited()
        dropPendingMove()
        moveTo(input.x, input.y)
        // A page scrolls down for a positive deltaY; the library scrolls up for a positive amount.
        lib().scrollMouse(-notches(input.deltaX), -notches(input.deltaY))
        return { status: 'applied' }
      }
      case 'key_down': {
        const mapped = mapKey(input.key, input.modifiers, deps.platform)
        if (!mapped) throw new Error(`the key "${input.key}" cannot be sent to this computer`)
        limited()
        lib().keyToggle(mapped.key, 'down', mapped.modifiers)
        heldKeys.add(mapped.key)
        return { status: 'applied' }
      }
      case 'key_up': {
        const mapped = mapKey(input.key, input.modifiers, deps.platform)
        if (!mapped) throw new Error(`the key "${input.key}" cannot be sent to this computer`)
        // Only keys the agent pressed are released: a stray release must not lift the user's own key.
        if (heldKeys.delete(mapped.key)) lib().keyToggle(mapped.key, 'up', mapped.modifiers)
        return { status: 'applied' }
      }
    }
  }

  return {
    setControl(state) {
      const continues = state.granted && state.holder !== null && state.holder === control.holder && control.granted
      if (!continues) {
        releaseAll()
        presses = new TokenBucket(limits.burst, limits.perSecond, now())
      }
      control = state
    },
    apply({ from, input }) {
      if (!control.granted || control.holder === null) throw new Error('refused: remote control is not granted')
      if (from !== control.holder) throw new Error('refused: the sender does not hold the control token')
      return applyInput(input)
    },
    releaseAll,
  }
}
