import { candidateTypeOf, describeGatheringFailure } from '@shared/session/connectionFailure'
import {
  controlMessageSchema,
  maxControlMessageBytes,
  remoteInputSchema,
  type ControlMessage,
  type RemoteInput,
} from '@shared/session/input'
import {
  signalDataSchema,
  type CandidateType,
  type EndReason,
  type IceServer,
  type JoinAuth,
  type ParticipantRole,
  type ContractRefusalDetail,
  type Permission,
  type SessionClientMessage,
  type SessionServerMessage,
  type SessionState,
} from '@shared/session/protocol'
import { SessionSocket, type OpenSocket, type SessionSocketStatus } from './sessionSocket'

/**
 * The media side of a remote session, for both ends: the end user shares the screen and
 * receives control input; staff receive the screen and send input. One peer connection per
 * remote participant; all signaling goes through the hub's `/ws/session`.
 */

/** What this module needs from a simple-peer instance; the factory decides which build provides it. */
export interface PeerLike {
  readonly connected: boolean
  readonly destroyed: boolean
  signal(data: unknown): void
  send(data: string): void
  destroy(): void
  replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void
  on(event: 'signal', listener: (data: unknown) => void): void
  on(event: 'connect' | 'close', listener: () => void): void
  on(event: 'data', listener: (data: Uint8Array | string) => void): void
  on(event: 'stream', listener: (stream: MediaStream) => void): void
  on(event: 'error', listener: (error: Error) => void): void
  on(event: 'iceStateChange', listener: (iceConnectionState: string) => void): void
}

export interface PeerOptions {
  initiator: boolean
  config: RTCConfiguration
  stream?: MediaStream
  channelName: string
}
export type CreatePeer = (options: PeerOptions) => PeerLike

/** simple-peer keeps its RTCPeerConnection in `_pc`; stats and sender settings need it. */
function connectionOf(peer: PeerLike): RTCPeerConnection | null {
  return (peer as unknown as { _pc?: RTCPeerConnection })._pc ?? null
}

export type PathKind = 'direct' | 'reflexive' | 'relay'

export interface ConnectionFacts {
  state: 'connecting' | 'connected' | 'failed' | 'closed'
  path: PathKind | null
  candidateType: CandidateType | null
  protocol: 'udp' | 'tcp' | null
  roundTripMs: number | null
  /** Video bits per second: received for staff, sent for the end user. */
  bitrate: number | null
  frameRate: number | null
}

export interface ChatLine {
  id: string
  from: string
  displayName: string
  role: ParticipantRole
  text: string
  at: string
}

export interface SessionView {
  socket: SessionSocketStatus
  me: { participantId: string; role: ParticipantRole } | null
  organisation: string | null
  ticketId: string | null
  state: SessionState | null
  chat: ChatLine[]
  /** Staff: the end user's screen while it arrives. */
  remoteStream: MediaStream | null
  /** End user: the screen being shared, if any. */
  localStream: MediaStream | null
  /** Per remote participant id. */
  connections: Record<string, ConnectionFacts>
  hubRoundTripMs: number | null
  /** Why the session cannot connect, naming the hop at fault. */
  failure: string | null
  /** The hub's last refusal, in its words. */
  error: string | null
  /** With a refusal by the customer's contract: its code and parameters, to say it in the reader's language. */
  refusal: ContractRefusalDetail | null
  /** The customer the session reaches, where the hub knows it. */
  customerId: string | null
  ended: EndReason | 'closed' | null
  /** End user: control messages applied and dropped, so the user can see nothing slips through. */
  input: { applied: number; dropped: number }
}

export interface RemoteSessionOptions {
  hubUrl: string
  sessionId: string
  auth: JoinAuth
  createPeer: CreatePeer
  /** End user: where accepted control input goes; without it Get Help is view-only. */
  applyInput?: (input: RemoteInput, from: string) => void
  /** End user: who may operate the screen now, on every change, for the input service's own check. */
  onControlState?: (state: { holder: string | null; granted: boolean }) => void
  captureScreen?: () => Promise<MediaStream>
  relayOnly?: boolean
  openSocket?: OpenSocket
  statsIntervalMs?: number
  /** Bits per second for the screen; text stays sharp at this rate without saturating an office line. */
  maxBitrate?: number
}

