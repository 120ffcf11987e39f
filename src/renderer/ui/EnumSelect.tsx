import { useEffect, useRef, useState, type KeyboardEvent } from 'react'

/** How long the value shown must stay put after the last key before a keyboard pick is committed. */
export const keyboardSettleMs = 700

/** Keys that step a closed select through its options, each firing a change on its own. */
function stepsThroughOptions(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false
  if (['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(event.key))
    return true
  // Typing a letter jumps to the option starting with it.
  return event.key.length === 1 && event.key !== ' '
}

/**
 * A labelled select over a fixed list of values, each shown through `text`. A pick with the pointer
 * (or Enter in the open list) is reported at once; stepping through the options with the arrow keys
 * is reported once, for the option the agent stops on: when they leave the field, press Enter, or
 * rest for a moment. So walking from Low to High is one edit, not one per key press.
 */
export function EnumSelect<T extends string>(props: {
  label: string
  value: T
  values: readonly T[]
  text: (value: T) => string
  onChange: (value: T) => void
}) {
  const [pending, setPending] = useState<T | null>(null)
  const stepping = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  // The newest props and pick, for the timer and the unmount, which outlive the render that set them.
  const latest = useRef({ value: props.value, onChange: props.onChange, pending })
  latest.current = { value: props.value, onChange: props.onChange, pending }

  const commit = () => {
    clearTimeout(timer.current)
    const { value, onChange, pending } = latest.current
    latest.current.pending = null
    setPending(null)
    if (pending !== null && pending !== value) onChange(pending)
  }

  // A pick still waiting when the ticket closes is still the agent's choice.
  useEffect(() => () => commit(), [])

  return (
    <label>
      {props.label}
      <select
        value={pending ?? props.value}
        onMouseDown={() => (stepping.current = false)}
        onKeyDown={(event) => {
          stepping.current = stepsThroughOptions(event)
          if (event.key === 'Enter' && latest.current.pending !== null) commit()
        }}
        onChange={(event) => {
          const value = event.target.value as T
          if (!stepping.current) {
            latest.current.pending = value
            commit()
            return
          }
          latest.current.pending = value
          setPending(value)
          clearTimeout(timer.current)
          timer.current = setTimeout(commit, keyboardSettleMs)
        }}
        onBlur={() => {
          stepping.current = false
          if (latest.current.pending !== null) commit()
        }}
      >
        {props.values.map((value) => (
          <option key={value} value={value}>
            {props.text(value)}
          </option>
        ))}
      </select>
    </label>
  )
}
