import { createHash, randomBytes } from 'node:crypto'
import * as client from 'openid-client'
import type { SsoError } from '@shared/admin/signIn'
import type { Database, Queryable } from '../storage/db'
import { claimValues, domainOf, mappedRole, resolveExternalAccount } from './externalAccounts'
import type { StoredOidcProvider } from './repository'

/** A started sign-in waits this long for the browser to come back from the provider. */
const pendingLifetimeMs = 10 * 60_000
/** The Console fetches its token with the fragment's code within this. */
const handoffLifetimeMs = 60_000
/** Discovery documents are fetched again after this. */
const discoveryLifetimeMs = 10 * 60_000

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const isLoopback = (url: URL) => ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)

const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>()

/** The provider's metadata and keys, fetched once per provider setting and kept for a while. */
function configurationOf(provider: StoredOidcProvider, now = Date.now()): Promise<client.Configuration> {
  const key = sha256(JSON.stringify([provider.id, provider.issuer, provider.clientId, provider.clientSecret]))
  const cached = discovered.get(key)
  if (cached && now - cached.at < discoveryLifetimeMs) return cached.config
  const issuer = new URL(provider.issuer)
  const config = client.discovery(issuer, provider.clientId, provider.clientSecret, undefined, {
    // Plain http only for a provider on this computer (the schema refuses it elsewhere).
    ...(issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
    timeout: 10,
  })
  discovered.set(key, { at: now, config })
  config.catch(() => discovered.delete(key))
  return config
}

/**
 * Starts the authorization code flow with PKCE: state and nonce are random, only the state's
 * hash is stored with the verifier. Answers the provider URL to send the browser to and the
 * state, which the caller also binds to the browser (a cookie), so a callback with someone
 * else's state is refused.
 */
export async function startOidcSignIn(
  db: Queryable,
  provider: StoredOidcProvider,
  redirectUri: string,
  now = new Date(),
  /** The desktop Console's loopback listener (already checked by the route), or null for the web Console. */
  returnTo: string | null = null,
): Promise<{ url: string; state: string }> {
  const config = await configurationOf(provider)
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  await db.query('delete from oidc_pending where expires_at < $1', [now.toISOString()])
  await db.query(
    `insert into oidc_pending (state_hash, provider_id, code_verifier, nonce, redirect_uri, expires_at, return_to)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      sha256(state),
      provider.id,
      codeVerifier,
      nonce,
      redirectUri,
      new Date(now.getTime() + pendingLifetimeMs).toISOString(),
      returnTo,
    ],
  )
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url: url.href, state }
}

/**
 * How a callback ended. `returnTo` is the loopback address the sign-in was started with (desktop
 * Console), taken from the stored state and never from the callback's own request; null for the
 * web Console and whenever the state itself was not found.
 */
export type OidcCallbackResult = (
  { kind: 'ok'; code: string } | { kind: 'refused'; error: SsoError; detail?: string }
) & {
  returnTo: string | null
}

/**
 * The browser is back: the state must be one this hub started and the one bound to this browser;
 * the code is exchanged with the verifier, and the ID token checked (signature, issuer, audience,
 * expiry, nonce) by openid-client. Then the role comes from the named claim and the account is
 * found or created. Success leaves a one-time code for the Console to fetch its token with.
 */
export async function finishOidcSignIn(
  db: Database,
  callbackUrl: URL,
  browserState: string | null,
  findProvider: (id: string) => Promise<StoredOidcProvider | null>,
  now = new Date(),
): Promise<OidcCallbackResult> {
  const state = callbackUrl.searchParams.get('state')
  const badState = { kind: 'refused', error: 'state', returnTo: null } as const
  if (!state || !browserState || state !== browserState) return badState
  const [pending] = await db.query<{
    provider_id: string
    code_verifier: string
    nonce: string
    redirect_uri: string
    expires_at: Date | string
    return_to: string | null
  }>(
    `delete from oidc_pending where state_hash = $1
     returning provider_id, code_verifier, nonce, redirect_uri, expires_at, return_to`,
    [sha256(state)],
  )
  if (!pending || new Date(pending.expires_at).getTime() < now.getTime()) return badState
  const returnTo = pending.return_to
  const provider = await findProvider(pending.provider_id)
  if (!provider) return { ...badState, returnTo }
  const refused = (error: SsoError, detail?: string): OidcCallbackResult =>
    detail === undefined ? { kind: 'refused', error, returnTo } : { kind: 'refused', error, detail, returnTo }

  let claims: Record<string, unknown>
  try {
    const config = await configurationOf(provider)
    // The provider answers to the redirect URI the sign-in started with, whatever Host this request named.
    const current = new URL(pending.redirect_uri)
    current.search = callbackUrl.search
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    const idClaims = tokens.claims()
    if (!idClaims) return refused('provider', 'no ID token')
    claims = { ...idClaims }
    const missing = claims.email === undefined || claims[provider.roleClaim] === undefined
    if (missing && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      claims = { ...info, ...claims }
    }
  } catch (error) {
    return refused('provider', error instanceof Error ? error.message : String(error))
  }

  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) return refused('no_email')
  if (claims.email_verified === false) return refused('no_email')
  if (provider.emailDomains.length > 0 && !provider.emailDomains.includes(domainOf(email))) return refused('domain')
  const role = mappedRole(claimValues(claims[provider.roleClaim]), provider.roleMappings)
  if (!role) return refused('no_role')

  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name : email
  return db.transaction(async (tx) => {
    const outcome = await resolveExternalAccount(tx, {
      organisationId: provider.organisationId,
      email,
      displayName: name,
      role,
      identity: { kind: 'oidc', issuer: provider.issuer, subject: String(claims.sub) },
      emailTrusted: claims.email_verified === true,
      emailDomains: provider.emailDomains,
      createAccounts: provider.createAccounts,
    })
    if ('error' in outcome) return refused(outcome.error)
    const code = randomBytes(32).toString('base64url')
    await tx.query('delete from oidc_handoffs where expires_at < $1', [now.toISOString()])
    await tx.query('insert into oidc_handoffs (code_hash, account_id, expires_at) values ($1, $2, $3)', [
      sha256(code),
      outcome.accountId,
      new Date(now.getTime() + handoffLifetimeMs).toISOString(),
    ])
    return { kind: 'ok', code, returnTo } as const
  })
}

/** The account a fragment code was issued for; the code works once. */
export async function redeemHandoff(db: Queryable, code: string, now = new Date()): Promise<string | null> {
  const [row] = await db.query<{ account_id: string; expires_at: Date | string }>(
    'delete from oidc_handoffs where code_hash = $1 returning account_id, expires_at',
    [sha256(code)],
  )
  if (!row || new Date(row.expires_at).getTime() < now.getTime()) return null
  return row.account_id
}