interface PeerEntry {
  peer: PeerLike
  /** Whether the connection was made with a TURN server to fall back on. */
  relayed: boolean
  gotOffer: boolean
  gathered: CandidateType[]
  lastBytes: number | null
  lastAt: number
  reported: string | null
}

const emptyFacts: ConnectionFacts = {
  state: 'connecting',
  path: null,
  candidateType: null,
  protocol: null,
  roundTripMs: null,
  bitrate: null,
  frameRate: null,
}

export function pathOf(local: CandidateType | null, remote: CandidateType | null): PathKind | null {
  if (!local) return null
  if (local === 'relay' || remote === 'relay') return 'relay'
  if (local === 'host' && (remote === 'host' || remote === null)) return 'direct'
  return 'reflexive'
}

export function defaultCaptureScreen(): Promise<MediaStream> {
  return navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false })
}

/** The coturn `use-auth-secret` username starts with the credential's expiry in Unix seconds. */
export function turnExpiry(iceServers: IceServer[]): string | null {
  for (const server of iceServers) {
    const match = /^(\d+):/.exec(server.username ?? '')
    if (match && server.urls.some((url) => /^turns?:/.test(url))) return new Date(Number(match[1]) * 1000).toISOString()
  }
  return null
}

function hasTurn(iceServers: IceServer[]): boolean {
  return iceServers.some((server) => server.urls.some((url) => /^turns?:/.test(url)))
}

/** Names the hop that failed when a peer connection cannot be made. */
export function describeConnectFailure(input: {
  gathered: CandidateType[]
  iceServers: IceServer[]
  relayOnly: boolean
  now: Date
}): string {
  const urls = input.iceServers.flatMap((server) => server.urls)
  const turnConfigured = urls.some((url) => /^turns?:/.test(url))
  const stunConfigured = urls.some((url) => /^stuns?:/.test(url))
  const gathering = describeGatheringFailure({
    gathered: input.gathered,
    relayOnly: input.relayOnly,
    turnConfigured,
    turnExpiresAt: turnExpiry(input.iceServers),
    now: input.now,
  })
  if (gathering) return gathering
  if (stunConfigured && !input.gathered.includes('srflx') && !input.gathered.includes('relay'))
    return 'STUN: the server gave this device no public address, so only a local connection was possible.'
  if (!turnConfigured) return 'TURN: a direct connection failed and the hub hands out no TURN relay to fall back on.'
  return 'TURN: the relay was reachable but no connection came through it; a firewall may block the relayed traffic.'
}

export class RemoteSession {
  private view: SessionView = {
    socket: 'connecting',
    me: null,
    organisation: null,
    ticketId: null,
    state: null,
    chat: [],
    remoteStream: null,
    localStream: null,
    connections: {},
    hubRoundTripMs: null,
    failure: null,
    error: null,
    refusal: null,
    customerId: null,
    ended: null,
    input: { applied: 0, dropped: 0 },
  }
  private readonly listeners = new Set<(view: SessionView) => void>()
  private readonly socket: SessionSocket
  private readonly peers = new Map<string, PeerEntry>()
  private iceServers: IceServer[] = []
  private statsTimer: ReturnType<typeof setInterval> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  /**
   * Control taken back by the user's gesture: effective at once, before the hub confirms, and
   * cleared only by the user's next explicit grant, so a state message in flight cannot undo it.
   */
  private readonly controlTakenBack = new Set<string>()
  /** Views this user granted that no state from the hub has confirmed yet. */
  private readonly viewGranted = new Set<string>()
  private pausedHere = false
  private publishedControl = ''
  private readonly lastSeq = new Map<string, number>()
  private sendSeq = 0

  constructor(private readonly options: RemoteSessionOptions) {
    this.socket = new SessionSocket({
      hubUrl: options.hubUrl,
      sessionId: options.sessionId,
      auth: options.auth,
      openSocket: options.openSocket,
      onMessage: (message) => this.receive(message),
      onStatus: (status, detail) => this.socketStatus(status, detail),
      onInvalid: (problem) => this.update({ error: problem, refusal: null }),
    })
  }

  get snapshot(): SessionView {
    return this.view
  }

