import { createHmac } from 'node:crypto'
import type { IceConfig } from '@shared/session/api'
import type { SessionSettings } from './settings'

/**
 * ICE servers for one participant. TURN credentials follow coturn's `use-auth-secret` scheme:
 * the username is `<expiry in Unix seconds>:<participant id>` and the password is
 * base64(HMAC-SHA1(static-auth-secret, username)). coturn recomputes the password and refuses
 * it after the expiry, so the hub never has to tell coturn about a participant.
 */
export function iceConfigFor(
  settings: SessionSettings,
  participantId: string,
  now: Date,
  /** A relay costs the organisation bandwidth: only once an agent accepted and the user let someone see. */
  withRelay: boolean,
): IceConfig {
  const iceServers: IceConfig['iceServers'] = []
  if (settings.stunUrls.length > 0) iceServers.push({ urls: settings.stunUrls })
  if (!withRelay || settings.turnUrls.length === 0 || !settings.turnSecret) return { iceServers, expiresAt: null }
  const expiry = Math.floor(now.getTime() / 1000) + settings.turnTtlSeconds
  const username = `${expiry}:${participantId}`
  const credential = createHmac('sha1', settings.turnSecret).update(username).digest('base64')
  iceServers.push({ urls: settings.turnUrls, username, credential })
  return { iceServers, expiresAt: new Date(expiry * 1000).toISOString() }
}

export function relayConfigured(settings: SessionSettings): boolean {
  return settings.turnUrls.length > 0 && !!settings.turnSecret
}

/** Credentials are renewed at half their lifetime, so a peer always has one with minutes left. */
export function relayRenewMs(settings: SessionSettings): number {
  return settings.iceRenewMs ?? (settings.turnTtlSeconds * 1000) / 2
}
