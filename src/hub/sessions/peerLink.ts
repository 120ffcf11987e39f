/** Test support: WebRTC peers in Node for the session tests, on loopback only. */
import wrtc from '@roamhq/wrtc'
import SimplePeer from 'simple-peer'
import { candidateTypeOf } from '@shared/session/connectionFailure'
import {
  signalDataSchema,
  type CandidateType,
  type IceServer,
  type SessionServerMessage,
} from '@shared/session/protocol'
import type { TestPeer } from './testing'

/** Tests send traffic to loopback only, so candidates on any other address are never offered. */
const onLoopback = (candidate: string) => / 127\.0\.0\.1 \d+ typ /.test(candidate)

function loopbackSdp(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || onLoopback(line))
    .join('\r\n')
}

/**
 * A WebRTC peer in Node whose signaling goes only through the hub: its signals are sent to
 * `remoteId` on the session socket, and signals from the hub are fed back into it.
 */
export function linkPeer(
  client: TestPeer,
  remoteId: string,
  options: { initiator: boolean; iceServers?: IceServer[]; relayOnly?: boolean },
): SimplePeer.Instance {
  const peer = new SimplePeer({
    initiator: options.initiator,
    wrtc,
    config: { iceServers: options.iceServers ?? [], iceTransportPolicy: options.relayOnly ? 'relay' : 'all' },
    sdpTransform: loopbackSdp,
  })
  peer.on('signal', (data) => {
    if ('candidate' in data && data.candidate && !onLoopback(data.candidate.candidate)) return
    // Parsed with the hub's own schema, so a signal the hub would refuse fails here, loudly.
    client.send({ type: 'signal', to: remoteId, data: signalDataSchema.parse(data) })
  })
  client.socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as SessionServerMessage
    if (message.type === 'signal' && message.from === remoteId && !peer.destroyed)
      peer.signal(message.data as SimplePeer.SignalData)
  })
  return peer
}

export function connected(peer: SimplePeer.Instance): Promise<void> {
  return new Promise((resolve, reject) => {
    peer.once('connect', resolve)
    peer.once('error', reject)
  })
}

export function nextData(peer: SimplePeer.Instance): Promise<string> {
  return new Promise((resolve) => peer.once('data', (data: Uint8Array) => resolve(Buffer.from(data).toString('utf8'))))
}

interface StatsReport {
  type: string
  id: string
  state?: string
  nominated?: boolean
  selected?: boolean
  localCandidateId?: string
  candidateType?: CandidateType
}

/** The candidate type of the local end of the pair the ICE agent selected. */
export async function selectedCandidateType(peer: SimplePeer.Instance): Promise<CandidateType | null> {
  // simple-peer has getStats, but its type definitions leave it out.
  const withStats = peer as unknown as {
    getStats(callback: (error: Error | null, reports: StatsReport[]) => void): void
  }
  const reports = await new Promise<StatsReport[]>((resolve, reject) =>
    withStats.getStats((error, stats) => (error ? reject(error) : resolve(stats))),
  )
  const pair = reports.find(
    (report) => report.type === 'candidate-pair' && report.state === 'succeeded' && report.nominated !== false,
  )
  const local = reports.find((report) => report.id === pair?.localCandidateId)
  return local?.candidateType ?? null
}

/** Gathers candidates with a throwaway connection, as a client does before it connects, and returns their types. */
export async function gatherCandidateTypes(iceServers: IceServer[], relayOnly: boolean): Promise<CandidateType[]> {
  const connection = new wrtc.RTCPeerConnection({ iceServers, iceTransportPolicy: relayOnly ? 'relay' : 'all' })
  connection.createDataChannel('probe')
  const types: CandidateType[] = []
  const complete = new Promise<void>((resolve) => {
    connection.onicecandidate = (event: { candidate: { candidate: string } | null }) => {
      if (!event.candidate) return resolve()
      const type = candidateTypeOf(event.candidate.candidate)
      if (type) types.push(type)
    }
  })
  await connection.setLocalDescription(await connection.createOffer())
  await complete
  connection.close()
  return types
}