  subscribe(listener: (view: SessionView) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  start(): void {
    this.socket.start()
    this.statsTimer = setInterval(() => void this.collectStats(), this.options.statsIntervalMs ?? 2000)
  }

  /** Leaves the session (staff) or simply disconnects, and releases every peer and capture. */
  close(leave = true): void {
    this.socket.stop(leave)
    this.teardown()
    if (!this.view.ended) this.update({ ended: 'closed' })
  }

  get canControl(): boolean {
    return this.options.applyInput !== undefined
  }

  // ---- the end user's gestures ----

  /** Starts capture if needed, then allows the participant to see the screen. */
  async grantView(participantId: string): Promise<void> {
    await this.ensureCapture()
    if (!this.send({ type: 'consent', action: 'grant_view', participantId })) return
    // The offer goes out right behind the grant instead of after the hub's answer: the hub applies
    // one socket's messages in order, so it checks the offer only once the grant is in force.
    this.viewGranted.add(participantId)
    this.reconcile()
  }

  /** After a reload the permissions stand but the capture is gone: the user starts it again. */
  async shareAgain(): Promise<void> {
    await this.ensureCapture()
  }

  revokeView(participantId: string): void {
    this.viewGranted.delete(participantId)
    this.controlTakenBack.add(participantId)
    this.publishControl()
    this.send({ type: 'consent', action: 'revoke_view', participantId })
    // The picture stops now, not when the hub's answer arrives.
    this.destroyPeer(participantId)
    // With nobody left who may see it, the capture ends too: the bar and the system's own sharing
    // indicator then say the screen is no longer shared. A new grant starts it again.
    const viewers = (this.view.state?.participants ?? []).filter(
      (p) => p.id !== participantId && p.role !== 'end_user' && p.permissions.includes('view'),
    )
    if (viewers.length === 0 && this.viewGranted.size === 0) this.releaseCapture()
  }

  private releaseCapture(): void {
    const stream = this.view.localStream
    if (!stream) return
    this.update({ localStream: null })
    for (const track of stream.getTracks()) track.stop()
  }

  /** Control is possible only where an input service exists (the desktop app). */
  async grantControl(participantId: string): Promise<boolean> {
    if (!this.canControl) return false
    await this.ensureCapture()
    this.controlTakenBack.delete(participantId)
    this.send({ type: 'consent', action: 'grant_control', participantId })
    return true
  }

  revokeControl(participantId: string): void {
    this.controlTakenBack.add(participantId)
    this.publishControl()
    this.send({ type: 'consent', action: 'revoke_control', participantId })
  }

  approveJoin(invitationId: string, displayName: string): void {
    this.send({ type: 'consent', action: 'approve_join', invitationId, displayName })
  }

  denyJoin(invitationId: string): void {
    this.send({ type: 'consent', action: 'deny_join', invitationId })
  }

  approveHandover(to: string): void {
    if (!this.canControl) return this.denyHandover(to)
    this.controlTakenBack.delete(to)
    this.send({ type: 'consent', action: 'approve_handover', to })
  }

  denyHandover(to: string): void {
    this.send({ type: 'consent', action: 'deny_handover', to })
  }

  /** Pauses at once; only `resume` lifts this side's pause, so a state message in flight cannot. */
  pause(): void {
    this.pausedHere = true
    this.applyPause()
    this.send({ type: 'consent', action: 'pause' })
  }

  resume(): void {
    this.pausedHere = false
    this.send({ type: 'consent', action: 'resume' })
  }

  /** Ends the session for everyone; this side lets go at once, even when the hub cannot be told. */
  stop(): void {
    const told = this.socket.send({ type: 'consent', action: 'stop' })
    this.teardown()
    if (!told) {
      // The hub ends the session itself once this participant stays away past the grace period.
      this.socket.stop()
      this.update({ ended: 'stopped' })
    }
  }

  /** Shares another screen: the track is replaced in every connection, nobody reconnects. */
  async switchScreen(): Promise<void> {
    const stream = this.view.localStream
    if (!stream) return void (await this.ensureCapture())
    const fresh = await this.capture()
    const [oldTrack] = stream.getVideoTracks()
    const [newTrack] = fresh.getVideoTracks()
    if (!oldTrack || !newTrack) return
    for (const entry of this.peers.values()) {
      if (!entry.peer.destroyed) entry.peer.replaceTrack(oldTrack, newTrack, stream)
    }
    stream.removeTrack(oldTrack)
    stream.addTrack(newTrack)
    oldTrack.onended = null
    oldTrack.stop()
    this.applyPause()
    this.update({ localStream: stream })
  }

  // ---- staff gestures ----

  requestPermission(permission: Permission): void {
    this.send({ type: 'permission_request', permission })
  }

  requestControl(): void {
    this.send({ type: 'control_request' })
  }

  releaseControl(): void {
    this.send({ type: 'control_release' })
  }

  handOver(to: string): void {
    this.send({ type: 'control_handover', to })
  }

  /** Sends one input to the end user while this participant holds the control token. */
  sendInput(input: RemoteInput): boolean {
    const me = this.view.me
    const endUser = this.view.state?.participants.find((p) => p.role === 'end_user')
    if (!me || !endUser || this.view.state?.controlHolder !== me.participantId) return false
    const entry = this.peers.get(endUser.id)
    if (!entry?.peer.connected) return false
    const message: ControlMessage = {
      type: 'input',
      from: me.participantId,
      seq: ++this.sendSeq,
      sentAt: Date.now(),
      input: remoteInputSchema.parse(input),
    }
    try {
      entry.peer.send(JSON.stringify(message))
      return true
    } catch {
      return false
    }
  }

  // ---- both ----

  chat(text: string): void {
    const trimmed = text.trim()
    if (trimmed) this.send({ type: 'chat', text: trimmed.slice(0, 4000) })
  }

  private send(message: SessionClientMessage): boolean {
    if (this.socket.send(message)) return true
    this.update({ error: 'Not connected to the hub; try again in a moment.', refusal: null })
    return false
  }

  private update(patch: Partial<SessionView>): void {
    this.view = { ...this.view, ...patch }
    for (const listener of this.listeners) listener(this.view)
  }

  private setFacts(participantId: string, patch: Partial<ConnectionFacts>): void {
    const previous = this.view.connections[participantId] ?? emptyFacts
    this.update({ connections: { ...this.view.connections, [participantId]: { ...previous, ...patch } } })
  }

  private socketStatus(status: SessionSocketStatus, detail?: { code?: number; reason?: string }): void {
    const patch: Partial<SessionView> = { socket: status }
    if (status === 'joined') patch.failure = null
    else if (status === 'reconnecting' && !this.socket.everJoined)
      patch.failure = `Hub: ${this.socket.url} cannot be reached; trying again.`
    else if (status === 'closed' && !this.view.ended) {
      patch.ended = detail?.code === 4410 ? 'stopped' : 'closed'
      this.teardown()
    }
    this.update(patch)
  }

  private receive(message: SessionServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.iceServers = message.iceServers
        this.update({
          me: { participantId: message.participantId, role: message.role },
          organisation: message.session.organisation.name,
          ticketId: message.session.ticketId,
          customerId: message.session.customerId ?? null,
          error: null,
          refusal: null,
        })
        return
      case 'state':
        this.update({ state: message, ticketId: message.session.ticketId })
        return this.reconcile()
      case 'signal':
        return this.receiveSignal(message.from, message.data)
      case 'chat': {
        const { type: _type, ...line } = message
        if (!this.view.chat.some((known) => known.id === line.id)) this.update({ chat: [...this.view.chat, line] })
        return
      }
      case 'ice':
        return this.renewIce(message.iceServers)
      case 'pong':
        return this.update({ hubRoundTripMs: this.socket.hubRoundTripMs })
      case 'ended':
        this.update({ ended: message.reason })
        return this.teardown()
      case 'error':
        // A refused grant must not leave a connection standing on the hope of it.
        if (this.viewGranted.size > 0) {
          this.viewGranted.clear()
          this.reconcile()
        }
        return this.update({ error: message.message, refusal: message.refusal ?? null })
    }
  }

