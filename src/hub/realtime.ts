import type { WebSocket } from 'ws'
import type { Account } from '@shared/auth'
import type { ServerMessage } from '@shared/hubProtocol'

/** Sends one message if the socket is still open; a closing socket simply misses it. */
export function sendMessage(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
}

/** Authenticated sockets by organisation, so changes can be announced to everyone they concern. */
export class Realtime {
  private readonly sockets = new Map<WebSocket, Account>()

  add(socket: WebSocket, account: Account): void {
    this.sockets.set(socket, account)
    socket.once('close', () => this.sockets.delete(socket))
  }

  broadcast(organisationId: string, message: ServerMessage, filter: (account: Account) => boolean = () => true): void {
    for (const [socket, account] of this.sockets) {
      if (account.organisation.id === organisationId && filter(account)) sendMessage(socket, message)
    }
  }

  get size(): number {
    return this.sockets.size
  }

  closeAll(): void {
    for (const socket of this.sockets.keys()) socket.close(1001, 'hub shutting down')
  }
}
