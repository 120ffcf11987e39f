import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { startSessionHub, type SessionHub } from '../sessions/testing'
import type { Database } from '../storage/db'
import { testBackends } from '../storage/testDatabases'
import { changedTables, tableDigest } from './digest'
import { createFixtures } from './fixtures'
import {
  brief,
  fuzzRuns,
  fuzzSeed,
  hostileBodyText,
  mutationOf,
  applyMutation,
  nastyString,
  type Hostile,
  type Mutation,
} from './hostile'
import { declaredRoutes, type DeclaredRoute } from './routeCapture'
import { httpSamples, type RouteSample } from './samples'

vi.mock('fastify', async (importOriginal) => {
  const { captureRoutes } = await import('./routeCapture')
  return captureRoutes(await importOriginal<typeof import('fastify')>())
})

/** The routes as the hub declares them, read from an app built on a database that is never asked anything. */
async function enumerateRoutes(): Promise<DeclaredRoute[]> {
  const unused = async () => {
    throw new Error('route enumeration touches no database')
  }
  const db = { kind: 'pglite', query: unused, exec: unused, transaction: unused, close: async () => undefined }
  const app = await buildApp(db as unknown as Database, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
  const routes = [...declaredRoutes()]
  await app.close()
  return routes
}

const routes = (await enumerateRoutes()).filter((route) => !route.websocket)
const keyOf = (route: { method: string; url: string }) => `${route.method} ${route.url}`
const takesBody = (route: DeclaredRoute) => route.schema.body !== undefined

/** Path segments a client could send in place of an id. */
const hostileSegments = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%',
  '%25',
  'x'.repeat(3000),
  '__proto__',
  'constructor',
  '-1',
  '1e400',
  '00000000-0000-0000-0000-000000000000',
  '..%2F..%2Fetc%2Fpasswd',
]

/** Percent-encodes any string, lone surrogates included (as the bytes of their WTF-8 form). */
function encodeLoose(text: string): string {
  return [...text]
    .map((char) => {
      try {
        return encodeURIComponent(char)
      } catch {
        const code = char.charCodeAt(0)
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('')
      }
    })
    .join('')
}

/**
 * Tables a refusal writes on purpose: a wrong session code counts as a near miss against the live
 * codes (and blocks one guessed too often), which is how code guessing is stopped.
 */
const refusalWrites: Record<string, string[]> = {
  'POST /api/sessions/redeem': ['remote_session_codes'],
}

type Case =
  | { kind: 'body'; variant: number; mutation: Mutation }
  | { kind: 'wholeBody'; json: Hostile; contentType: string }
  | { kind: 'param'; name: string; segment: string }
  | { kind: 'query'; name: string; value: string }
  | { kind: 'queryExtra'; text: string }
  | { kind: 'auth'; header: string }

function casesFor(route: DeclaredRoute, sample: RouteSample, validBodies: unknown[]): fc.Arbitrary<Case> {
  const choices: Array<fc.Arbitrary<Case>> = []
  if (validBodies.length > 0) {
    const mutated = fc
      .nat({ max: validBodies.length - 1 })
      .chain((variant) =>
        mutationOf(validBodies[variant]).map((mutation): Case => ({ kind: 'body', variant, mutation })),
      )
    choices.push(mutated, mutated, mutated)
    choices.push(
      fc.record({
        kind: fc.constant('wholeBody' as const),
        json: hostileBodyText,
        contentType: fc.constantFrom(
          'application/json',
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
        ),
      }),
    )
  }
  const params = Object.keys(sample.params ?? {})
  if (params.length > 0) {
    choices.push(
      fc.record({
        kind: fc.constant('param' as const),
        name: fc.constantFrom(...params),
        segment: fc.oneof(fc.constantFrom(...hostileSegments), fc.uuid()),
      }),
    )
  }
  const query = Object.keys(sample.query ?? {})
  if (query.length > 0) {
    choices.push(
      fc.record({ kind: fc.constant('query' as const), name: fc.constantFrom(...query), value: nastyString }),
    )
  }
  if (route.method === 'GET' || query.length > 0) {
    choices.push(
      fc.record({
        kind: fc.constant('queryExtra' as const),
        text: fc.constantFrom(
          '__proto__[isAdmin]=1',
          'constructor[prototype][polluted]=1',
          'after=1&after=2',
          'limit=1e400',
          'q[]=a&q[]=b',
          `q=${'x'.repeat(20_000)}`,
          'after=%00',
          'status=%ED%A0%80',
        ),
      }),
    )
  }
  if (sample.as !== null) {
    choices.push(
      fc.record({
        kind: fc.constant('auth' as const),
        header: fc.constantFrom(
          'Bearer ',
          'Bearer __proto__',
          `Bearer ${'x'.repeat(10_000)}`,
          'Basic YTpi',
          'Bearer a b c',
        ),
      }),
    )
  }
  if (choices.length === 0) choices.push(fc.constant<Case>({ kind: 'queryExtra', text: '__proto__[x]=1' }))
  return fc.oneof(...choices)
}