  private get paused(): boolean {
    return this.pausedHere || (this.view.state?.session.paused ?? false)
  }

  /** Brings the set of peer connections in line with who may see the screen. */
  private reconcile(): void {
    const { state, me } = this.view
    if (!state || !me || this.view.ended) return
    const present = new Set(state.participants.map((p) => p.id))
    for (const id of [...this.peers.keys()]) if (!present.has(id)) this.destroyPeer(id)

    if (me.role === 'end_user') {
      for (const participant of state.participants) {
        if (participant.role === 'end_user') continue
        if (participant.permissions.includes('view')) this.viewGranted.delete(participant.id)
        const mayView = participant.permissions.includes('view') || this.viewGranted.has(participant.id)
        if (!mayView) this.destroyPeer(participant.id)
        if (mayView && participant.connected && this.view.localStream && !this.peers.has(participant.id))
          this.createPeer(participant.id, true)
      }
      this.applyPause()
      return
    }
    const mine = state.participants.find((p) => p.id === me.participantId)
    if (!mine?.permissions.includes('view')) for (const id of [...this.peers.keys()]) this.destroyPeer(id)
  }

  private receiveSignal(from: string, data: unknown): void {
    const me = this.view.me
    if (!me) return
    let entry = this.peers.get(from)
    if (me.role === 'end_user') {
      if (entry && !entry.peer.destroyed) entry.peer.signal(data)
      return
    }
    const sender = this.view.state?.participants.find((p) => p.id === from)
    if (sender?.role !== 'end_user') return
    const isOffer = (data as { type?: string }).type === 'offer'
    // The user's side opened a new connection (after a drop or a screen change): start over with it.
    if (isOffer && entry?.gotOffer) {
      this.destroyPeer(from)
      entry = undefined
    }
    if (!entry) {
      if (!isOffer) return
      entry = this.createPeer(from, false)
    }
    if (isOffer) entry.gotOffer = true
    entry.peer.signal(data)
  }

