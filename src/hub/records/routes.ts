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
import {
  changesOfTicket,
  findChange,
  findProblem,
  listChanges,
  listProblems,
  problemIdOfTicket,
  vendorCasesOfTicket,
} from './repository'
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
          problem: problemId ? await findProblem(db, organisationId, problemId) : null,
          changes: await changesOfTicket(db, organisationId, ticketId),
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

    app.get('/api/problems', { schema: { response: answers(problemListSchema) } }, async (request) =>
      listProblems(db, request.account!.organisation.id),
    )

    app.post(
      '/api/problems',
      { schema: { body: createProblemRequestSchema, response: answers(problemSchema) } },
      async (request, response) => reply(response, await createProblem(ctx, request.account!, request.body)),
    )

    app.get(
      '/api/problems/:id',
      { schema: { params: idParams, response: answers(problemSchema) } },
      async (request, response) => {
        const problem = await findProblem(db, request.account!.organisation.id, request.params.id)
        return problem ?? reply(response, refuse('not_found'))
      },
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

    app.get('/api/changes', { schema: { response: answers(changeListSchema) } }, async (request) =>
      listChanges(db, request.account!.organisation.id),
    )

    app.post(
      '/api/changes',
      { schema: { body: createChangeRequestSchema, response: answers(changeSchema) } },
      async (request, response) => reply(response, await createChange(ctx, request.account!, request.body)),
    )

    app.get(
      '/api/changes/:id',
      { schema: { params: idParams, response: answers(changeSchema) } },
      async (request, response) => {
        const change = await findChange(db, request.account!.organisation.id, request.params.id)
        return change ?? reply(response, refuse('not_found'))
      },
    )

    command('POST', '/api/changes/:id/actions', changeActionRequestSchema, changeSchema, (account, id, body) =>
      actOnChange(ctx, account, id, body),
    )
    command('POST', '/api/changes/:id/tickets', linkChangeTicketRequestSchema, changeSchema, (account, id, body) =>
      linkTicketToChange(ctx, account, id, body.ticketId),
    )
  }
