import type { FastifyBaseLogger } from 'fastify'
import type { WebSocket } from 'ws'
import {
  sessionCloseCodes,
  type EndReason,
  type SessionErrorCode,
  type SessionServerMessage,
} from '@shared/session/protocol'
import type { Database } from '../storage/db'
import { appendAudit, listAudit, type AuditEntry } from './audit'
import { listChat } from './chatStore'
import { iceConfigFor, relayConfigured, relayRenewMs } from './ice'
import { RoomState, type Member, type Outcome } from './room'
import { endSession, findEndUserParticipant, findSession, ticketNumberOf, type SessionRecord } from './sessionStore'
import type { SessionSettings } from './settings'
import { buildSummary } from './summary'
import { appendSessionToTicket } from './ticketTimeline'

export interface LiveRoom {
  record: SessionRecord
  state: RoomState
  endUser: { id: string; displayName: string }
  /** The open socket of each connected participant. */
  sockets: Map<string, WebSocket>
  /** Per staff participant: the hash of the sign-in token its socket joined with. */
  tokens: Map<string, string>
  /** Participants whose current socket holds TURN credentials. */
  relayed: Set<string>
  relayTimer: NodeJS.Timeout | null
  /** Every change to a room runs through this chain, so messages apply in arrival order. */
  tail: Promise<void>
  idleTimer: NodeJS.Timeout | null
  /** Per participant: when it must be back, or the end user must arrive, before it is removed. */
  graceTimers: Map<string, NodeJS.Timeout>
  /** The last connection type reported per pair, so only changes enter the audit log. */
  connectionTypes: Map<string, string>
  ended: boolean
}

/**
 * The running session rooms of this hub process. Rooms live in memory and are rebuilt from the
 * database on the next join after a restart; consent given before a restart is not carried over,
 * so the end user grants it again.
 */
export class LiveRooms {
  private readonly rooms = new Map<string, LiveRoom>()
  private readonly loading = new Map<string, Promise<LiveRoom | null>>()
  /** Set on shutdown: sockets closing then must not start grace timers or touch storage. */
  private closed = false

  constructor(
    readonly db: Database,
    readonly settings: SessionSettings,
    private readonly log: FastifyBaseLogger,
    readonly now: () => Date,
    /** Tells the Consoles a ticket changed, so they pull the session's timeline entries at once. */
    private readonly ticketChanged: (organisationId: string) => Promise<void> = async () => {},
  ) {}

  /** The room of a session that has not ended, loaded on first use; null for unknown or ended sessions. */
  room(sessionId: string): Promise<LiveRoom | null> {
    if (this.closed) return Promise.resolve(null)
    const live = this.rooms.get(sessionId)
    if (live) return Promise.resolve(live)
    let pending = this.loading.get(sessionId)
    if (!pending) {
      pending = this.load(sessionId).finally(() => this.loading.delete(sessionId))
      this.loading.set(sessionId, pending)
    }
    return pending
  }

  /** Running sessions an account may join: it takes part already, or the end user approved its invitation. */
  joinableBy(accountId: string): LiveRoom[] {
    return [...this.rooms.values()].filter((room) => !room.ended && room.state.mayJoin(accountId))
  }

  /** Runs a change to the room after every change before it; a failure is logged, never thrown at the socket. */
  run(room: LiveRoom, task: () => Promise<void>): Promise<void> {
    const next = room.tail.then(async () => {
      if (!room.ended && !this.closed) await task()
    })
    room.tail = next.catch((error: unknown) => this.log.error(error, `session ${room.record.id}: change failed`))
    return next
  }

  /** Persists an outcome's audit entries, then tells the sender or everyone, and ends the session when asked. */
  async apply(room: LiveRoom, outcome: Outcome, sender?: WebSocket): Promise<boolean> {
    if (!outcome.ok) {
      if (sender) send(sender, { type: 'error', error: outcome.error, message: outcome.message })
      return false
    }
    await this.audit(room, outcome.audit)
    if (outcome.end) await this.end(room, outcome.end)
    else if (outcome.audit.length > 0) this.broadcastState(room)
    return true
  }

  async audit(room: LiveRoom, entries: AuditEntry[]): Promise<void> {
    if (entries.length > 0) await appendAudit(this.db, room.record.id, this.now(), entries)
  }

  broadcastState(room: LiveRoom): void {
    this.broadcast(room, room.state.snapshot())
    this.handOutRelays(room)
  }

  /**
   * TURN credentials to every connected participant that may relay now and has none on its socket
   * (or to all of them, to renew). A participant that may no longer relay is not renewed: its
   * credential runs out within minutes.
   */
  handOutRelays(room: LiveRoom, renew = false): void {
    if (!relayConfigured(this.settings)) return
    for (const [participantId, socket] of room.sockets) {
      const member = room.state.members.get(participantId)
      if (!member || !room.state.mayRelay(member)) {
        room.relayed.delete(participantId)
        continue
      }
      if (room.relayed.has(participantId) && !renew) continue
      room.relayed.add(participantId)
      send(socket, { type: 'ice', ...iceConfigFor(this.settings, participantId, this.now(), true) })
    }
    if (room.relayed.size > 0 && !room.relayTimer) {
      room.relayTimer = setInterval(
        () => void this.run(room, async () => this.handOutRelays(room, true)),
        relayRenewMs(this.settings),
      )
    }
  }

  broadcast(room: LiveRoom, message: SessionServerMessage): void {
    for (const socket of room.sockets.values()) send(socket, message)
  }

