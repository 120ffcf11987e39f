import { useSyncExternalStore } from 'react'
import type { LinkKind } from '@shared/accounts/accounts'

export interface LinkRoute {
  kind: LinkKind
  token: string
}

/** `#/invite/<token>` or `#/reset/<token>`: the links admins hand out open the Console there. */
export function parseLinkRoute(hash: string): LinkRoute | null {
  const match = /^#\/(invite|reset)\/([A-Za-z0-9_-]+)$/.exec(hash)
  if (!match) return null
  return { kind: match[1] === 'invite' ? 'invitation' : 'reset', token: match[2]! }
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useLinkRoute(): LinkRoute | null {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return parseLinkRoute(hash)
}

/** Leaves the link's page; the token leaves the address bar and the history entry. */
export function leaveLinkRoute(): void {
  history.replaceState(null, '', `${location.pathname}${location.search}`)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}

/** The link to hand out for a token, on the hub the Console talks to (the hub serves the web Console at `/`). */
export function linkFor(hubUrl: string, kind: LinkKind, token: string): string {
  return `${hubUrl.replace(/\/$/, '')}/#/${kind === 'invitation' ? 'invite' : 'reset'}/${token}`
}
