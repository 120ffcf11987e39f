import type { IncomingHttpHeaders } from 'node:http'
import { hashToken } from '../auth/tokens'
import type { Queryable } from '../storage/db'

export type ClientKind = 'desktop' | 'web'

/**
 * Which Console signs in, from what the browser engine itself puts on the request: a page
 * cannot set `Origin` or `Sec-Fetch-*` from script. The desktop Console is a file:// page, whose
 * requests carry `Origin: null` or `file://`; a program that is no browser sends neither header.
 * Every web page (the web Console on the hub's own origin, or any other) names its http(s) origin,
 * so a token taken from a browser can never pass for the desktop Console. Anything unclear is web.
 */
export function clientKindOfSignIn(headers: IncomingHttpHeaders): ClientKind {
  const origin = headers.origin
  if (origin === 'null' || origin === 'file://') return 'desktop'
  if (origin === undefined && headers['sec-fetch-site'] === undefined && headers['sec-fetch-mode'] === undefined)
    return 'desktop'
  return 'web'
}

export async function bindClientKind(db: Queryable, token: string, kind: ClientKind): Promise<void> {
  await db.query('update auth_sessions set client_kind = $2 where token_hash = $1', [hashToken(token), kind])
}

/** The kind the token was bound to at sign-in; an unknown token counts as web. */
export async function clientKindOf(db: Queryable, token: string): Promise<ClientKind> {
  const [row] = await db.query<{ client_kind: string }>('select client_kind from auth_sessions where token_hash = $1', [
    hashToken(token),
  ])
  return row?.client_kind === 'desktop' ? 'desktop' : 'web'
}