  /** Restarts the idle clock; only a running session can go idle. */
  touch(room: LiveRoom): void {
    if (room.idleTimer) clearTimeout(room.idleTimer)
    room.idleTimer = null
    if (room.ended || room.state.session.status !== 'active') return
    room.idleTimer = setTimeout(() => void this.run(room, () => this.end(room, 'idle')), this.settings.idleTimeoutMs)
  }

  /** Removes a participant (or ends the session, for a missing end user) unless it is back in time. */
  startGrace(room: LiveRoom, participantId: string): void {
    this.stopGrace(room, participantId)
    const timer = setTimeout(() => {
      void this.run(room, async () => {
        room.graceTimers.delete(participantId)
        const member = room.state.members.get(participantId)
        if (member?.connected) return
        if (member) await this.apply(room, room.state.leave(member, 'connection_lost'))
        else if (participantId === room.endUser.id) await this.end(room, 'end_user_left')
      })
    }, this.settings.reconnectGraceMs)
    room.graceTimers.set(participantId, timer)
  }

  stopGrace(room: LiveRoom, participantId: string): void {
    const timer = room.graceTimers.get(participantId)
    if (timer) clearTimeout(timer)
    room.graceTimers.delete(participantId)
  }

  /** Ends the session: audit, summary, and every socket is told and closed. Call inside `run`. */
  async end(room: LiveRoom, reason: EndReason): Promise<void> {
    if (room.ended) return
    room.ended = true
    this.forget(room)
    const endedAt = this.now()
    await appendAudit(this.db, room.record.id, endedAt, [{ action: 'ended', actor: null, detail: { reason } }])
    const record = (await findSession(this.db, room.record.id)) ?? room.record
    const summary = buildSummary(
      record,
      await listAudit(this.db, record.id),
      await listChat(this.db, record.id),
      endedAt,
      reason,
    )
    // The session ends and its summary reaches the ticket together, or neither: a crash in between
    // leaves the session open, and the next end writes both once.
    const addedToTicket = await this.db.transaction(async (tx) => {
      if (!(await endSession(tx, record.id, endedAt, reason, summary))) return false
      return appendSessionToTicket(tx, record.organisation.id, summary)
    })
    if (addedToTicket) await this.ticketChanged(record.organisation.id)
    for (const socket of room.sockets.values()) {
      send(socket, { type: 'ended', reason })
      socket.close(sessionCloseCodes.ended, 'session ended')
    }
    room.sockets.clear()
  }

  /**
   * A sign-in token was signed out or revoked: whoever joined with it leaves every session at
   * once, control token and all, and its socket closes. Signing in again lets it rejoin.
   */
  async revokeToken(tokenHash: string): Promise<void> {
    const affected = [...this.rooms.values()].filter((room) => [...room.tokens.values()].includes(tokenHash))
    await Promise.all(
      affected.map((room) =>
        this.run(room, async () => {
          for (const [participantId, hash] of [...room.tokens]) {
            if (hash !== tokenHash) continue
            room.tokens.delete(participantId)
            this.stopGrace(room, participantId)
            const socket = room.sockets.get(participantId)
            room.sockets.delete(participantId)
            if (socket) {
              sendError(socket, 'unauthorized', 'You have signed out; sign in again to rejoin.')
              socket.close(sessionCloseCodes.unauthorized, 'signed out')
            }
            const member = room.state.members.get(participantId)
            if (member) await this.apply(room, room.state.leave(member, 'left'))
          }
        }),
      ),
    )
  }

  /** Closes every socket without ending any session, so peers can rejoin after the hub restarts. */
  async close(): Promise<void> {
    this.closed = true
    for (const room of [...this.rooms.values()]) {
      this.forget(room)
      for (const socket of room.sockets.values()) socket.close(1001, 'hub shutting down')
      await room.tail
    }
  }

  private forget(room: LiveRoom): void {
    if (room.idleTimer) clearTimeout(room.idleTimer)
    if (room.relayTimer) clearInterval(room.relayTimer)
    room.relayTimer = null
    for (const timer of room.graceTimers.values()) clearTimeout(timer)
    room.graceTimers.clear()
    room.idleTimer = null
    this.rooms.delete(room.record.id)
  }

  private async load(sessionId: string): Promise<LiveRoom | null> {
    const record = await findSession(this.db, sessionId)
    if (!record || record.status === 'ended') return null
    const endUser = await findEndUserParticipant(this.db, sessionId)
    if (!endUser) throw new Error(`session ${sessionId} has no end user`)
    const room: LiveRoom = {
      record,
      state: new RoomState({
        id: record.id,
        ticketId: record.ticketId,
        ticketNumber: await ticketNumberOf(this.db, record.organisation.id, record.ticketId),
        status: record.status,
      }),
      endUser: { id: endUser.id, displayName: endUser.displayName },
      sockets: new Map(),
      tokens: new Map(),
      relayed: new Set(),
      relayTimer: null,
      tail: Promise.resolve(),
      idleTimer: null,
      graceTimers: new Map(),
      connectionTypes: new Map(),
      ended: false,
    }
    this.rooms.set(sessionId, room)
    this.touch(room)
    // A session nobody is being helped in must not stay open: the end user has the grace period to arrive.
    this.startGrace(room, endUser.id)
    return room
  }
}

export function send(socket: WebSocket, message: SessionServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
}

export function sendError(socket: WebSocket, error: SessionErrorCode, message: string): void {
  send(socket, { type: 'error', error, message })
}

export type { Member }
