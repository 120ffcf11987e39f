import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type JWK } from 'jose'
import Provider, { type KoaContextWithOIDC } from 'oidc-provider'

/**
 * A real OpenID Connect provider (oidc-provider) on loopback for tests, with a login form and a
 * consent form of its own (plain HTML with labels, so a browser test finds them by name and a
 * plain-HTTP test can post them). `tamperIdToken` lets a test re-sign the ID token it hands out
 * with other claims (another audience, an expiry in the past) under the provider's own key.
 */
export interface TestUser {
  password: string
  email: string
  name: string
  groups: string[]
  emailVerified?: boolean
}

export interface TestOidcProvider {
  issuer: string
  clientId: string
  clientSecret: string
  users: Map<string, TestUser>
  tamperIdToken: ((claims: Record<string, unknown>) => Record<string, unknown>) | null
  close(): Promise<void>
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

export async function startTestOidcProvider(options: {
  redirectUris: string[]
  users: Record<string, TestUser>
  clientId?: string
  clientSecret?: string
}): Promise<TestOidcProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const clientId = options.clientId ?? 'firstline-hub'
  const clientSecret = options.clientSecret ?? 'a client secret long enough for the tests'
  const users = new Map(Object.entries(options.users))

  const state: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    users,
    tamperIdToken: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test cookie key one', 'test cookie key two'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    // The ID token carries what the scopes ask for, as Entra ID and Keycloak (with a mapper) do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const user = users.get(sub)
      if (!user) return undefined
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: user.email,
          email_verified: user.emailVerified ?? true,
          name: user.name,
          groups: user.groups,
        }),
      }
    },
  })
  provider.on('server_error', (_ctx: unknown, error: Error) => console.error('test provider:', error))

  // Re-signs the ID token on its way out when a test asks for a bad one.
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next()
    const body = ctx.body as { id_token?: string } | undefined
    if (ctx.path === '/token' && state.tamperIdToken && body?.id_token) {
      const claims = state.tamperIdToken({ ...decodeJwt(body.id_token) })
      body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(privateKey)
    }
  })

  const callback = provider.callback()
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith('/interaction/')) {
      interaction(request, response).catch((error: unknown) => {
        response.statusCode = 500
        response.end(String(error))
      })
      return
    }
    void callback(request, response)
  })

  async function interaction(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(request, response)
    const action = `/interaction/${details.uid}`
    const html = (body: string) => {
      response.setHeader('content-type', 'text/html; charset=utf-8')
      response.end(body)
    }
    if (request.method === 'GET') {
      if (details.prompt.name === 'login') {
        return html(
          page(
            'Test provider sign-in',
            `<form method="post" action="${action}">
  <label>Username <input name="login" autocomplete="off"></label>
  <label>Password <input name="password" type="password"></label>
  <button type="submit">Sign in at the provider</button></form>`,
          ),
        )
      }
      return html(
        page('Allow access', `<form method="post" action="${action}"><button type="submit">Allow</button></form>`),
      )
    }
    if (details.prompt.name === 'login') {
      const form = await formBody(request)
      const login = form.get('login') ?? ''
      if (users.get(login)?.password !== form.get('password')) {
        response.statusCode = 401
        return html(page('Wrong username or password', `<a href="${action}">Try again</a>`))
      }
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: login } },
        { mergeWithLastSubmission: false },
      )
      return
    }
    const grant = new provider.Grant({
      accountId: details.session!.accountId,
      clientId: String(details.params.client_id),
    })
    grant.addOIDCScope(String(details.params.scope))
    const grantId = await grant.save()
    await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true })
  }

  return state
}

/**
 * Follows a sign-in through the provider with plain HTTP, as a browser would: redirects, the
 * provider's cookies, its login and consent forms. Answers the hub's final redirect (the web
 * Console with its fragment). `hubCookie` lets a test take away or swap the hub's state cookie;
 * `stopAt` ends the walk at another address (the desktop Console's loopback listener) without
 * loading it; `rewriteCallback` lets a test tamper with the provider's redirect back to the hub.
 */
export async function signInThroughProvider(
  startUrl: string,
  credentials: { login: string; password: string },
  options: {
    hubCookie?: (cookie: string | null) => string | null
    stopAt?: (url: URL) => boolean
    rewriteCallback?: (url: URL) => URL
  } = {},
): Promise<{ location: string }> {
  const jars = new Map<string, Map<string, string>>()
  const remember = (url: URL, response: Response) => {
    const jar = jars.get(url.host) ?? new Map<string, string>()
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, ...value] = pair!.split('=')
      if (/max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name!.trim())
      else jar.set(name!.trim(), value.join('='))
    }
    jars.set(url.host, jar)
  }
  const cookieHeader = (url: URL) => {
    const jar = jars.get(url.host)
    return jar && jar.size > 0 ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : null
  }
  let url = new URL(startUrl)
  const hubHost = url.host
  let init: RequestInit = { method: 'GET' }
  for (let hop = 0; hop < 20; hop++) {
    const headers = new Headers(init.headers)
    let cookie = cookieHeader(url)
    if (url.host === hubHost && options.hubCookie) cookie = options.hubCookie(cookie)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    remember(url, response)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      let next = new URL(location, url)
      // Back at the hub's web Console (or wherever the test stops): the sign-in is over.
      if (next.host === hubHost && next.pathname === '/') return { location: next.href }
      if (options.stopAt?.(next)) return { location: next.href }
      if (options.rewriteCallback && next.host === hubHost && next.pathname.endsWith('/callback'))
        next = options.rewriteCallback(next)
      url = next
      init = { method: 'GET' }
      continue
    }
    const text = await response.text()
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${text.slice(0, 300)}`)
    const action = /<form method="post" action="([^"]+)"/.exec(text)?.[1]
    if (!action) throw new Error(`no form on the provider's page: ${text.slice(0, 300)}`)
    const body = text.includes('name="login"')
      ? new URLSearchParams({ login: credentials.login, password: credentials.password })
      : new URLSearchParams()
    url = new URL(action, url)
    init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
  }
  throw new Error('too many redirects')
}
