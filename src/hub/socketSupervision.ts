import type { WebSocket } from 'ws'

export interface Supervision {
  /** How long a new socket has to introduce itself (hello, join) before it is closed. */
  greetingTimeoutMs: number
  greeted: () => boolean
  closeCode: number
  reason: string
  /** Pings at this interval; a socket that missed the previous pong is dropped. */
  heartbeatMs: number
  onClose?: () => void
}

/** The lifecycle every hub socket shares: a deadline to introduce itself, then a heartbeat. */
export function superviseSocket(socket: WebSocket, supervision: Supervision): void {
  let alive = true
  const greetingTimer = setTimeout(() => {
    if (!supervision.greeted()) socket.close(supervision.closeCode, supervision.reason)
  }, supervision.greetingTimeoutMs)
  const heartbeat = setInterval(() => {
    if (!alive) return socket.terminate()
    alive = false
    socket.ping()
  }, supervision.heartbeatMs)
  socket.on('pong', () => (alive = true))
  socket.on('close', () => {
    clearTimeout(greetingTimer)
    clearInterval(heartbeat)
    supervision.onClose?.()
  })
}
