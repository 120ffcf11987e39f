import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema, type Account } from '@shared/auth'
import {
  changeListSchema,
  problemListSchema,
  resolveProblemResponseSchema,
  ticketRecordsSchema,
} from '@shared/records/api'
import {
  changeActionRequestSchema,
  changeSchema,
  createChangeRequestSchema,
  linkChangeTicketRequestSchema,
} from '@shared/records/change'
import {
  createProblemRequestSchema,
  knownErrorRequestSchema,
  linkIncidentRequestSchema,
  problemSchema,
  resolveProblemRequestSchema,
  updateProblemRequestSchema,
} from '@shared/records/problem'
import {
  logVendorEntryRequestSchema,
  openVendorCaseRequestSchema,
  updateVendorCaseRequestSchema,
  vendorCaseSchema,
} from '@shared/records/vendorCase'
import type { Realtime } from '../realtime'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { findTicket } from '../tickets/repository'
import { actOnChange, createChange, linkTicketToChange } from './changes'
import { RecordContext } from './context'
import { refuse, type Outcome } from './outcome'
import {
  createProblem,
  linkProblemIncident,
  markKnownError,
  resolveProblem,
  unlinkProblemIncident,
  updateProblem,
} from './problems'
import { changeTable, problemIdOfTicket, problemTable, vendorCasesOfTicket } from './repository'
import { logVendorEntry, openVendorCase, updateVendorCase } from './vendorCases'

const idParams = z.object({ id: z.uuid({ error: 'The id in the address must be a uuid' }) })
const errors = {
  400: hubErrorSchema,
  401: hubErrorSchema,
  403: hubErrorSchema,
  404: hubErrorSchema,
  409: hubErrorSchema,
}
const answers = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors })

function reply<T>(response: FastifyReply, outcome: Outcome<T>) {
  if (outcome.ok) return outcome.value
  return response.code(outcome.status).send({ error: outcome.error, message: outcome.message })
}

/**
 * Vendor cases, problems and changes. They live on the hub only (the Console fetches them while
 * online); the ticket changes they cause go through the ticket service and reach every cache.
 */
export const recordRoutes =
  (db: Database, realtime: Realtime, now?: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const ctx = new RecordContext(db, realtime, now)
    app.addHook('preHandler', requireAccount(db))

    app.get(
      '/api/tickets/:id/records',
      { schema: { params: idParams, response: answers(ticketRecordsSchema) } },
      async (request, response) => {
        const organisationId = request.account!.organisation.id
        const ticketId = request.params.id
        if (!(await findTicket(db, organisationId, ticketId))) return reply(response, refuse('unknown_ticket'))
        const problemId = await problemIdOfTicket(db, ticketId)
        return {
          vendorCases: await vendorCasesOfTicket(db, organisationId, ticketId),
          problem: problemId ? await problemTable.find(db, organisationId, problemId) : null,
          changes: await changeTable.linkedTo(db, organisationId, ticketId),
        }
      },
    )

    /** A change to one record: the id comes from the address, the body is parsed, the outcome answers. */
    const command = <B extends z.ZodType, A extends z.ZodType>(
      method: 'POST' | 'PATCH',
      url: string,
      body: B,
      answer: A,
      run: (account: Account, id: string, body: z.output<B>) => Promise<Outcome<z.output<A>>>,
    ) =>
      app.route({
        method,
        url,
        // Typed loosely for Fastify, whose types cannot follow generic schemas; `run`'s signature
        // keeps body and answer matched, and the schemas still parse both at run time.
        schema: { params: idParams, body: body as z.ZodType, response: answers(answer as z.ZodType) },
        handler: async (request, response) =>
          reply(response, await run(request.account!, request.params.id, request.body as z.output<B>)),
      })

    /** A kind of numbered record: its list, creating one, and reading one by id. */
    const collection = <C extends z.ZodType, R extends z.ZodType>(
      path: string,
      schemas: { list: z.ZodType; create: C; record: R },
      table: {
        list(db: Database, organisationId: string): Promise<z.output<R>[]>
        find(db: Database, organisationId: string, id: string): Promise<z.output<R> | null>
      },
      create: (account: Account, body: z.output<C>) => Promise<Outcome<z.output<R>>>,
    ) => {
      // Typed loosely for Fastify as in `command`; the schemas parse at run time.
      const answer = answers(schemas.record as z.ZodType)
      app.get(path, { schema: { response: answers(schemas.list) } }, async (request) =>
        table.list(db, request.account!.organisation.id),
      )
      app.post(path, { schema: { body: schemas.create as z.ZodType, response: answer } }, async (request, response) =>
        reply(response, await create(request.account!, request.body as z.output<C>)),
      )
      app.get(`${path}/:id`, { schema: { params: idParams, response: answer } }, async (request, response) => {
        const found = await table.find(db, request.account!.organisation.id, request.params.id)
        return found ?? reply(response, refuse('not_found'))
      })
    }

    command(
      'POST',
      '/api/tickets/:id/vendor-cases',
      openVendorCaseRequestSchema,
      vendorCaseSchema,
      (account, id, body) => openVendorCase(ctx, account, id, body),
    )
    command(
      'POST',
      '/api/vendor-cases/:id/entries',
      logVendorEntryRequestSchema,
      vendorCaseSchema,
      (account, id, body) => logVendorEntry(ctx, account, id, body),
    )
    command('PATCH', '/api/vendor-cases/:id', updateVendorCaseRequestSchema, vendorCaseSchema, (account, id, body) =>
      updateVendorCase(ctx, account, id, body),
    )

    collection(
      '/api/problems',
      { list: problemListSchema, create: createProblemRequestSchema, record: problemSchema },
      problemTable,
      (account, body) => createProblem(ctx, account, body),
    )
    command('PATCH', '/api/problems/:id', updateProblemRequestSchema, problemSchema, (account, id, body) =>
      updateProblem(ctx, account, id, body),
    )
    command('POST', '/api/problems/:id/known-error', knownErrorRequestSchema, problemSchema, (account, id, body) =>
      markKnownError(ctx, account, id, body),
    )
    command('POST', '/api/problems/:id/incidents', linkIncidentRequestSchema, problemSchema, (account, id, body) =>
      linkProblemIncident(ctx, account, id, body.ticketId),
    )

    app.delete(
      '/api/problems/:id/incidents/:ticketId',
      {
        schema: {
          params: idParams.extend({ ticketId: z.uuid({ error: 'The ticket id must be a uuid' }) }),
          response: answers(problemSchema),
        },
      },
      async (request, response) =>
        reply(response, await unlinkProblemIncident(ctx, request.account!, request.params.id, request.params.ticketId)),
    )

    command(
      'POST',
      '/api/problems/:id/resolve',
      resolveProblemRequestSchema,
      resolveProblemResponseSchema,
      (account, id, body) => resolveProblem(ctx, account, id, body),
    )

    collection(
      '/api/changes',
      { list: changeListSchema, create: createChangeRequestSchema, record: changeSchema },
      changeTable,
      (account, body) => createChange(ctx, account, body),
    )
    command('POST', '/api/changes/:id/actions', changeActionRequestSchema, changeSchema, (account, id, body) =>
      actOnChange(ctx, account, id, body),
    )
    command('POST', '/api/changes/:id/tickets', linkChangeTicketRequestSchema, changeSchema, (account, id, body) =>
      linkTicketToChange(ctx, account, id, body.ticketId),
    )
  }