for (const backend of testBackends()) {
  describe(`fuzzed HTTP routes on ${backend.name}`, () => {
    let hub: SessionHub
    let samples: Record<string, RouteSample>
    let followUpToken: string
    let sessionCredential: string
    let addressCount = 0

    beforeAll(async () => {
      // Session timers far away: a session ending by itself mid-run would be a write nobody sent.
      hub = await startSessionHub(backend, { idleTimeoutMs: 86_400_000, reconnectGraceMs: 86_400_000 })
      const fixtures = await createFixtures(hub)
      followUpToken = fixtures.getHelp.followUpToken
      sessionCredential = fixtures.sessionCredential
      samples = httpSamples(fixtures)
      // Signed in up front: a first sign-in during a case would be a row written by someone else.
      for (const role of ['agent', 'specialist', 'admin'] as const) await hub.token(role)
    })
    afterAll(async () => {
      await hub?.close()
    })

    it('finds the same routes on a running hub, and a valid sample for each route that takes a body', () => {
      expect(
        declaredRoutes()
          .filter((r) => !r.websocket)
          .map(keyOf)
          .sort(),
      ).toEqual(routes.map(keyOf).sort())
      const missing = routes.filter((route) => takesBody(route) && !samples[keyOf(route)]?.bodies?.length)
      expect(missing.map(keyOf), 'routes that take a body need a valid sample in src/hub/fuzz/samples.ts').toEqual([])
      const unparametrised = routes.filter((route) => route.url.includes(':') && !samples[keyOf(route)]?.params)
      expect(unparametrised.map(keyOf), 'routes with ids need sample params in src/hub/fuzz/samples.ts').toEqual([])
    })

    for (const route of routes) {
      it(`${keyOf(route)} refuses malformed input with a 4xx and changes no row`, { timeout: 240_000 }, async () => {
        const sample = samples[keyOf(route)] ?? { as: 'agent' }
        const validBodies = (sample.bodies ?? []).map((make) => make())
        const isPush = route.url === '/api/sync/push'

        const send = async (fuzz: Case) => {
          const params = { ...sample.params }
          if (fuzz.kind === 'param') params[fuzz.name] = fuzz.segment
          let url = route.url.replace(/:(\w+)/g, (_, name: string) =>
            fuzz.kind === 'param' && fuzz.name === name ? params[name]! : encodeURIComponent(params[name] ?? ''),
          )
          const query = Object.entries(sample.query ?? {}).map(([name, value]) =>
            fuzz.kind === 'query' && fuzz.name === name
              ? `${name}=${encodeLoose(fuzz.value)}`
              : `${name}=${encodeURIComponent(value)}`,
          )
          if (fuzz.kind === 'queryExtra') query.push(fuzz.text)
          if (query.length > 0) url += `?${query.join('&')}`
          const headers: Record<string, string> = {}
          if (sample.as === 'followUp') headers.authorization = `Bearer ${followUpToken}`
          else if (sample.as === 'endUser') headers.authorization = `Bearer ${sessionCredential}`
          else if (sample.as) headers.authorization = `Bearer ${await hub.token(sample.as)}`
          if (fuzz.kind === 'auth') headers.authorization = fuzz.header
          let payload: string | undefined
          if (fuzz.kind === 'body') {
            // Each case gets fresh ids, so a create that survives the mutation is a new record.
            const fresh = sample.bodies![fuzz.variant]!()
            payload = applyMutation(fresh, fuzz.mutation)
            headers['content-type'] = 'application/json'
          } else if (fuzz.kind === 'wholeBody') {
            payload = fuzz.json.text
            headers['content-type'] = fuzz.contentType
          } else if (validBodies.length > 0) {
            payload = JSON.stringify(sample.bodies![0]!())
            headers['content-type'] = 'application/json'
          }
          // A new client address per case: rate limits are not what this suite is about.
          addressCount += 1
          const remoteAddress = `10.${(addressCount >> 16) & 255}.${(addressCount >> 8) & 255}.${addressCount & 255}`
          return hub.app.inject({ method: route.method as 'GET', url, headers, payload, remoteAddress })
        }

        await fc.assert(
          fc.asyncProperty(casesFor(route, sample, validBodies), async (fuzz) => {
            const before = await tableDigest(hub.db)
            const response = await send(fuzz)
            const status = response.statusCode
            const shown = `${status} ${brief(response.body, 300)}`
            expect(status, `5xx: ${shown}`).toBeLessThan(500)
            let accepted = status < 300
            if (isPush && status === 200) {
              const results = response.json<{ results: Array<{ status: string }> }>().results
              accepted = results.some((result) => result.status !== 'rejected')
            }
            if (accepted) return
            if (status >= 400) {
              const body = response.json<{ message?: unknown }>()
              expect(typeof body.message, `a refusal says why: ${shown}`).toBe('string')
            }
            const after = await tableDigest(hub.db)
            const written = changedTables(before, after).filter(
              (table) => !refusalWrites[keyOf(route)]?.includes(table),
            )
            expect(written.join(', '), `a refused request (${shown}) changed rows`).toBe('')
          }),
          { seed: fuzzSeed, numRuns: fuzzRuns(takesBody(route) ? 40 : 12) },
        )
        // Still answering after the whole run.
        expect((await hub.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
      })
    }
  })
}
