import { useEffect, useRef, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { RemoteInput } from '@shared/session/input'
import { contentFraction } from './contentFraction'

type Button = 'left' | 'middle' | 'right'
const buttons: Record<number, Button> = { 0: 'left', 1: 'middle', 2: 'right' }

function modifiersOf(event: KeyboardEvent): Array<'shift' | 'control' | 'alt' | 'meta'> {
  const list: Array<'shift' | 'control' | 'alt' | 'meta'> = []
  if (event.shiftKey) list.push('shift')
  if (event.ctrlKey) list.push('control')
  if (event.altKey) list.push('alt')
  if (event.metaKey) list.push('meta')
  return list
}

/** The user's screen; while this agent holds control, pointer and keys over it travel to the user. */
export function RemoteScreen({
  stream,
  controlling,
  send,
}: {
  stream: MediaStream | null
  controlling: boolean
  send(input: RemoteInput): void
}) {
  const { t } = useTranslation()
  const video = useRef<HTMLVideoElement>(null)
  const pendingMove = useRef<{ x: number; y: number } | null>(null)
  const frame = useRef<number | null>(null)

  useEffect(() => {
    const element = video.current
    if (!element) return
    element.srcObject = stream
    if (stream) void element.play().catch(() => undefined)
  }, [stream])

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current)
    },
    [],
  )

  const at = (event: { clientX: number; clientY: number }) =>
    video.current ? contentFraction(video.current, event.clientX, event.clientY) : null

  // Moves are coalesced to one per frame: the user's pointer cannot follow faster anyway.
  const move = (event: PointerEvent) => {
    if (!controlling) return
    pendingMove.current = at(event)
    if (frame.current !== null) return
    frame.current = requestAnimationFrame(() => {
      frame.current = null
      const point = pendingMove.current
      if (point) send({ kind: 'pointer_move', ...point })
    })
  }
  const press = (kind: 'pointer_down' | 'pointer_up') => (event: PointerEvent) => {
    if (!controlling) return
    const point = at(event)
    const button = buttons[event.button]
    if (!point || !button) return
    event.preventDefault()
    if (kind === 'pointer_down') (event.currentTarget as HTMLElement).focus()
    send({ kind, ...point, button })
  }
  const wheel = (event: WheelEvent) => {
    if (!controlling) return
    const point = at(event)
    if (!point) return
    const clamp = (n: number) => Math.max(-10_000, Math.min(10_000, n))
    send({ kind: 'wheel', ...point, deltaX: clamp(event.deltaX), deltaY: clamp(event.deltaY) })
  }
  const key = (kind: 'key_down' | 'key_up') => (event: KeyboardEvent) => {
    if (!controlling || event.key.length > 24) return
    // Keys go to the user's computer, not to the Console (Tab included).
    event.preventDefault()
    send({ kind, key: event.key, modifiers: modifiersOf(event) })
  }

  return (
    <div
      className={controlling ? 'remote-screen controlling' : 'remote-screen'}
      tabIndex={controlling ? 0 : -1}
      role={controlling ? 'application' : undefined}
      aria-label={controlling ? t('console.session.controlSurface') : undefined}
      onPointerMove={move}
      onPointerDown={press('pointer_down')}
      onPointerUp={press('pointer_up')}
      onWheel={wheel}
      onKeyDown={key('key_down')}
      onKeyUp={key('key_up')}
      onContextMenu={(event) => controlling && event.preventDefault()}
    >
      <video ref={video} aria-label={t('console.session.screen')} autoPlay muted playsInline />
      {!stream && <p className="muted remote-screen-empty">{t('console.session.noPicture')}</p>}
    </div>
  )
}
