import type { FastifyInstance } from 'fastify'
import { describeUnstorable, findUnstorable, parseStorableJson } from '@shared/text'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route checks stored text item by item itself (the sync push, which refuses one command
     * and applies the rest of its batch); the body parser still refuses deep nesting and `__proto__`.
     */
    textCheckedPerItem?: boolean
  }
}

/** Input no route may store; answered like a schema refusal, with `invalid_request` and the field. */
export class UnstorableInputError extends Error {
  readonly statusCode = 400
}

const badRequest = (message: string) => new UnstorableInputError(message)

/**
 * Every JSON body, query string and path parameter is checked before any handler or schema sees
 * it: text PostgreSQL cannot store and documents nested past the limit are refused with a 400
 * that names the field, so no route can fail on them deep in storage.
 */
export function installStorableInput(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined)
    const parsed = parseStorableJson(body as string, {
      checkText: request.routeOptions.config.textCheckedPerItem !== true,
    })
    if (parsed.ok) done(null, parsed.value)
    else done(badRequest(parsed.error), undefined)
  })
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      const problem = findUnstorable(value)
      if (problem) throw badRequest(`${part}.${describeUnstorable(problem)}`)
    }
  })
}
