import type { WebSocket } from 'ws'
import type { Account } from '@shared/auth'
import { closeCodes, type ServerMessage } from '@shared/hubProtocol'

/** Sends one message if the socket is still open; a closing socket simply misses it. */
export function sendMessage(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
}

/**
 * Authenticated sockets by organisation, so changes can be announced to everyone they concern.
 * Each socket remembers the sign-in token it was opened with: a token that is signed out or
 * revoked closes its sockets at once, here and wherever else a listener opened one with it.
 */
export class Realtime {
  private readonly sockets = new Map<WebSocket, { account: Account; tokenHash: string }>()
  private readonly revocationListeners = new Set<(tokenHash: string) => void>()

  add(socket: WebSocket, account: Account, tokenHash: string): void {
    this.sockets.set(socket, { account, tokenHash })
    socket.once('close', () => this.sockets.delete(socket))
  }

  broadcast(organisationId: string, message: ServerMessage, filter: (account: Account) => boolean = () => true): void {
    for (const [socket, { account }] of this.sockets) {
      if (account.organisation.id === organisationId && filter(account)) sendMessage(socket, message)
    }
  }

  /** Called by whatever else holds sockets opened with a token (the session rooms). */
  onTokenRevoked(listener: (tokenHash: string) => void): () => void {
    this.revocationListeners.add(listener)
    return () => this.revocationListeners.delete(listener)
  }

  /**
   * The token no longer signs anybody in: every socket opened with it closes now. `account_ended`
   * tells the Console the account was deactivated or its password reset, not that it signed out.
   */
  revokeToken(tokenHash: string, reason: 'signed_out' | 'account_ended' = 'signed_out'): void {
    for (const [socket, entry] of this.sockets) {
      if (entry.tokenHash !== tokenHash) continue
      this.sockets.delete(socket)
      sendMessage(
        socket,
        reason === 'signed_out'
          ? { type: 'error', error: 'unauthorized', message: 'You have signed out.' }
          : { type: 'error', error: 'account_ended', message: 'This sign-in was ended by a change to the account.' },
      )
      socket.close(closeCodes.unauthorized, 'signed out')
    }
    for (const listener of this.revocationListeners) listener(tokenHash)
  }

  get size(): number {
    return this.sockets.size
  }

  closeAll(): void {
    for (const socket of this.sockets.keys()) socket.close(1001, 'hub shutting down')
  }
}