  private createPeer(participantId: string, initiator: boolean): PeerEntry {
    const peer = this.options.createPeer({
      initiator,
      config: { iceServers: this.iceServers, iceTransportPolicy: this.options.relayOnly ? 'relay' : 'all' },
      stream: initiator ? (this.view.localStream ?? undefined) : undefined,
      channelName: 'control',
    })
    const entry: PeerEntry = {
      peer,
      relayed: hasTurn(this.iceServers),
      gotOffer: false,
      gathered: [],
      lastBytes: null,
      lastAt: 0,
      reported: null,
    }
    // Tuned before the first frame is encoded too, so the encoder does not start over once connected.
    if (initiator) void this.tuneSenders(peer)
    this.peers.set(participantId, entry)
    this.setFacts(participantId, { ...emptyFacts })
    const current = () => this.peers.get(participantId)?.peer === peer

    peer.on('signal', (raw) => {
      const parsed = signalDataSchema.safeParse(raw)
      if (!parsed.success) return
      if (parsed.data.type === 'candidate') {
        const type = candidateTypeOf(parsed.data.candidate.candidate)
        if (type && !entry.gathered.includes(type)) entry.gathered.push(type)
      }
      this.socket.send({ type: 'signal', to: participantId, data: parsed.data })
    })
    peer.on('connect', () => {
      if (!current()) return
      this.setFacts(participantId, { state: 'connected' })
      this.update({ failure: null })
      if (initiator) void this.tuneSenders(peer)
      void this.collectStats()
    })
    peer.on('stream', (stream) => {
      if (current() && this.view.me?.role !== 'end_user') this.update({ remoteStream: stream })
    })
    peer.on('data', (data) => {
      if (current()) this.receiveControl(participantId, data)
    })
    peer.on('iceStateChange', (ice) => {
      if (current() && ice === 'failed') this.fail(participantId, entry)
    })
    peer.on('error', () => {
      if (current()) this.fail(participantId, entry)
    })
    peer.on('close', () => {
      if (!current()) return
      this.peers.delete(participantId)
      this.setFacts(participantId, { state: 'closed', bitrate: null, frameRate: null })
      if (this.view.me?.role !== 'end_user') this.update({ remoteStream: null })
      // The user's side offers again while the viewer is still allowed, a little later.
      else this.scheduleReconcile()
    })
    return entry
  }

  /**
   * The hub's fresh ICE servers: TURN once someone may see the screen, renewed before the
   * credential expires. Open connections take them for their next gathering; a connection of the
   * user's that is still being made without any relay starts over with one, so it can fall back on it.
   */
  private renewIce(iceServers: IceServer[]): void {
    this.iceServers = iceServers
    for (const [participantId, entry] of [...this.peers]) {
      const connection = connectionOf(entry.peer)
      if (this.view.me?.role === 'end_user' && !entry.relayed && !entry.peer.connected && hasTurn(iceServers)) {
        this.destroyPeer(participantId)
        continue
      }
      try {
        connection?.setConfiguration({ ...connection.getConfiguration(), iceServers })
        entry.relayed ||= hasTurn(iceServers)
      } catch {
        // A closing connection refuses new settings; it is replaced anyway.
      }
    }
    this.reconcile()
  }

