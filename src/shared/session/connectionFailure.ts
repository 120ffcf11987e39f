import type { CandidateType } from './protocol'

/** The ICE candidate type named in a candidate line (`... typ relay ...`), or null. */
export function candidateTypeOf(candidate: string): CandidateType | null {
  const match = / typ (host|srflx|prflx|relay)(?: |$)/.exec(candidate)
  return match ? (match[1] as CandidateType) : null
}

/**
 * Why gathered candidates cannot lead to a connection, naming the hop at fault, or null when
 * they can. An expired TURN credential from the hub is reported as such, because fetching
 * fresh ICE servers from the hub fixes it.
 */
export function describeGatheringFailure(input: {
  gathered: CandidateType[]
  relayOnly: boolean
  turnConfigured: boolean
  /** When the hub's TURN credential expires, as handed out with the ICE servers. */
  turnExpiresAt: string | null
  now: Date
}): string | null {
  const relayed = input.gathered.includes('relay')
  if (input.relayOnly && !input.turnConfigured)
    return 'TURN: the hub hands out no TURN server, so a relayed connection is impossible.'
  if (input.turnConfigured && !relayed && input.turnExpiresAt && new Date(input.turnExpiresAt) <= input.now) {
    return `TURN: the server refused the credential, which expired at ${input.turnExpiresAt}. Fetch fresh ICE servers from the hub and try again.`
  }
  if (input.relayOnly && !relayed)
    return 'TURN: the server gave no relay address; it may be unreachable or not share the hub’s secret.'
  if (input.gathered.length === 0) return 'ICE: this device found no network address to connect from.'
  return null
}