  private fail(participantId: string, entry: PeerEntry): void {
    this.setFacts(participantId, { state: 'failed' })
    this.update({
      failure: describeConnectFailure({
        gathered: entry.gathered,
        iceServers: this.iceServers,
        relayOnly: this.options.relayOnly ?? false,
        now: new Date(),
      }),
    })
  }

  private scheduleReconcile(): void {
    if (this.retryTimer) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.reconcile()
    }, 2000)
  }

  private destroyPeer(participantId: string): void {
    const entry = this.peers.get(participantId)
    if (!entry) return
    this.peers.delete(participantId)
    entry.peer.destroy()
    this.setFacts(participantId, { state: 'closed', bitrate: null, frameRate: null })
    if (this.view.me?.role !== 'end_user') this.update({ remoteStream: null })
  }

  /** A message on the control channel becomes input only if every rule holds; anything else is dropped. */
  private receiveControl(peerId: string, data: Uint8Array | string): void {
    const drop = () => this.update({ input: { ...this.view.input, dropped: this.view.input.dropped + 1 } })
    if (this.view.me?.role !== 'end_user') return
    const size = typeof data === 'string' ? new TextEncoder().encode(data).byteLength : data.byteLength
    if (size > maxControlMessageBytes) return drop()
    let json: unknown
    try {
      json = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data))
    } catch {
      return drop()
    }
    const parsed = controlMessageSchema.safeParse(json)
    if (!parsed.success) return drop()
    const message = parsed.data
    const state = this.view.state
    const holder = state?.participants.find((p) => p.id === peerId)
    if (
      message.from !== peerId ||
      state?.controlHolder !== peerId ||
      !holder?.permissions.includes('control') ||
      this.controlTakenBack.has(peerId) ||
      this.paused ||
      !this.options.applyInput
    )
      return drop()
    const last = this.lastSeq.get(peerId) ?? -1
    if (message.seq <= last) return drop()
    this.lastSeq.set(peerId, message.seq)
    this.options.applyInput(message.input, peerId)
    this.update({ input: { ...this.view.input, applied: this.view.input.applied + 1 } })
  }

  private async ensureCapture(): Promise<MediaStream> {
    if (this.view.localStream) return this.view.localStream
    const stream = await this.capture()
    this.update({ localStream: stream })
    this.reconcile()
    return stream
  }

  private async capture(): Promise<MediaStream> {
    const stream = await (this.options.captureScreen ?? defaultCaptureScreen)()
    for (const track of stream.getVideoTracks()) {
      // Screens are text: keep edges sharp rather than motion smooth.
      track.contentHint = 'text'
      // The user ended sharing from the browser's own control: nobody sees the screen any more.
      track.onended = () => {
        if (this.view.localStream?.getVideoTracks()[0] !== track) return
        for (const p of this.view.state?.participants ?? [])
          if (p.role !== 'end_user' && p.permissions.includes('view')) this.revokeView(p.id)
        this.update({ localStream: null })
      }
    }
    return stream
  }

  /** Tells the input service who may operate the screen; sent only when it changes. */
  private publishControl(): void {
    if (this.view.me?.role !== 'end_user' || !this.options.onControlState) return
    const state = this.view.state
    const holder = this.view.ended ? null : (state?.controlHolder ?? null)
    const member = state?.participants.find((p) => p.id === holder)
    const granted =
      !!holder && !!member?.permissions.includes('control') && !this.controlTakenBack.has(holder) && !this.paused
    const key = `${holder}:${granted}`
    if (key === this.publishedControl) return
    this.publishedControl = key
    this.options.onControlState({ holder, granted })
  }

  private applyPause(): void {
    this.publishControl()
    for (const track of this.view.localStream?.getVideoTracks() ?? []) track.enabled = !this.paused
  }

  /** A bitrate cap and a preference for resolution over frame rate, which keeps small text readable. */
  private async tuneSenders(peer: PeerLike): Promise<void> {
    const connection = connectionOf(peer)
    for (const sender of connection?.getSenders() ?? []) {
      if (sender.track?.kind !== 'video') continue
      const parameters = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string }
      if (!parameters.encodings || parameters.encodings.length === 0) parameters.encodings = [{}]
      for (const encoding of parameters.encodings) encoding.maxBitrate = this.options.maxBitrate ?? 2_500_000
      parameters.degradationPreference = 'maintain-resolution'
      try {
        await sender.setParameters(parameters)
      } catch {
        // Some engines refuse the preference; the bitrate cap alone still applies.
        delete parameters.degradationPreference
        await sender.setParameters(parameters).catch(() => undefined)
      }
    }
  }

  private async collectStats(): Promise<void> {
    this.update({ hubRoundTripMs: this.socket.hubRoundTripMs })
    for (const [participantId, entry] of this.peers) {
      const connection = connectionOf(entry.peer)
      if (!connection || !entry.peer.connected) continue
      let report: RTCStatsReport
      try {
        report = await connection.getStats()
      } catch {
        continue
      }
      const facts = readStats(report)
      const now = Date.now()
      let bitrate: number | null = null
      if (facts.bytes !== null && entry.lastBytes !== null && now > entry.lastAt)
        bitrate = Math.round(((facts.bytes - entry.lastBytes) * 8 * 1000) / (now - entry.lastAt))
      entry.lastBytes = facts.bytes
      entry.lastAt = now
      if (this.peers.get(participantId) !== entry) continue
      this.setFacts(participantId, {
        state: 'connected',
        path: pathOf(facts.local, facts.remote),
        candidateType: facts.local,
        protocol: facts.protocol,
        roundTripMs: facts.roundTripMs,
        bitrate,
        frameRate: facts.frameRate,
      })
      const key = `${facts.local}/${facts.protocol}`
      if (facts.local && entry.reported !== key) {
        entry.reported = key
        this.socket.send({
          type: 'connection_report',
          peer: participantId,
          candidateType: facts.local,
          ...(facts.protocol ? { protocol: facts.protocol } : {}),
          ...(facts.roundTripMs !== null ? { roundTripMs: facts.roundTripMs } : {}),
        })
      }
    }
  }

  private teardown(): void {
    if (this.statsTimer) clearInterval(this.statsTimer)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.statsTimer = null
    this.retryTimer = null
    for (const id of [...this.peers.keys()]) this.destroyPeer(id)
    for (const track of this.view.localStream?.getTracks() ?? []) {
      track.onended = null
      track.stop()
    }
    this.update({ localStream: null, remoteStream: null })
    if (this.view.me?.role === 'end_user') {
      this.publishedControl = ''
      this.options.onControlState?.({ holder: null, granted: false })
    }
  }
}

interface StatsEntry {
  type: string
  id: string
  [key: string]: unknown
}

/** The facts an agent needs from a stats report: the selected path, round trip, video rate. */
export function readStats(report: RTCStatsReport | Map<string, StatsEntry>): {
  local: CandidateType | null
  remote: CandidateType | null
  protocol: 'udp' | 'tcp' | null
  roundTripMs: number | null
  bytes: number | null
  frameRate: number | null
} {
  const entries = [...(report as Map<string, StatsEntry>).values()]
  const byId = new Map(entries.map((entry) => [entry.id, entry]))
  const transport = entries.find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId)
  const pair =
    (transport ? byId.get(String(transport.selectedCandidatePairId)) : undefined) ??
    entries.find((entry) => entry.type === 'candidate-pair' && entry.state === 'succeeded' && entry.nominated)
  const local = pair ? byId.get(String(pair.localCandidateId)) : undefined
  const remote = pair ? byId.get(String(pair.remoteCandidateId)) : undefined
  const video = entries.find(
    (entry) => (entry.type === 'inbound-rtp' || entry.type === 'outbound-rtp') && entry.kind === 'video',
  )
  const candidateType = (value: unknown): CandidateType | null =>
    value === 'host' || value === 'srflx' || value === 'prflx' || value === 'relay' ? value : null
  const rtt = typeof pair?.currentRoundTripTime === 'number' ? Math.round(pair.currentRoundTripTime * 1000) : null
  const bytes = video
    ? Number(video.type === 'inbound-rtp' ? (video.bytesReceived ?? 0) : (video.bytesSent ?? 0))
    : null
  return {
    local: candidateType(local?.candidateType),
    remote: candidateType(remote?.candidateType),
    protocol: local?.protocol === 'udp' || local?.protocol === 'tcp' ? local.protocol : null,
    roundTripMs: rtt,
    bytes,
    frameRate: typeof video?.framesPerSecond === 'number' ? Math.round(video.framesPerSecond) : null,
  }
}
